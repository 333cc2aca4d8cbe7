"""Writes of the meeting console: the procedural votes of a community meeting and its count.

D59 Art 3(5): the meeting elects its secretary, chooses the voting method and approves the
vote-counting committee (3–5 members with a head) by show of hands, each with more than half of the
household representatives present (law.md 10.B.6, 10.E.15). Each action runs in a transaction and
records an audit event, like those of `actions`.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError

from . import actions, rules
from .actions import _event, _require_current_meeting, _require_manager, _require_status
from .models import Meeting, Status, TeamMember


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
    actions.set_team(meeting.matter, actor=actor, team=TeamMember.Team.COUNTING_COMMITTEE, members=members,
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
    actions.record_meeting_result(meeting, actor=actor, agree=agree, disagree=disagree, other=other)
