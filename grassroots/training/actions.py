"""Writes for training conferences, each in a transaction with an audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import RoleAssignment, User
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from .access import can_organize
from .models import Conference, Delegate, InvitationRule, Session, Topic

# The template reproduces the 2024 city conference: four topics, then the exchange (PRODUCT.md).
TEMPLATE_SESSIONS = [Topic.LAW, Topic.DECREE_59, Topic.TASKS, Topic.SITUATION, Topic.EXCHANGE]


def _event(verb: str, actor: Any, conference: Conference, **data: Any) -> None:
    audit.record(f"training.{verb}", actor=actor, target=conference, unit_id=conference.organizer_unit_id, data=data)


def _require_organizer(actor: User, conference: Conference) -> None:
    if not can_organize(actor, conference.organizer_unit):
        raise DomainError(_("Only the steering committee of this unit may do this."))


@transaction.atomic
def create_conference(*, actor: User, unit: Unit, title: str, starts_on: dt.date, venue: str = "",
                      from_template: bool = True) -> Conference:  # fmt: skip
    if not can_organize(actor, unit):
        raise DomainError(_("Only the steering committee of this unit may do this."))
    conference = Conference.objects.create(organizer_unit=unit, title=title, starts_on=starts_on, venue=venue, created_by=actor)
    if from_template:
        Session.objects.bulk_create(
            [Session(conference=conference, topic=topic, title=str(topic.label), position=i) for i, topic in enumerate(TEMPLATE_SESSIONS)]
        )
    _event("conference_created", actor, conference, template=from_template)
    return conference


@transaction.atomic
def add_rule(conference: Conference, *, actor: User, role: str, unit_kinds: Iterable[str], within: Unit | None = None) -> InvitationRule:
    _require_organizer(actor, conference)
    within = within or conference.organizer_unit
    if not within.path.startswith(conference.organizer_unit.path):
        raise DomainError(_("Invitations reach only the units under the organizing unit."), field="within")
    kinds = sorted(set(unit_kinds))
    if not kinds:
        raise DomainError(_("Choose at least one kind of unit."), field="unit_kinds")
    rule = InvitationRule.objects.create(conference=conference, role=role, unit_kinds=kinds, within=within)
    _event("rule_added", actor, conference, role=role, kinds=kinds, within=within.code)
    return rule


def holders(rule: InvitationRule, day: dt.date) -> list[tuple[int, int]]:
    """(user id, unit id) of everyone who holds the rule's role in a matching unit on the day."""
    return list(
        RoleAssignment.objects.active_on(day)
        .filter(role=rule.role, unit__kind__in=rule.unit_kinds, unit__path__startswith=rule.within.path, user__is_active=True)
        .values_list("user_id", "unit_id")
        .distinct()
    )


@dataclass(frozen=True)
class Resolution:
    added: int
    withdrawn: int
    kept: int


@transaction.atomic
def resolve_invitations(conference: Conference, *, actor: User) -> Resolution:
    """Turn the rules into delegates: exactly the people who hold each role on the conference date.

    Run it again after a role changes hands: the new holder is invited, and the former holder's
    invitation (if it came from a rule, and they did not check in) is withdrawn.
    """
    _require_organizer(actor, conference)
    wanted: dict[int, tuple[int, InvitationRule]] = {}
    for rule in conference.rules.select_related("within"):
        for user_id, unit_id in holders(rule, conference.starts_on):
            wanted.setdefault(user_id, (unit_id, rule))
    existing = {d.user_id: d for d in conference.delegates.all()}
    added = kept = withdrawn = 0
    for user_id, (unit_id, rule) in wanted.items():
        delegate = existing.get(user_id)
        if delegate is None:
            Delegate.objects.create(conference=conference, user_id=user_id, unit_id=unit_id, role=rule.role, rule=rule)
            added += 1
        else:
            if delegate.status == Delegate.Status.WITHDRAWN:
                delegate.status = Delegate.Status.INVITED
                delegate.save(update_fields=["status"])
            kept += 1
    for user_id, delegate in existing.items():
        if user_id not in wanted and delegate.rule_id is not None and delegate.checked_in_at is None and delegate.status != Delegate.Status.WITHDRAWN:
            delegate.status = Delegate.Status.WITHDRAWN
            delegate.save(update_fields=["status"])
            withdrawn += 1
    if conference.status == Conference.Status.DRAFT:
        conference.status = Conference.Status.INVITING
        conference.save(update_fields=["status"])
    _event("invitations_resolved", actor, conference, added=added, withdrawn=withdrawn, kept=kept)
    return Resolution(added, withdrawn, kept)


@transaction.atomic
def invite_by_name(conference: Conference, *, actor: User, user: User, unit: Unit) -> Delegate:
    _require_organizer(actor, conference)
    delegate, created = Delegate.objects.get_or_create(conference=conference, user=user, defaults={"unit": unit})
    if created:
        _event("delegate_invited", actor, conference, user=user.pk)
    return delegate


@transaction.atomic
def send_substitute(delegate: Delegate, *, actor: User, deputy: User) -> Delegate:
    """A unit sends a deputy in place of its head; recorded as such (issue 5, item 2)."""
    conference = delegate.conference
    if actor.pk != delegate.user_id and not can_organize(actor, conference.organizer_unit):
        raise DomainError(_("Only the delegate or the organizers may send a substitute."))
    if delegate.checked_in_at is not None:
        raise DomainError(_("This delegate has already arrived."))
    if Delegate.objects.filter(conference=conference, user=deputy).exists():
        raise DomainError(_("This person is already a delegate of the conference."), field="deputy")
    substitute = Delegate.objects.create(conference=conference, user=deputy, unit=delegate.unit, role=delegate.role,
                                         substitute_for=delegate, status=Delegate.Status.REGISTERED)  # fmt: skip
    delegate.status = Delegate.Status.REPLACED
    delegate.save(update_fields=["status"])
    _event("substitute_sent", actor, conference, delegate=delegate.pk, substitute=substitute.pk)
    return substitute


@transaction.atomic
def respond(delegate: Delegate, *, actor: User, attending: bool) -> Delegate:
    if actor.pk != delegate.user_id:
        raise DomainError(_("Only the delegate may answer the invitation."))
    delegate.status = Delegate.Status.REGISTERED if attending else Delegate.Status.DECLINED
    delegate.save(update_fields=["status"])
    _event("invitation_answered", actor, delegate.conference, attending=attending)
    return delegate


@transaction.atomic
def check_in(conference: Conference, *, actor: User, token: str) -> Delegate:
    """Check in at the door by the delegate's QR code. A code of another conference is refused."""
    _require_organizer(actor, conference)
    delegate = Delegate.objects.filter(conference=conference, checkin_token=token.strip()).select_related("user", "unit").first()
    if delegate is None:
        raise DomainError(_("This code is not a delegate of this conference."), field="token")
    if delegate.status in {Delegate.Status.REPLACED, Delegate.Status.WITHDRAWN}:
        raise DomainError(_("This invitation is no longer valid: %(status)s.") % {"status": delegate.get_status_display()}, field="token")
    if delegate.checked_in_at is None:
        delegate.checked_in_at = timezone.now()
        delegate.save(update_fields=["checked_in_at"])
        _event("checked_in", actor, conference, delegate=delegate.pk)
    return delegate


@transaction.atomic
def record_leave(delegate: Delegate, *, actor: User) -> Delegate:
    _require_organizer(actor, delegate.conference)
    if delegate.checked_in_at is None:
        raise DomainError(_("This delegate has not arrived."))
    delegate.left_at = timezone.now()
    delegate.save(update_fields=["left_at"])
    _event("left_early", actor, delegate.conference, delegate=delegate.pk)
    return delegate
