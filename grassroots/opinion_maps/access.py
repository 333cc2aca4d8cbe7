"""Who may see and do what with opinion maps. Everything outside the caller's units is a 404.

- Commune officials and the commune chair create, moderate, open, close and publish the maps of their
  commune (the maps of the commune itself and of its villages).
- The commune Front and the People's Inspection Board see them (the Front co-organises and supervises
  consultations, Law Art 28), without acting.
- A resident whose account is linked to the register (user.resident) and whose household lives in the
  map's unit writes statements and votes while the map is open.
- Once published, the map's page and report are public: statements and counts, never who wrote or voted.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from grassroots.accounts.models import AnyUser, Role
from grassroots.accounts.roles import holds_over, role_units
from grassroots.people.models import Membership, Resident
from grassroots.territory.models import Unit

from .models import OpinionMap

MANAGING_ROLES = frozenset({Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR})
SEEING_ROLES = MANAGING_ROLES | frozenset({Role.COMMUNE_FRONT, Role.INSPECTION_BOARD})


_holds = holds_over  # the user holds one of the roles in the unit or above it today


def may_use_console(user: AnyUser) -> bool:
    return bool(role_units(user, SEEING_ROLES))


def console_maps(user: AnyUser) -> QuerySet[OpinionMap]:
    units = role_units(user, SEEING_ROLES)
    if not units:
        return OpinionMap.objects.none()
    under = Q()
    for unit in units:
        under |= Q(unit__path__startswith=unit.path)
    return OpinionMap.objects.filter(under).select_related("unit")


def managed_units(user: AnyUser) -> QuerySet[Unit]:
    """The commune-level units where the user manages maps, and their current villages."""
    units = role_units(user, MANAGING_ROLES)
    if not units:
        return Unit.objects.none()
    under = Q()
    for unit in units:
        under |= Q(path__startswith=unit.path)
    today = timezone.localdate()
    return Unit.objects.filter(under).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today)).order_by("path")


def can_manage(user: AnyUser, unit: Unit) -> bool:
    return _holds(user, unit, MANAGING_ROLES)


def access_map(user: AnyUser, pk: int) -> OpinionMap:
    """A map for the console: the caller sees its unit (staff)."""
    found = OpinionMap.objects.filter(pk=pk).select_related("unit").first()
    if found is None or not _holds(user, found.unit, SEEING_ROLES):
        raise Http404
    return found


def resident_of(user: AnyUser) -> Resident | None:
    if not user.is_authenticated:
        return None
    resident_id = getattr(user, "resident_id", None)
    return Resident.objects.filter(pk=resident_id).first() if resident_id else None


def lives_in(resident: Resident, unit: Unit) -> bool:
    """The resident's household lives in the unit today (the register's current membership)."""
    return Membership.objects.filter(
        resident=resident, valid_to__isnull=True, household__unit__path__startswith=unit.path
    ).exists()


def may_take_part(user: AnyUser, opinion_map: OpinionMap) -> bool:
    resident = resident_of(user)
    return resident is not None and lives_in(resident, opinion_map.unit)


def access_for_resident(user: AnyUser, pk: int) -> OpinionMap:
    """A map a resident takes part in: open or closed (not a draft), in the unit they live in."""
    found = OpinionMap.objects.filter(pk=pk).exclude(status="draft").select_related("unit").first()
    if found is None or not may_take_part(user, found):
        raise Http404
    return found


def published_map(pk: int) -> OpinionMap:
    found = OpinionMap.objects.filter(pk=pk, published_at__isnull=False).select_related("unit").first()
    if found is None:
        raise Http404
    return found
