"""Granting and ending roles. Each runs in a transaction and leaves an audit event; the Django admin
shows roles read-only, so these (through `manage.py grant_role` and `end_role`) are the only door."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from .models import OFFICIAL_ROLES, Role, RoleAssignment, User


def represents_a_household(user: User, day: dt.date) -> bool:
    """Whether the account is linked to a resident who represents a household on the day or later.
    (Through the relation names only: accounts does not import people.)"""
    if user.resident_id is None:
        return False
    return User.objects.filter(
        Q(resident__representations__valid_to__isnull=True) | Q(resident__representations__valid_to__gt=day),
        pk=user.pk,
        resident__representations__household__dissolved_on__isnull=True,
    ).exists()


@transaction.atomic
def grant_role(
    user: User, unit: Unit, role: str, *, valid_from: dt.date, valid_to: dt.date | None = None, actor: Any
) -> RoleAssignment:
    """Give the account a role over the unit for the period [valid_from, valid_to)."""
    if role not in Role.values:
        raise DomainError(_("This is not a role."), field="role")
    if valid_to is not None and valid_to <= valid_from:
        raise DomainError(_("The end date must be after the start date."), field="valid_to")
    # Nobody who runs a vote also votes for a household (people.linking keeps the same rule).
    if role in OFFICIAL_ROLES and represents_a_household(user, valid_from):
        raise DomainError(
            _(
                "This account represents a household, so it cannot hold an official role. "
                "The official needs an account of their own."
            ),
            field="user",
        )
    assignment = RoleAssignment.objects.create(
        user=user, unit=unit, role=role, valid_from=valid_from, valid_to=valid_to, granted_by=actor
    )
    audit.record(
        "accounts.role_granted",
        actor=actor,
        target=user,
        unit_id=unit.pk,
        data={
            "role": role,
            "assignment": assignment.pk,
            "from": valid_from.isoformat(),
            "to": valid_to.isoformat() if valid_to else None,
        },
    )
    return assignment


@transaction.atomic
def end_role(assignment: RoleAssignment, *, on: dt.date, actor: Any) -> RoleAssignment:
    """The role ends on the day (the holder no longer has it from that day on)."""
    if on <= assignment.valid_from:
        raise DomainError(_("The end date must be after the start date."), field="valid_to")
    if assignment.valid_to is not None and assignment.valid_to <= on:
        raise DomainError(_("This role has already ended."), field="valid_to")
    assignment.valid_to = on
    assignment.save(update_fields=["valid_to"])
    audit.record(
        "accounts.role_ended",
        actor=actor,
        target=assignment.user,
        unit_id=assignment.unit_id,
        data={"role": assignment.role, "assignment": assignment.pk, "on": on.isoformat()},
    )
    return assignment
