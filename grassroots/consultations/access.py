"""Who may see and do what with consultations. Everything outside the caller's units is a 404.

- The commune People's Committee runs the consultation (Law Art 28(1), (3)): the commune official and
  the chair of the commune create, publish, moderate, group, respond and close.
- Opinions that arrive on paper, at a meeting or by telephone are typed in by staff: the commune
  official and chair; the commune Front, which co-organises and supervises the consultation (Law
  Art 28(4)) and is itself a channel (Law Art 26(1)(e)); and, for their own village only, the village
  head and the head of the village Front work committee, who hold the meetings and collect the slips.
- Residents (an account linked to a resident record) whose household lives in the consultation's
  commune, or its village when it is limited to one, comment and answer while it is open.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from grassroots.accounts.models import AnyUser, Role
from grassroots.accounts.roles import holds_over, role_units
from grassroots.people.models import Household, Membership
from grassroots.territory.models import Unit

from .models import Consultation

MANAGING_ROLES = frozenset({Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR})
COMMUNE_ENTERING_ROLES = MANAGING_ROLES | {Role.COMMUNE_FRONT}
VILLAGE_ENTERING_ROLES = frozenset({Role.VILLAGE_HEAD, Role.VILLAGE_FRONT_HEAD})
STAFF_ROLES = COMMUNE_ENTERING_ROLES | VILLAGE_ENTERING_ROLES


_holds = holds_over  # the user holds one of the roles in the unit or above it today


def home_household(user: AnyUser) -> Household | None:
    """The household the account's resident lives in today (None: no linked resident, or none)."""
    resident_id = getattr(user, "resident_id", None)
    if not user.is_authenticated or resident_id is None:
        return None
    membership = (
        Membership.objects.filter(resident_id=resident_id, valid_to__isnull=True, household__dissolved_on__isnull=True)
        .select_related("household__unit__parent")
        .first()
    )
    return membership.household if membership else None


def staff_communes(user: AnyUser) -> list[Unit]:
    """The communes whose consultations the user runs or helps run (their role's unit or its parent)."""
    communes: dict[int, Unit] = {}
    for unit in role_units(user, STAFF_ROLES):
        commune = unit if unit.is_commune_level else unit.parent
        if commune is not None:
            communes[commune.pk] = commune
    return list(communes.values())


def managed_communes(user: AnyUser) -> list[Unit]:
    return [u for u in role_units(user, MANAGING_ROLES) if u.is_commune_level]


def can_manage(user: AnyUser, consultation: Consultation) -> bool:
    return _holds(user, consultation.commune, MANAGING_ROLES)


def is_staff_of(user: AnyUser, consultation: Consultation) -> bool:
    return any(c.pk == consultation.commune_id for c in staff_communes(user))


def entry_villages(user: AnyUser, consultation: Consultation) -> list[Unit] | None:
    """Where the user may type in opinions: None for the whole commune, else the villages they head."""
    if _holds(user, consultation.commune, COMMUNE_ENTERING_ROLES):
        return None
    return [u for u in role_units(user, VILLAGE_ENTERING_ROLES) if u.parent_id == consultation.commune_id]


def can_enter(user: AnyUser, consultation: Consultation) -> bool:
    villages = entry_villages(user, consultation)
    return villages is None or bool(villages)


def lives_in_scope(household: Household | None, consultation: Consultation) -> bool:
    if household is None:
        return False
    village = household.unit
    if consultation.village_id is not None:
        return village.pk == consultation.village_id
    return village.parent_id == consultation.commune_id


def can_take_part(user: AnyUser, consultation: Consultation) -> bool:
    """A resident of the consultation's commune (or village) while it is open."""
    return consultation.is_open and lives_in_scope(home_household(user), consultation)


def access_consultation(user: AnyUser, pk: int) -> Consultation:
    """Staff of the commune see every consultation of it; a resident sees the published ones of their
    commune (or village). Anyone else: 404."""
    consultation = Consultation.objects.filter(pk=pk).select_related("commune", "village").first()
    if consultation is None:
        raise Http404
    if is_staff_of(user, consultation):
        return consultation
    if consultation.published_on is not None and lives_in_scope(home_household(user), consultation):
        return consultation
    raise Http404


def access_managed(user: AnyUser, pk: int) -> Consultation:
    consultation = access_consultation(user, pk)
    if not can_manage(user, consultation):
        raise Http404
    return consultation


def access_commune(user: AnyUser, code: str) -> Unit:
    for commune in managed_communes(user):
        if commune.code == code:
            return commune
    raise Http404


def visible_to(user: AnyUser) -> QuerySet[Consultation]:
    """The consultations the user's pages list: all of the communes they serve, and the published ones
    of the resident's commune and village."""
    where = Q(pk__in=[])
    communes = staff_communes(user)
    if communes:
        where |= Q(commune__in=communes)
    household = home_household(user)
    if household is not None:
        village = household.unit
        where |= Q(published_on__isnull=False, commune_id=village.parent_id) & (
            Q(village__isnull=True) | Q(village=village)
        )
    return Consultation.objects.filter(where).select_related("commune", "village")
