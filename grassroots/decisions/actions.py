"""Every write to a community matter: each in a transaction, each with an audit event."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core import audit, sealing
from grassroots.core.errors import DomainError
from grassroots.people.actions import household_count_on
from grassroots.people.models import Household
from grassroots.territory.models import Unit

from . import ballot_box, notify, rules
from .access import (
    can_agree,
    can_count_early,
    can_manage,
    can_receive_filings,
    can_recognize,
    may_table_as,
    voting_household,
)
from .calendar import work_calendar
from .models import (
    Attendance,
    Ballot,
    Channel,
    Cluster,
    Consent,
    DecisionForm,
    IdempotencyKey,
    Matter,
    MatterVillage,
    Meeting,
    Participation,
    SlipDistribution,
    Status,
    StepCorrection,
    TabledVia,
    TeamMember,
)

# Before these states the preparation steps may still change; from the opening on they are frozen.
PREPARING = frozenset({Status.DRAFT, Status.GATHERING})


class AlreadyVoted(DomainError):
    """A second vote from the same household in the same round, by any channel."""


def _refuse(verdict: rules.Verdict) -> None:
    if not verdict.ok:
        raise DomainError(f"{verdict.reason} ({verdict.article})")


def _require_manager(actor: User, matter: Matter) -> None:
    if not can_manage(actor, matter):
        raise DomainError(
            _("Only the village head or the head of the Front work committee of this village may do this.")
        )


def _require_status(matter: Matter, *statuses: str) -> None:
    if matter.status not in statuses:
        raise DomainError(
            _("This step is not possible now: the matter is “%(status)s”.") % {"status": matter.get_status_display()}
        )


def _require_current_meeting(matter: Matter, meeting: Meeting) -> None:
    """A meeting's attendance and count belong to the round it was held for, while the matter is still
    decided at a meeting: not after the switch to ballots (Art 19(1)(b)), nor twice."""
    if matter.form != DecisionForm.MEETING or meeting.round != matter.round:
        raise DomainError(_("This meeting no longer decides the matter: it is decided in another form or round."))


def _save(matter: Matter, *fields: str) -> None:
    matter.save(update_fields=list(fields))


def _event(verb: str, actor: Any, matter: Matter, **data: Any) -> None:
    audit.record(f"decisions.{verb}", actor=actor, target=matter, unit_id=matter.unit_id, data=data)


def village_units(matter: Matter, day: dt.date | None = None) -> list[Unit]:
    """The villages a matter counts: its own, or every village of the commune that exists on the day
    (a merged or ended village is not in V; law.md 10.A.2)."""
    if matter.scope == rules.Scope.VILLAGE:
        return [matter.unit]
    villages = Unit.objects.filter(parent=matter.unit).villages()
    return list(villages.valid_on(day or timezone.localdate()).order_by("code"))


@transaction.atomic
def create_matter(
    *, actor: User, unit: Unit, item: int, title: str, question: str, description: str = "", tabled_via: str
) -> Matter:
    """Table a matter (Art 16): in a village by its head with the Front work committee; commune-wide
    by the chair; or as a citizen initiative, which first collects consents."""
    scope = rules.Scope.VILLAGE if unit.is_village_level else rules.Scope.COMMUNE
    if not (unit.is_village_level or unit.is_commune_level):
        raise DomainError(_("A matter belongs to a village or a commune."), field="unit")
    _refuse(rules.scope_allowed(rules.Item(item), scope))
    matter = Matter(unit=unit, item=item, scope=scope, title=title, question=question, description=description,
                    tabled_via=tabled_via, created_by=actor)  # fmt: skip
    if not can_manage(actor, matter):
        raise DomainError(_("You may not table matters for this unit."))
    if not may_table_as(actor, unit, tabled_via):
        # A village head tabling "as the commune chair" would skip the agreements of Art 16(2).
        raise DomainError(
            _(
                "You may not table the matter this way: the commune chair tables commune-wide matters, the village head village matters, and either the village head or the Front work committee head records a citizen initiative. (Law Art 16)"
            ),
            field="tabled_via",
        )
    matter.status = Status.GATHERING if tabled_via == TabledVia.INITIATIVE else Status.DRAFT
    matter.save()
    _event("matter_created", actor, matter, item=item, scope=scope.value, tabled_via=tabled_via)
    return matter


def _require_preparing(matter: Matter) -> None:
    if matter.status not in PREPARING:
        raise DomainError(
            _("The matter is already open: its agreements and notices are fixed and cannot be recorded again.")
        )


def _correction(matter: Matter, *, actor: User, step: str, old: Any, new: Any, reason: str) -> None:
    """After the opening a step is changed only by a new, audited entry that keeps the old value."""
    if not reason.strip():
        raise DomainError(
            _("The matter is already open: give the reason for the correction. The old value is kept."),
            field="reason",
        )
    StepCorrection.objects.create(matter=matter, step=step, old_value=old, new_value=new, reason=reason.strip(),
                                  corrected_by=actor)  # fmt: skip
    _event("step_corrected", actor, matter, step=step, old=old, new=new)


@transaction.atomic
def record_agreement(matter: Matter, *, actor: User, who: str) -> None:
    """The village head and the Front work committee head agree (Art 16(2); D59 Art 5(1)(b)), each
    for themselves (`access.can_agree`), once, before the matter opens."""
    field = {"head": "head_agreed_at", "front": "front_agreed_at"}[who]
    if not can_agree(actor, matter, who):
        raise DomainError(
            _("Only the village head records the village head's agreement. (Law Art 16(2))")
            if who == "head"
            else _(
                "Only the head of the village's Front work committee records the committee's agreement, or the commune Front where the village has none. (Law Art 16(2))"
            )
        )
    _require_preparing(matter)
    if getattr(matter, field) is not None:
        raise DomainError(_("This agreement was already recorded."))
    setattr(matter, field, timezone.now())
    _save(matter, field)
    _event("agreement_recorded", actor, matter, who=who)


@transaction.atomic
def record_notification(matter: Matter, *, actor: User, body: str) -> None:
    """The commune People's Committee / commune Front were told before an online vote (D59 Art 5(2)(a)):
    recorded once, before the matter opens."""
    _require_manager(actor, matter)
    _require_preparing(matter)
    field = {"committee": "commune_committee_notified_at", "front": "commune_front_notified_at"}[body]
    if getattr(matter, field) is not None:
        raise DomainError(_("This notification was already recorded."))
    setattr(matter, field, timezone.now())
    _save(matter, field)
    _event("commune_notified", actor, matter, body=body)


def _households_now(matter: Matter) -> int:
    """H: the snapshot once the matter is open, else today's count."""
    if matter.household_count is not None:
        return matter.household_count
    return household_count_on(matter.unit, timezone.localdate())


@transaction.atomic
def record_optin_poll(matter: Matter, *, actor: User, yes: int, reason: str = "") -> None:
    """The result of the prior poll on using online voting (D59 Art 5(1)(c)). No more households can
    choose than there are; once the matter is open, a change is a correction with its reason."""
    _require_manager(actor, matter)
    _require_status(matter, *PREPARING, Status.OPEN)
    if yes < 0:
        raise DomainError(_("The number of households cannot be negative."), field="yes")
    households = _households_now(matter)
    if yes > households:
        raise DomainError(
            _("The village has %(households)s households: no more can have chosen online voting.")
            % {"households": households},
            field="yes",
        )
    old = matter.optin_yes
    if matter.status not in PREPARING:
        _correction(matter, actor=actor, step=StepCorrection.Step.OPTIN, old=old, new=yes, reason=reason)
    matter.optin_yes = yes
    _save(matter, "optin_yes")
    _event("optin_recorded", actor, matter, yes=yes, previous=old)


def _members(matter: Matter, team: str) -> list[list[Any]]:
    rows = TeamMember.objects.filter(matter=matter, team=team).order_by("pk")
    return [[m.name, m.role, m.is_lead] for m in rows]


@transaction.atomic
def set_team(matter: Matter, *, actor: User, team: str, members: list[tuple[str, str, bool]], reason: str = "") -> None:
    """Ballot team, counting committee or online-vote team: 3–5 members, led by the Front representative.
    Once the matter is open, replacing a team already recorded is a correction with its reason."""
    _require_manager(actor, matter)
    _require_status(matter, *PREPARING, Status.OPEN)
    if team == TeamMember.Team.WITNESS:
        if not rules.witnesses_ok(len(members)):
            raise DomainError(
                _("A count is witnessed by exactly 2 household representatives. (D59 Art 3(5)(c), Art 4(6)(a))"),
                field="members",
            )
    elif not rules.team_size_ok(len(members)):
        raise DomainError(_("The team has 3 to 5 members. (D59 Art 3(5)(c), Art 4(3), Art 5(2)(b))"), field="members")
    elif team != TeamMember.Team.COUNTING_COMMITTEE and sum(1 for _n, _r, lead in members if lead) != 1:
        raise DomainError(
            _("Mark the Front work committee representative who leads the team. (D59 Art 4(3), Art 5(2)(b))"),
            field="members",
        )
    old = _members(matter, team)
    if old and matter.status not in PREPARING:
        new = [[n, r, lead] for n, r, lead in members]
        _correction(matter, actor=actor, step=team, old=old, new=new, reason=reason)
    TeamMember.objects.filter(matter=matter, team=team).delete()
    TeamMember.objects.bulk_create(
        [TeamMember(matter=matter, team=team, name=n, role=r, is_lead=lead) for n, r, lead in members]
    )
    _event("team_set", actor, matter, team=team, size=len(members))


def _snapshot(matter: Matter, today: dt.date) -> None:
    """H of each village and V on the day of the vote (law.md 10.A.2)."""
    villages = village_units(matter, today)
    if not villages:
        raise DomainError(_("The commune has no villages in the register."))
    MatterVillage.objects.filter(matter=matter).delete()
    counts = [MatterVillage(matter=matter, unit=v, household_count=household_count_on(v, today)) for v in villages]
    MatterVillage.objects.bulk_create(counts)
    matter.household_count = sum(c.household_count for c in counts)
    matter.village_count = len(villages)
    matter.rules_version = rules.RULES_VERSION


def online_blockers(matter: Matter, households: int | None = None) -> list[rules.Verdict]:
    return rules.online_vote_blockers(
        item=matter.rule_item,
        head_agreed=matter.head_agreed_at is not None,
        front_agreed=matter.front_agreed_at is not None,
        optin_yes=matter.optin_yes,
        households=households if households is not None else household_count_on(matter.unit, timezone.localdate()),
        commune_committee_notified=matter.commune_committee_notified_at is not None,
        commune_front_notified=matter.commune_front_notified_at is not None,
    )


@transaction.atomic
def open_matter(matter: Matter, *, actor: User, form: str, closes_at: dt.datetime | None = None) -> Matter:
    """Open the matter for decision in the chosen form, snapshotting H (and V) now (law.md 10.A.2)."""
    _require_manager(actor, matter)
    _require_status(matter, Status.DRAFT)
    # Every village matter needs both agreements, however it was tabled (Art 16(2)).
    if matter.scope == rules.Scope.VILLAGE and (matter.head_agreed_at is None or matter.front_agreed_at is None):
        raise DomainError(
            _(
                "The village head and the head of the Front work committee must agree before the matter goes to households. (Law Art 16(2))"
            )
        )
    _refuse(rules.form_allowed(matter.rule_item, matter.rule_scope, rules.Form(form)))
    if matter.scope == rules.Scope.COMMUNE and form != DecisionForm.BALLOT:
        raise DomainError(
            _("A commune-wide matter is decided by household ballots in every village. (Law Art 19(1)(a))")
        )
    today = timezone.localdate()
    _snapshot(matter, today)
    if form == DecisionForm.BALLOT and closes_at is not None and closes_at <= timezone.now():
        raise DomainError(_("The day the slips are due back must be in the future."), field="closes_at")
    if form == DecisionForm.ONLINE:
        blockers = online_blockers(matter, matter.household_count)
        if blockers:
            raise DomainError("; ".join(f"{b.reason} ({b.article})" for b in blockers))
        if closes_at is None or closes_at <= timezone.now():
            raise DomainError(_("Set when the online vote ends."), field="closes_at")
        if not rules.team_size_ok(matter.team.filter(team=TeamMember.Team.ONLINE_TEAM).count()):
            raise DomainError(_("Set up the online-vote team of 3 to 5 members first. (D59 Art 5(2)(b))"))
    matter.form, matter.status, matter.opened_at, matter.closes_at = form, Status.OPEN, timezone.now(), closes_at
    _save(matter, "form", "status", "opened_at", "closes_at", "household_count", "village_count", "rules_version")
    _event("matter_opened", actor, matter, form=form, households=matter.household_count, villages=matter.village_count,
           rules_version=matter.rules_version)  # fmt: skip
    transaction.on_commit(lambda: notify.matter_opened.enqueue(matter.pk))
    return matter


# --- Citizen initiatives (Art 16(3)) -------------------------------------------------------------
@transaction.atomic
def record_consent(matter: Matter, *, actor: User, household: Household, given_on: dt.date) -> int:
    """Record a household's consent; the matter is tabled once valid consents reach 10% of households."""
    _require_manager(actor, matter)
    _require_status(matter, Status.GATHERING)
    if not household.unit.path.startswith(matter.unit.path):
        raise DomainError(_("This household is not in the village of the matter."), field="household")
    try:
        with transaction.atomic():
            Consent.objects.create(matter=matter, household=household, given_on=given_on, recorded_by=actor)
    except IntegrityError:
        raise DomainError(_("This household has already consented."), field="household") from None
    today = timezone.localdate()
    valid = sum(1 for c in matter.consents.all() if rules.consent_valid_on(c.given_on, today))
    households = household_count_on(matter.unit, today)
    _event("consent_recorded", actor, matter, valid=valid)
    if rules.initiative_tabled(valid, households):
        matter.status = Status.DRAFT
        _save(matter, "status")
        _event("initiative_tabled", actor, matter, consents=valid, households=households)
    return valid


# --- Online voting (D59 Art 5) ------------------------------------------------------------------
def _receipt() -> str:
    return secrets.token_hex(10).upper()


def receipt_hash(receipt: str) -> str:
    return hashlib.sha256(receipt.encode()).hexdigest()


def _log_second_attempt(matter_id: int, actor: User, channel: str) -> None:
    """A refused second vote is logged — outside the rolled-back transaction of the attempt."""
    matter = Matter.objects.only("unit_id").get(pk=matter_id)
    with transaction.atomic():
        audit.record(
            "decisions.second_vote_refused",
            actor=actor,
            target=matter,
            unit_id=matter.unit_id,
            data={"channel": channel},
        )


def cast_online_vote(
    matter_id: int,
    *,
    user: User,
    choice: str,
    comment: str = "",
    idempotency_key: str | None = None,
    in_transaction: Callable[[], object] | None = None,
) -> tuple[str, bool]:
    try:
        return _cast_online_vote(matter_id, user=user, choice=choice, comment=comment, idempotency_key=idempotency_key,
                                 in_transaction=in_transaction)  # fmt: skip
    except AlreadyVoted:
        _log_second_attempt(matter_id, user, Channel.ONLINE)
        raise


def _cast_online_vote(
    matter_id: int,
    *,
    user: User,
    choice: str,
    comment: str = "",
    idempotency_key: str | None = None,
    in_transaction: Callable[[], object] | None = None,
) -> tuple[str, bool]:
    """One household, one vote, exactly once (D59 Art 5; 10.A.1). Returns (receipt, created).

    The same `idempotency_key` from the same user returns the first receipt and records nothing.
    `in_transaction`: the caller's own write for this request (the API token's last use), done in the
    vote's transaction, before the audit chain's head is taken, so that a vote commits once.
    """
    if choice not in {c.value for c in rules.Choice}:
        raise DomainError(_("Choose agree, disagree or other opinion."), field="choice")
    if choice == rules.Choice.OTHER and not comment.strip():
        raise DomainError(_("Write your other opinion."), field="comment")
    with transaction.atomic():
        if idempotency_key:
            known = IdempotencyKey.objects.filter(user=user, key=idempotency_key).first()
            if known is not None:
                if known.matter_id != matter_id:
                    raise DomainError(
                        _("This Idempotency-Key was already used for another matter."), field="idempotency_key"
                    )
                return _open_receipt(known), False
        matter = Matter.objects.select_related("unit").get(pk=matter_id)
        if matter.status != Status.OPEN or matter.form != DecisionForm.ONLINE:
            raise DomainError(_("This matter is not open for online voting."))
        now = timezone.now()
        if matter.closes_at is not None and now >= matter.closes_at:
            raise DomainError(_("The online vote has ended."))
        household = voting_household(user, matter)
        if household is None:
            raise DomainError(_("Only the verified representative of a household of this village can vote."))
        try:
            with transaction.atomic():
                Participation.objects.create(matter=matter, round=matter.round, household=household,
                                             channel=Channel.ONLINE, recorded_on=timezone.localdate(now),
                                             recorded_by=user)  # fmt: skip
        except IntegrityError:
            # A retry with the same Idempotency-Key can race its first request. PostgreSQL (READ
            # COMMITTED) lets both pass the look-up above; the unique index makes this one wait until
            # the first commits, and by then its key is visible: answer with the first receipt.
            known = IdempotencyKey.objects.filter(user=user, key=idempotency_key).first() if idempotency_key else None
            if known is not None and known.matter_id == matter_id:
                return _open_receipt(known), False
            raise AlreadyVoted(_("Your household has already voted on this matter.")) from None
        receipt = _receipt()
        ballot_box.drop(matter, ballot_box.Content(village_id=household.unit_id, channel=Channel.ONLINE, choice=choice,
                                                   comment=comment.strip(), receipt_hash=receipt_hash(receipt)))  # fmt: skip
        if idempotency_key:
            sealed = sealing.seal(RECEIPT_PURPOSE, receipt.encode(), context=_receipt_context(user.pk, idempotency_key))
            try:
                with transaction.atomic():
                    IdempotencyKey.objects.create(user=user, key=idempotency_key, matter=matter, sealed_receipt=sealed)
            except IntegrityError:  # the same key sent at the same moment for another matter
                raise DomainError(
                    _("This Idempotency-Key was already used for another matter."), field="idempotency_key"
                ) from None
        if in_transaction is not None:
            in_transaction()
        # The event records the participation (who, which channel), never the ballot.
        audit.record(
            "decisions.vote_cast", actor=user, target=matter, unit_id=matter.unit_id, data={"channel": "online"}
        )
    return receipt, True


RECEIPT_PURPOSE = "decisions.idempotent-receipt"


def _receipt_context(user_id: int, key: str) -> str:
    return f"user={user_id};key={key}"


def _open_receipt(known: IdempotencyKey) -> str:
    return sealing.unseal(
        RECEIPT_PURPOSE, known.sealed_receipt, context=_receipt_context(known.user_id, known.key)
    ).decode()


# --- Meetings (Art 18; D59 Art 3) ------------------------------------------------------------------
@transaction.atomic
def schedule_meeting(matter: Matter, *, actor: User, starts_at: dt.datetime, place: str, notice_sent_on: dt.date,
                     documents_delivered_on: dt.date | None = None) -> Meeting:  # fmt: skip
    _require_manager(actor, matter)
    _require_status(matter, Status.DRAFT, Status.OPEN)
    if matter.scope == rules.Scope.COMMUNE:
        raise DomainError(_("A commune-wide matter is decided by household ballots in every village."))
    if matter.form and matter.form != DecisionForm.MEETING:
        raise DomainError(_("This matter is not being decided at a meeting."))
    meeting_day = timezone.localtime(starts_at).date()
    if not rules.notice_in_time(notice_sent_on, meeting_day):
        raise DomainError(
            _("The notice must reach households at least 2 days before the meeting. (D59 Art 3(3))"),
            field="notice_sent_on",
        )
    if rules.documents_required(matter.rule_item) and (
        documents_delivered_on is None or not rules.notice_in_time(documents_delivered_on, meeting_day)
    ):
        raise DomainError(
            _(
                "For this matter the documents must reach every household at least 2 days before the meeting. (D59 Art 3(4))"
            ),
            field="documents_delivered_on",
        )
    meeting = Meeting.objects.create(matter=matter, round=matter.round, starts_at=starts_at, place=place,
                                     notice_sent_on=notice_sent_on, notice_posted_on=notice_sent_on,
                                     documents_delivered_on=documents_delivered_on)  # fmt: skip
    _event("meeting_scheduled", actor, matter, meeting=meeting.pk, starts=starts_at.isoformat())
    return meeting


@transaction.atomic
def record_attendance(meeting: Meeting, *, actor: User, household: Household, cluster: Cluster | None = None) -> int:
    """A household representative is present (recorded by household, never by person). At a meeting by
    residential cluster (Art 18(3); D59 Art 3(6)) in the cluster where it attends, once for the meeting."""
    matter = meeting.matter
    _require_manager(actor, matter)
    _require_status(matter, Status.OPEN)
    _require_current_meeting(matter, meeting)
    if not household.unit.path.startswith(matter.unit.path) or household.dissolved_on is not None:
        raise DomainError(_("This household is not in the village of the matter."), field="household")
    clustered = meeting.clusters.exists()
    if cluster is not None or clustered:
        _require_cluster_open(meeting, cluster)
    existing = Attendance.objects.filter(meeting=meeting, household=household).select_related("cluster").first()
    if existing is not None:
        if cluster is not None and existing.cluster_id != cluster.pk:
            raise DomainError(
                _("Household %(code)s is already present at the meeting of cluster “%(cluster)s”.")
                % {"code": household.code, "cluster": existing.cluster.name if existing.cluster else "—"},
                field="household",
            )
        return meeting.attendance.count()
    Attendance.objects.create(meeting=meeting, household=household, cluster=cluster)
    _event("attendance_recorded", actor, matter, meeting=meeting.pk, cluster=cluster.pk if cluster else None)
    return meeting.attendance.count()


def _require_cluster_open(meeting: Meeting, cluster: Cluster | None) -> None:
    """A cluster records attendance and its count only under a plan the commune approved (D59 Art 3(6))."""
    if cluster is None:
        raise DomainError(_("This meeting is held by residential cluster: choose the cluster."), field="cluster")
    if cluster.meeting_id != meeting.pk:
        raise DomainError(_("This cluster belongs to another meeting."), field="cluster")
    if meeting.cluster_plan_approved_on is None:
        raise DomainError(
            _(
                "The cluster plan has not been approved by the commune People's Committee yet: record the date of its approval first. (Law Art 18(3); D59 Art 3(6))"
            ),
            field="cluster",
        )
    if cluster.counted_at is not None:
        raise DomainError(
            _("The count of cluster “%(cluster)s” was already recorded.") % {"cluster": cluster.name}, field="cluster"
        )


def meeting_outlook(meeting: Meeting) -> dict[str, Any]:
    """Households present, H on the day of the meeting, and whether the threshold can still be reached
    (10.A.2, 10.C.11–12)."""
    matter = meeting.matter
    present = meeting.attendance.count()
    households = household_count_on(matter.unit, timezone.localdate(meeting.starts_at))
    by_cluster = dict(
        meeting.attendance.filter(cluster__isnull=False).values_list("cluster_id").annotate(n=Count("id"))
    )
    return {
        "by_cluster": by_cluster,
        "present": present,
        "households": households,
        "reachable": rules.threshold_reachable(matter.rule_item, present, households),
        "quorum": rules.convention_meeting_has_quorum(present, households)
        if matter.item == rules.Item.CONVENTION
        else True,
        "falls_short": rules.meeting_falls_short(matter.rule_item, present, households),
    }


@transaction.atomic
def record_meeting_result(meeting: Meeting, *, actor: User, agree: int, disagree: int, other: int) -> None:
    """The count of a show of hands or of the secret ballot at the meeting (D59 Art 3(5))."""
    matter = meeting.matter
    _require_manager(actor, matter)
    _require_status(matter, Status.OPEN)
    _require_current_meeting(matter, meeting)
    if min(agree, disagree, other) < 0:
        raise DomainError(_("Counts cannot be negative."), field="agree")
    present = list(meeting.attendance.values_list("household_id", "household__unit_id"))
    if agree + disagree + other > len(present):
        raise DomainError(
            _("More votes than households present (%(present)s).") % {"present": len(present)}, field="agree"
        )
    if Participation.objects.filter(matter=matter, round=matter.round).exists():
        raise DomainError(_("The result of this round was already recorded."))
    outlook = meeting_outlook(meeting)
    if outlook["falls_short"]:
        # Art 19(1)(b); D61 Art 10: such a meeting decides nothing; the matter goes to household ballots.
        raise DomainError(
            _(
                "Too few households are present for this meeting to decide (%(present)s of %(households)s): switch to household ballots. (Law Art 19(1)(b); D61 Art 10)"
            )
            % {"present": outlook["present"], "households": outlook["households"]}
        )
    clusters = list(meeting.clusters.all())
    if clusters:
        # The village result is the sum of the cluster results (D59 Art 3(6)).
        if any(c.counted_at is None for c in clusters):
            raise DomainError(_("Record the count of every cluster first. (D59 Art 3(6))"))
        sums = tuple(sum(getattr(c, f) or 0 for c in clusters) for f in ("agree", "disagree", "other"))
        if sums != (agree, disagree, other):
            raise DomainError(_("The village result is the sum of the cluster results. (D59 Art 3(6))"), field="agree")
    if meeting.method == Meeting.Method.SECRET and not rules.team_size_ok(
        matter.team.filter(team=TeamMember.Team.COUNTING_COMMITTEE).count()
    ):
        raise DomainError(_("Record the vote-counting committee of 3 to 5 members first. (D59 Art 3(5)(c))"))
    if meeting.method == Meeting.Method.SECRET and not rules.witnesses_ok(matter.team.filter(team="witness").count()):
        raise DomainError(_("Record the 2 household representatives who witness the count first. (D59 Art 3(5)(c))"))
    today = timezone.localdate()
    # H is the number of households on the day of the meeting (law.md 10.A.2), not on the day it opened.
    _snapshot(matter, timezone.localdate(meeting.starts_at))
    _save(matter, "household_count", "village_count", "rules_version")
    Participation.objects.bulk_create([
        Participation(matter=matter, round=matter.round, household_id=h, channel=Channel.MEETING, recorded_on=today, recorded_by=actor)
        for h, _u in present
    ])  # fmt: skip
    ballots = []
    for choice, n in ((rules.Choice.AGREE, agree), (rules.Choice.DISAGREE, disagree), (rules.Choice.OTHER, other)):
        ballots += [Ballot(matter=matter, round=matter.round, village=matter.unit, channel=Channel.MEETING,
                           choice=choice, token=secrets.token_hex(16)) for _ in range(n)]  # fmt: skip
    Ballot.objects.bulk_create(ballots)
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["closed_at"])
    _event("meeting_result_recorded", actor, matter, agree=agree, disagree=disagree, other=other, present=len(present))


@transaction.atomic
def switch_to_ballots(matter: Matter, *, actor: User, meeting: Meeting, closes_at: dt.datetime | None = None) -> Matter:
    """Too few households came: decide by household ballots instead (Art 19(1)(b); D61 Art 10), with
    the day the slips are due back (D59 Art 4(4)) when it is already known."""
    _require_manager(actor, matter)
    _require_status(matter, Status.OPEN)
    _require_current_meeting(matter, meeting)
    if closes_at is not None and closes_at <= timezone.now():
        raise DomainError(_("The day the slips are due back must be in the future."), field="closes_at")
    outlook = meeting_outlook(meeting)
    if not outlook["falls_short"]:
        raise DomainError(_("Enough households are present to decide at the meeting."))
    # The meeting's own round is closed without effect; the ballots are a new round, counted against
    # the households of the day the ballots start (law.md 10.A.2).
    matter.round += 1
    matter.form = DecisionForm.BALLOT
    matter.closes_at = closes_at
    _snapshot(matter, timezone.localdate())
    _save(matter, "round", "form", "closes_at", "household_count", "village_count", "rules_version")
    _event("switched_to_ballots", actor, matter, present=outlook["present"], households=outlook["households"])
    return matter


def record_slip(matter: Matter, *, actor: User, household_code: str, choice: str, comment: str = "") -> None:
    """A returned household ballot slip, entered by its code (D59 Art 4)."""
    try:
        _record_slip(matter, actor=actor, household_code=household_code, choice=choice, comment=comment)
    except AlreadyVoted:
        _log_second_attempt(matter.pk, actor, Channel.SLIP)
        raise


@transaction.atomic
def _record_slip(matter: Matter, *, actor: User, household_code: str, choice: str, comment: str = "") -> None:
    _require_manager(actor, matter)
    _require_status(matter, Status.OPEN)
    if matter.form != DecisionForm.BALLOT:
        raise DomainError(_("This matter is not being decided by ballot slips."))
    household = (
        Household.objects.filter(code=household_code.strip(), unit__path__startswith=matter.unit.path)
        .select_related("unit")
        .first()
    )
    if household is None:
        raise DomainError(
            _("No household of this village has the code %(code)s.") % {"code": household_code}, field="household_code"
        )
    if choice not in {c.value for c in rules.Choice}:
        raise DomainError(_("Choose agree, disagree or other opinion."), field="choice")
    if not SlipDistribution.objects.filter(matter=matter, round=matter.round, household=household).exists():
        raise DomainError(
            _(
                "The slip of household %(code)s was never marked as delivered: slips are delivered by hand to each household and collected from it. Mark it delivered first. (D59 Art 4(5)–(6))"
            )
            % {"code": household.code},
            field="household_code",
        )
    try:
        with transaction.atomic():
            Participation.objects.create(matter=matter, round=matter.round, household=household, channel=Channel.SLIP,
                                         recorded_on=timezone.localdate(), recorded_by=actor)  # fmt: skip
    except IntegrityError:
        raise AlreadyVoted(_("A slip from this household was already counted."), field="household_code") from None
    ballot_box.drop(matter, ballot_box.Content(village_id=household.unit_id, channel=Channel.SLIP, choice=choice,
                                               comment=comment.strip(), receipt_hash=""))  # fmt: skip
    _event("slip_recorded", actor, matter)


# --- Counting, filing, recognition -------------------------------------------------------------
def compute_result(matter: Matter) -> dict[str, Any]:
    """The result from the recorded ballots of the current round (what verify_tally recomputes)."""
    snapshots = list(matter.villages.select_related("unit").order_by("unit__code"))
    rows = (
        Ballot.objects.filter(matter=matter, round=matter.round)
        .values("village_id", "channel", "choice")
        .annotate(n=Count("id"))
    )
    per_village: dict[int, dict[str, int]] = {s.unit_id: {c.value: 0 for c in rules.Choice} for s in snapshots}
    channels: dict[str, int] = {}
    for row in rows:
        per_village.setdefault(row["village_id"], {c.value: 0 for c in rules.Choice})[row["choice"]] += row["n"]
        channels[row["channel"]] = channels.get(row["channel"], 0) + row["n"]
    villages = []
    results = []
    for s in snapshots:
        counts = per_village[s.unit_id]
        t = rules.Tally(counts["agree"], counts["disagree"], counts["other"])
        vr = rules.VillageResult(s.household_count, t)
        results.append(vr)
        villages.append({"unit": s.unit.code, "households": s.household_count, "agree": t.agree, "disagree": t.disagree,
                         "other": t.other, "adopted": vr.adopts(matter.rule_item)})  # fmt: skip
    total = sum((r.tally for r in results), rules.Tally())
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
        "adopted": rules.matter_adopted(matter.rule_item, matter.rule_scope, results),
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
    """A ballot count before the announced end while slips are still out (D59 Art 4(4)–(6))."""
    return (
        matter.form == DecisionForm.BALLOT
        and matter.closes_at is not None
        and now < matter.closes_at
        and outstanding_slips(matter) > 0
    )


def _current_meeting(matter: Matter) -> Meeting | None:
    return matter.meetings.filter(round=matter.round).order_by("-pk").first()


def filing_starts_on(matter: Matter, now: dt.datetime) -> dt.date:
    """The day the 5 working days of Art 20(3) count from: the day of the meeting, or the end of the
    ballot or online-vote period (its announced end, or the count if it came earlier); never the day
    somebody clicked "close" after the end."""
    meeting = _current_meeting(matter) if matter.form == DecisionForm.MEETING else None
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
    _require_status(matter, Status.OPEN)
    now = timezone.now()
    if counts_early(matter, now):
        if actor is None or not can_count_early(actor, matter):
            raise DomainError(
                _(
                    "The ballot slips are due back by %(time)s and %(outstanding)s are still out: only the village head may count them earlier, giving the reason. (D59 Art 4(4))"
                )
                % {
                    "time": timezone.localtime(matter.closes_at).strftime("%d/%m/%Y %H:%M"),
                    "outstanding": outstanding_slips(matter),
                }
            )
        if not reason.strip():
            raise DomainError(
                _("Write why the slips are counted before the announced end while some are still out."),
                field="reason",
            )
        matter.early_count_reason = reason.strip()
    if matter.form == DecisionForm.MEETING:
        meeting = _current_meeting(matter)
        if meeting is None or meeting.closed_at is None:
            # Art 19(1)(b): a meeting without its count (or too few households to count) decides nothing.
            raise DomainError(
                _(
                    "Record the count of the meeting first; if too few households came, switch to household ballots. (Law Art 19(1)(b))"
                )
            )
    if matter.form == DecisionForm.ONLINE and matter.closes_at is not None and now < matter.closes_at:
        # The announced voting window is kept (D59 Art 5(3)): nobody closes it early.
        raise DomainError(_("The online vote is open until %(time)s; it cannot be closed earlier.") % {
            "time": timezone.localtime(matter.closes_at).strftime("%d/%m/%Y %H:%M")})  # fmt: skip
    if matter.form == DecisionForm.BALLOT:
        # D59 Art 4(3), 4(6)(a): a ballot team of 3–5 counts the slips, witnessed by 2 household representatives.
        if not rules.team_size_ok(matter.team.filter(team=TeamMember.Team.BALLOT_TEAM).count()):
            raise DomainError(_("Record the ballot team of 3 to 5 members who count the slips. (D59 Art 4(3))"))
        if not rules.witnesses_ok(matter.team.filter(team=TeamMember.Team.WITNESS).count()):
            raise DomainError(_("Record the 2 household representatives who witness the count. (D59 Art 4(6)(a))"))
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
    return matter


__all__ = ["AlreadyVoted", "can_receive_filings"]
