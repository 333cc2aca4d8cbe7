"""The guards every action of the package shares: who may act, in which state, and the audit event.
Private to `decisions.actions`: views check access with `decisions.access`, never with these."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.people.actions import household_count_on

from .. import rules
from ..access import can_manage
from ..models import Form, Matter, Meeting, Status, StepCorrection

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
    if matter.form != Form.MEETING or meeting.round != matter.round:
        raise DomainError(_("This meeting no longer decides the matter: it is decided in another form or round."))


def _save(matter: Matter, *fields: str) -> None:
    matter.save(update_fields=list(fields))


def _event(verb: str, actor: Any, matter: Matter, **data: Any) -> None:
    audit.record(f"decisions.{verb}", actor=actor, target=matter, unit_id=matter.unit_id, data=data)


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


def _households_now(matter: Matter) -> int:
    """H: the snapshot once the matter is open, else today's count."""
    if matter.household_count is not None:
        return matter.household_count
    return household_count_on(matter.unit, timezone.localdate())
