"""Community meetings (Art 18; D59 Art 3): scheduling, attendance, the procedural votes, the count, and
the switch to ballots.

D59 Art 3(5): the meeting elects its secretary, chooses the voting method and approves the
vote-counting committee (3–5 members with a head) by show of hands, each with more than half of the
household representatives present (law.md 10.B.6, 10.E.15).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.text import fold
from grassroots.people.actions import household_count_on
from grassroots.people.models import Household, Representation

from .. import rules
from ..models import Attendance, Ballot, Channel, Cluster, Form, Matter, Meeting, Participation, Status, TeamMember
from ._guards import _event, _require_current_meeting, _require_manager, _require_status, _save
from .matters import _snapshot, set_team


# --- Meetings (Art 18; D59 Art 3) ------------------------------------------------------------------
@transaction.atomic
def schedule_meeting(matter: Matter, *, actor: User, starts_at: dt.datetime, place: str, notice_sent_on: dt.date,
                     documents_delivered_on: dt.date | None = None) -> Meeting:  # fmt: skip
    _require_manager(actor, matter)
    _require_status(matter, Status.DRAFT, Status.OPEN)
    if matter.scope == rules.Scope.COMMUNE:
        raise DomainError(_("A commune-wide matter is decided by household ballots in every village."))
    if matter.form and matter.form != Form.MEETING:
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
    matter.form = Form.BALLOT
    matter.closes_at = closes_at
    _snapshot(matter, timezone.localdate())
    _save(matter, "round", "form", "closes_at", "household_count", "village_count", "rules_version")
    _event("switched_to_ballots", actor, matter, present=outlook["present"], households=outlook["households"])
    return matter


# --- The procedural votes of the meeting (D59 Art 3(5)) ---------------------------------------------
def _procedural_vote(meeting: Meeting, *, actor: User, yes: int) -> int:
    """Checks shared by the procedural votes; returns the number of households present."""
    matter = meeting.matter
    _require_manager(actor, matter)
    _require_status(matter, Status.OPEN)
    _require_current_meeting(matter, meeting)
    if meeting.closed_at is not None:
        raise DomainError(_("The count of this meeting was already recorded."))
    present = meeting.attendance.count()
    if present == 0:
        raise DomainError(_("Record the households present first."))
    if yes < 0 or yes > present:
        raise DomainError(
            _("The number in favour must be between 0 and the %(present)s households present.") % {"present": present},
            field="yes",
        )
    if not rules.procedural_vote_passes(yes, present):
        raise DomainError(
            _("Not approved: more than half of the %(present)s households present must agree. (D59 Art 3(5))")
            % {"present": present},
            field="yes",
        )
    return present


@transaction.atomic
def elect_secretary(meeting: Meeting, *, actor: User, name: str, yes: int) -> Meeting:
    """The meeting elects its secretary by show of hands (D59 Art 3(5)(b))."""
    if not name.strip():
        raise DomainError(_("Write the name of the secretary."), field="name")
    present = _procedural_vote(meeting, actor=actor, yes=yes)
    meeting.secretary = name.strip()
    meeting.save(update_fields=["secretary"])
    _event("secretary_elected", actor, meeting.matter, meeting=meeting.pk, yes=yes, present=present)
    return meeting


@transaction.atomic
def choose_method(meeting: Meeting, *, actor: User, method: str, yes: int) -> Meeting:
    """The meeting chooses a show of hands or a secret ballot (D59 Art 3(5)(d))."""
    if method not in Meeting.Method.values:
        raise DomainError(_("Choose a show of hands or a secret ballot."), field="method")
    present = _procedural_vote(meeting, actor=actor, yes=yes)
    meeting.method = method
    meeting.save(update_fields=["method"])
    _event("method_chosen", actor, meeting.matter, meeting=meeting.pk, method=method, yes=yes, present=present)
    return meeting


@transaction.atomic
def approve_counting_committee(
    meeting: Meeting, *, actor: User, members: list[tuple[str, str, bool]], yes: int
) -> None:
    """The meeting approves a vote-counting committee of 3–5 members with a head (D59 Art 3(5)(c))."""
    present = _procedural_vote(meeting, actor=actor, yes=yes)
    if rules.team_size_ok(len(members)) and sum(1 for _n, _r, lead in members if lead) != 1:
        raise DomainError(_("Mark the head of the vote-counting committee. (D59 Art 3(5)(c))"), field="members")
    # A committee approved again replaces the earlier one as a correction that keeps it (the new vote is the reason).
    reason = _("Approved again by the meeting: %(yes)s of %(present)s households present in favour.") % {
        "yes": yes, "present": present}  # fmt: skip
    set_team(meeting.matter, actor=actor, team=TeamMember.Team.COUNTING_COMMITTEE, members=members,
                     reason=str(reason))  # fmt: skip
    _event("counting_committee_approved", actor, meeting.matter, meeting=meeting.pk, yes=yes, present=present)


@transaction.atomic
def record_meeting_count(meeting: Meeting, *, actor: User, method: str, agree: int, disagree: int, other: int) -> None:
    """The count of the meeting by the method the meeting chose (D59 Art 3(5)(c)–(d)).

    When no method was voted on beforehand, the one given here is recorded with the count.
    """
    if method not in Meeting.Method.values:
        raise DomainError(_("Choose a show of hands or a secret ballot."), field="method")
    if meeting.method and meeting.method != method:
        raise DomainError(
            _("The meeting chose “%(method)s”; record the count taken by that method.")
            % {"method": meeting.get_method_display()},
            field="method",
        )
    if not meeting.method:
        meeting.method = method
        meeting.save(update_fields=["method"])
        _event("method_chosen", actor, meeting.matter, meeting=meeting.pk, method=method)
    record_meeting_result(meeting, actor=actor, agree=agree, disagree=disagree, other=other)


def households_matching(matter: Matter, q: str, limit: int) -> list[Household]:
    """Current households of the matter's village(s) by code, address or a current representative's name,
    each with its current representatives (`current_reps`): the meeting's search."""
    reps = Representation.objects.filter(valid_to__isnull=True).select_related("resident")
    folded = fold(q)  # as the register's search: "nguyen van an" finds "Nguyễn Văn An"
    households = (
        Household.objects.active()
        .filter(unit__path__startswith=matter.unit.path)
        .filter(
            Q(code__icontains=q)
            | Q(address_folded__contains=folded)
            | Q(representations__valid_to__isnull=True, representations__resident__name_folded__contains=folded)
        )
        .distinct()
        .prefetch_related(Prefetch("representations", queryset=reps, to_attr="current_reps"))
        .order_by("code")[:limit]
    )
    return list(households)
