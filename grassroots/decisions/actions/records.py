"""Counting, filing the decision record with the commune (Art 20) and its recognition (Art 21)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError

from .. import ballot_box, notify, rules
from ..access import can_count_early, can_receive_filings, can_recognize
from ..calendar import work_calendar
from ..models import Ballot, Form, Matter, Meeting, Participation, Status, TeamMember
from ._guards import AlreadyVoted, _event, _require_manager, _require_status, _save


# --- Counting, filing, recognition -------------------------------------------------------------
def compute_result(matter: Matter) -> dict[str, Any]:
    """The result from the recorded ballots of the current round (what verify_tally recomputes)."""
    snapshots = list(matter.villages.select_related("unit").order_by("unit__code"))
    rows = (
        Ballot.objects.filter(matter=matter, round=matter.round)
        .values("village_id", "channel", "choice")
        .annotate(n=Count("id"))
    )
    channels: dict[str, int] = {}
    counted = []
    for row in rows:
        counted.append((row["village_id"], row["choice"], row["n"]))
        channels[row["channel"]] = channels.get(row["channel"], 0) + row["n"]
    count = rules.count_ballots(
        matter.rule_item, matter.rule_scope, [(s.unit_id, s.household_count) for s in snapshots], counted
    )
    villages = []
    for s, (_unit_id, vr) in zip(snapshots, count.villages, strict=True):
        t = vr.tally
        villages.append({"unit": s.unit.code, "households": s.household_count, "agree": t.agree, "disagree": t.disagree,
                         "other": t.other, "adopted": vr.adopts(matter.rule_item)})  # fmt: skip
    total = count.total
    return {
        "rules_version": matter.rules_version,
        "item": matter.item,
        "scope": matter.scope,
        "round": matter.round,
        "form": matter.form,
        "households": matter.household_count,
        "villages": villages,
        "channels": dict(sorted(channels.items())),
        "agree": total.agree,
        "disagree": total.disagree,
        "other": total.other,
        "total": total.total,
        "participants": Participation.objects.filter(matter=matter, round=matter.round).count(),
        "adopted": count.adopted,
        "ballots_digest": ballots_digest(matter),
    }


def ballots_digest(matter: Matter) -> str:
    """SHA-256 over every counted ballot (token, village, channel, choice, receipt hash), in token order:
    published with the result, so any later change to a ballot row is detectable (verify_tally)."""
    digest = hashlib.sha256()
    rows = (
        Ballot.objects.filter(matter=matter, round=matter.round)
        .order_by("token")
        .values_list("token", "village_id", "channel", "choice", "receipt_hash")
    )
    for row in rows.iterator(chunk_size=5000):
        digest.update("|".join(str(v) for v in row).encode() + b"\n")
    return digest.hexdigest()


def outstanding_slips(matter: Matter) -> int:
    """Households of the ballot round whose slip has not come back yet."""
    returned = Participation.objects.filter(matter=matter, round=matter.round).count()
    return max((matter.household_count or 0) - returned, 0)


def counts_early(matter: Matter, now: dt.datetime) -> bool:
    """A ballot count while slips are still out, before their announced end (D59 Art 4(4)–(6)).

    When no end was announced, any count while slips are out is early too: the reading that protects
    the households still holding their slips (issue 8), who keep their chance until the village head
    decides otherwise and says why."""
    return (
        matter.form == Form.BALLOT
        and (matter.closes_at is None or now < matter.closes_at)
        and outstanding_slips(matter) > 0
    )


def _current_meeting(matter: Matter) -> Meeting | None:
    return matter.meetings.filter(round=matter.round).order_by("-pk").first()


def filing_starts_on(matter: Matter, now: dt.datetime) -> dt.date:
    """The day the 5 working days of Art 20(3) count from: the day of the meeting, or the end of the
    ballot or online-vote period (its announced end, or the count if it came earlier); never the day
    somebody clicked "close" after the end."""
    meeting = _current_meeting(matter) if matter.form == Form.MEETING else None
    return rules.filing_starts_on(
        meeting_on=timezone.localdate(meeting.starts_at) if meeting is not None else None,
        period_ends_on=timezone.localdate(matter.closes_at) if matter.closes_at is not None else None,
        counted_on=timezone.localdate(now),
    )


@transaction.atomic
def close_matter(matter: Matter, *, actor: User | None, reason: str = "") -> Matter:
    """Count, publish the result and start the 5-working-day filing clock (Art 20(3)).

    Ballot slips are counted before their announced end, while some are still out, only by the
    village head (the commune chair for a commune-wide ballot) who records why.
    """
    if actor is not None:
        _require_manager(actor, matter)
    # One count at a time: the row lock makes a second count (a double click, the scheduled close) wait,
    # then find the matter closed; a vote or slip being recorded meanwhile waits too (voting.py).
    locked = Matter.objects.select_for_update().get(pk=matter.pk)
    matter.status, matter.round = locked.status, locked.round
    _require_status(matter, Status.OPEN)
    now = timezone.now()
    if matter.form == Form.MEETING:
        meeting = _current_meeting(matter)
        if meeting is None or meeting.closed_at is None:
            # Art 19(1)(b): a meeting without its count (or too few households to count) decides nothing.
            raise DomainError(
                _(
                    "Record the count of the meeting first; if too few households came, switch to household ballots. (Law Art 19(1)(b))"
                )
            )
    if matter.form == Form.ONLINE and matter.closes_at is not None and now < matter.closes_at:
        # The announced voting window is kept (D59 Art 5(3)): nobody closes it early.
        raise DomainError(_("The online vote is open until %(time)s; it cannot be closed earlier.") % {
            "time": formats.date_format(timezone.localtime(matter.closes_at), "DATETIME_FORMAT")})  # fmt: skip
    if matter.form == Form.BALLOT:
        # D59 Art 4(3), 4(6)(a): a ballot team of 3–5 counts the slips, witnessed by 2 household representatives.
        if not rules.team_size_ok(matter.team.filter(team=TeamMember.Team.BALLOT_TEAM).count()):
            raise DomainError(_("Record the ballot team of 3 to 5 members who count the slips. (D59 Art 4(3))"))
        if not rules.witnesses_ok(matter.team.filter(team=TeamMember.Team.WITNESS).count()):
            raise DomainError(_("Record the 2 household representatives who witness the count. (D59 Art 4(6)(a))"))
    # Only a count that could go ahead asks for the village head's reason to count early.
    if counts_early(matter, now):
        if (actor is None or not can_count_early(actor, matter)) and matter.closes_at is None:
            raise DomainError(
                _(
                    "%(outstanding)s ballot slips are still out and no day was announced for their return: only the village head may count now, giving the reason. (D59 Art 4(4))"
                )
                % {"outstanding": outstanding_slips(matter)}
            )
        if actor is None or not can_count_early(actor, matter):
            raise DomainError(
                _(
                    "The ballot slips are due back by %(time)s and %(outstanding)s are still out: only the village head may count them earlier, giving the reason. (D59 Art 4(4))"
                )
                % {
                    "time": formats.date_format(timezone.localtime(matter.closes_at), "DATETIME_FORMAT"),
                    "outstanding": outstanding_slips(matter),
                }
            )
        if not reason.strip():
            raise DomainError(
                _("Write why the slips are counted before the announced end while some are still out."),
                field="reason",
            )
        matter.early_count_reason = reason.strip()
    counted = ballot_box.empty_box(matter)
    result = compute_result(matter)
    # The count is bound to the audit chain: a ballot changed in the database afterwards no longer matches
    # this event's digest (verify_tally, audit_verify).
    _event("ballots_counted", actor, matter, round=matter.round, ballots=result["total"], unsealed=counted,
           digest=result["ballots_digest"])  # fmt: skip
    matter.result, matter.adopted, matter.closed_at, matter.status = result, result["adopted"], now, Status.CLOSED
    starts_on = filing_starts_on(matter, now)
    matter.filing_due_on = rules.filing_due_on(starts_on, work_calendar(starts_on))
    _save(matter, "result", "adopted", "closed_at", "status", "filing_due_on", "early_count_reason")
    _event("matter_closed", actor, matter, adopted=result["adopted"], agree=result["agree"], total=result["total"],
           early_count_reason=matter.early_count_reason or None)  # fmt: skip
    transaction.on_commit(lambda: notify.result_published.enqueue(matter.pk))
    return matter


@transaction.atomic
def file_record(matter: Matter, *, actor: User, decision_text: str, signatories: dict[str, Any]) -> Matter:
    """Send the decision record (Form 03) to UBND xã and MTTQ xã (Art 20(2)–(3))."""
    _require_manager(actor, matter)
    _require_status(matter, Status.CLOSED)
    required = ["village_head", "front_head", "representative_1", "representative_2"]
    missing = [key for key in required if not str(signatories.get(key, "")).strip()]
    if missing:
        raise DomainError(
            _(
                "The record is signed by the village head, the head of the Front work committee and 2 household representatives. (Law Art 20(2)(g))"
            ),
            field=missing[0],
        )
    if not decision_text.strip():
        raise DomainError(_("Write the decision."), field="decision_text")
    now = timezone.now()
    today = timezone.localdate(now)
    matter.decision_text, matter.signatories, matter.filed_at = decision_text.strip(), signatories, now
    who = rules.recognizer(matter.rule_item, matter.rule_scope)
    if not matter.adopted:
        matter.status = Status.FILED
    elif who is rules.Recognizer.NONE:
        # Items 1, 2 and 6 in one village take effect on adoption (Art 21(2)).
        matter.status, matter.effective_on = Status.EFFECTIVE, timezone.localdate(matter.closed_at)
    else:
        matter.status = Status.FILED
        matter.recognition_due_on = rules.recognition_due_on(today, work_calendar(today))
    _save(matter, "decision_text", "signatories", "filed_at", "status", "effective_on", "recognition_due_on")
    _event("record_filed", actor, matter, late=rules.is_overdue(matter.filing_due_on, False, today))
    return matter


# Apps built on decisions that keep their own record of a matter (a village convention's version, D61 Art 11)
# follow its recognition or refusal, wherever it is decided (the commune's queue or their own console): each
# registers a listener in AppConfig.ready(), called inside the decision's transaction with the matter and the
# actor, so that both records change together or not at all.
DecidedListener = Callable[[Matter, User], None]
_decided_listeners: list[DecidedListener] = []


def register_decided_listener(listener: DecidedListener) -> None:
    if listener not in _decided_listeners:
        _decided_listeners.append(listener)


def _tell_decided(matter: Matter, actor: User) -> None:
    for listener in _decided_listeners:
        listener(matter, actor)


@transaction.atomic
def recognize(matter: Matter, *, actor: User, effective_on: dt.date | None = None) -> Matter:
    """UBND xã (items 3–4, and the date of commune-wide items 1–2) or MTTQ xã (item 5) recognizes."""
    if not can_recognize(actor, matter):
        raise DomainError(_("You may not recognize this decision."))
    _require_status(matter, Status.FILED)
    if not matter.adopted:
        raise DomainError(_("The matter was not adopted; there is nothing to recognize."))
    today = timezone.localdate()
    matter.status, matter.decided_at, matter.decided_by = Status.RECOGNIZED, timezone.now(), actor
    matter.effective_on = effective_on or today
    _save(matter, "status", "decided_at", "decided_by", "effective_on")
    _event("recognized", actor, matter, late=rules.is_overdue(matter.recognition_due_on, False, today))
    _tell_decided(matter, actor)
    return matter


@transaction.atomic
def refuse(matter: Matter, *, actor: User, reason: str) -> Matter:
    """A refusal is in writing, with reasons (Art 21(2))."""
    if not can_recognize(actor, matter):
        raise DomainError(_("You may not recognize this decision."))
    _require_status(matter, Status.FILED)
    if not reason.strip():
        raise DomainError(_("Give the reasons for the refusal in writing. (Law Art 21(2))"), field="reason")
    matter.status, matter.decided_at, matter.decided_by, matter.refusal_reason = (
        Status.REFUSED,
        timezone.now(),
        actor,
        reason.strip(),
    )
    _save(matter, "status", "decided_at", "decided_by", "refusal_reason")
    _event("refused", actor, matter)
    _tell_decided(matter, actor)
    return matter


__all__ = ["AlreadyVoted", "can_receive_filings"]
