"""Who holds which role where, on a given day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from grassroots.core.prepared import SAMPLE_DATE, SAMPLE_INT, Prepared
from grassroots.territory.models import COMMUNE_KINDS, Unit

from .models import OFFICIAL_ROLES, AnyUser, Role, RoleAssignment, User

# Bumped whenever a role assignment is saved or deleted (signals connected in apps.py): a user object
# that cached its roles earlier in the request sees the change at its next look-up.
_generation = 0


def roles_changed(**_kwargs: object) -> None:
    global _generation
    _generation += 1


# Asked by nearly every request (core.prepared: compiled once per process).
_ASSIGNMENTS = Prepared(
    lambda user_id, day: RoleAssignment.objects.active_on(day).filter(user_id=user_id).values_list("role", "unit_id"),
    user_id=SAMPLE_INT,
    day=SAMPLE_DATE,
)


def _assignments(user: User, day: dt.date) -> list[tuple[str, int]]:
    """(role, unit id) of every role the user holds on the day; fetched once per request."""
    cached: tuple[int, dict[dt.date, list[tuple[str, int]]]] | None = getattr(user, "_role_assignments", None)
    if cached is None or cached[0] != _generation:
        cached = (_generation, {})
        user._role_assignments = cached  # type: ignore[attr-defined]
    cache = cached[1]
    if day not in cache:
        cache[day] = _ASSIGNMENTS.rows(user_id=user.pk, day=day)
    return cache[day]


def role_unit_ids(user: AnyUser, roles: Iterable[str], day: dt.date | None = None) -> list[int]:
    """Ids of the units where the user holds any of the roles on the day."""
    if not user.is_authenticated:
        return []
    wanted = set(roles)
    return sorted({unit_id for role, unit_id in _assignments(user, day or timezone.localdate()) if role in wanted})


def role_units(user: AnyUser, roles: Iterable[str], day: dt.date | None = None) -> list[Unit]:
    """The units where the user holds any of the roles, by path.

    A superuser holds no role by being one: the Django admin is theirs, but the register, national ID
    numbers and the village consoles need the role for that unit (docs/privacy.md)."""
    if not user.is_authenticated:
        return []
    return list(Unit.objects.filter(id__in=role_unit_ids(user, roles, day)).order_by("path"))


def active_roles(user: AnyUser, day: dt.date | None = None) -> list[RoleAssignment]:
    if not user.is_authenticated:
        return []
    day = day or timezone.localdate()
    return list(
        RoleAssignment.objects.active_on(day).filter(user=user).select_related("unit").order_by("unit__path", "role")
    )


def holds_official_role(user: User, day: dt.date | None = None) -> bool:
    """Whether the account holds an official role (OFFICIAL_ROLES) on the day or from a later day:
    a role that starts next week already keeps the account from representing a household."""
    day = day or timezone.localdate()
    return (
        RoleAssignment.objects.filter(user=user, role__in=OFFICIAL_ROLES)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .exists()
    )


def is_system_admin(user: User) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or role_unit_ids(user, [Role.SYSTEM_ADMIN])))


def unit_held_under(user: User, unit: Unit, day: dt.date) -> Unit | None:
    """The first unit (by path) at or under `unit` where the user holds any role on the day."""
    held = (
        RoleAssignment.objects.active_on(day)
        .filter(user=user, unit__path__startswith=unit.path)
        .select_related("unit")
        .order_by("unit__path")
        .first()
    )
    return held.unit if held is not None else None


def role_communes(user: AnyUser, roles: Iterable[str]) -> list[Unit]:
    """The communes (wards, special zones) where `user` holds one of `roles` today."""
    return [u for u in role_units(user, roles) if u.kind in COMMUNE_KINDS]


def holds_over(user: AnyUser, unit: Unit, roles: Iterable[str], day: dt.date | None = None) -> bool:
    """The user holds one of the roles in the unit or in a unit above it (a commune role over its villages)."""
    return any(unit.path.startswith(u.path) for u in role_units(user, roles, day))


def holds_in(user: AnyUser, unit: Unit, roles: Iterable[str], day: dt.date | None = None) -> bool:
    """The user holds one of the roles in exactly this unit."""
    return unit.pk in role_unit_ids(user, roles, day)


def access_role_commune(user: AnyUser, code: str, roles: Iterable[str], *, exactly: bool = False) -> Unit:
    """The commune of this code where the user holds one of the roles (over it, or `exactly` in it); else 404,
    the same for a commune that does not exist as for one that is not the user's."""
    from django.http import Http404

    commune = Unit.objects.filter(code=code, kind__in=COMMUNE_KINDS).first()
    holds = holds_in if exactly else holds_over
    if commune is None or not holds(user, commune, roles):
        raise Http404
    return commune
