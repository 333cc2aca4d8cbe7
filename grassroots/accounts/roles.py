"""Who holds which role where, on a given day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from .models import Role, RoleAssignment, User


def role_unit_ids(user: User, roles: Iterable[str], day: dt.date | None = None) -> list[int]:
    """Ids of the units where the user holds any of the roles on the day."""
    if not user.is_authenticated:
        return []
    day = day or timezone.localdate()
    return list(
        RoleAssignment.objects.active_on(day).filter(user=user, role__in=list(roles)).values_list("unit_id", flat=True)
    )


def active_roles(user: User, day: dt.date | None = None) -> list[RoleAssignment]:
    if not user.is_authenticated:
        return []
    day = day or timezone.localdate()
    return list(
        RoleAssignment.objects.active_on(day).filter(user=user).select_related("unit").order_by("unit__path", "role")
    )


def is_system_admin(user: User) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or role_unit_ids(user, [Role.SYSTEM_ADMIN])))
