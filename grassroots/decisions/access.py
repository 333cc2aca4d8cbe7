"""Who may see and do what with community matters. Everything else is a 404."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone

from grassroots.accounts.models import OFFICIAL_ROLES, Role, RoleAssignment, User
from grassroots.accounts.roles import role_unit_ids, role_units
from grassroots.people.models import Household, Representation
from grassroots.territory.models import Unit

from . import rules
from .models import Matter, TabledVia

# Roles that see every matter under their unit (officials, boards, steering committees).
OVERSIGHT_ROLES = frozenset({Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR, Role.COMMUNE_FRONT, Role.INSPECTION_BOARD,
                             Role.STEERING_MEMBER, Role.SYSTEM_ADMIN})  # fmt: skip
VILLAGE_ROLES = frozenset({Role.VILLAGE_HEAD, Role.VILLAGE_FRONT_HEAD})


def represented_household(user: User) -> Household | None:
    """The household this account represents today (a verified resident who is its representative).

    None for an account that holds an official role today, even if it was linked before linking
    refused that (people.linking): nobody who runs a vote also votes for a household."""
    if not user.is_authenticated or user.resident_id is None:
        return None
    if role_unit_ids(user, OFFICIAL_ROLES):
        return None
    rep = (
        Representation.objects.filter(
            resident_id=user.resident_id, valid_to__isnull=True, household__dissolved_on__isnull=True
        )
        .select_related("household__unit")
        .first()
    )
    return rep.household if rep else None


def visible_unit_paths(user: User) -> list[str]:
    """Units whose matters the user may see: oversight and village roles' units, and the village of
    the household the user belongs to (a commune-wide matter is seen from each of its villages)."""
    if not user.is_authenticated:
        return []
    paths = [u.path for u in role_units(user, OVERSIGHT_ROLES | VILLAGE_ROLES)]
    household = represented_household(user)
    if household is not None:
        paths.append(household.unit.path)
    return paths


def _sees(paths: list[str], unit: Unit) -> bool:
    # A role over a unit sees matters under it; a village sees the commune-wide matters above it.
    return any(unit.path.startswith(p) or p.startswith(unit.path) for p in paths)


def access_matter(user: User, pk: int) -> Matter:
    matter = Matter.objects.filter(pk=pk).select_related("unit", "unit__parent").first()
    if matter is None or not _sees(visible_unit_paths(user), matter.unit):
        raise Http404
    return matter


def can_manage(user: User, matter: Matter) -> bool:
    """Village matters: the village head and the Front work committee head of that village.
    Commune-wide matters: the commune chair and commune officials."""
    if matter.scope == rules.Scope.VILLAGE:
        units = role_units(user, VILLAGE_ROLES)
    else:
        units = role_units(user, frozenset({Role.COMMUNE_CHAIR, Role.COMMUNE_OFFICIAL}))
    return any(matter.unit.path.startswith(u.path) for u in units)


def _holds(user: User, unit: Unit, roles: frozenset[str]) -> bool:
    """The user holds one of the roles over the unit (in it or above it) today."""
    return any(unit.path.startswith(u.path) for u in role_units(user, roles))


def has_front_head(village: Unit, day: dt.date | None = None) -> bool:
    """The village has a head of its Front work committee today (MTTQ Law Art 6(3))."""
    day = day or timezone.localdate()
    return RoleAssignment.objects.active_on(day).filter(unit=village, role=Role.VILLAGE_FRONT_HEAD).exists()


def may_table_as(user: User, unit: Unit, tabled_via: str) -> bool:
    """A matter is tabled only in the way its proposer may use (Law Art 16):
    - as the commune chair (Art 16(1)): the chair of that commune, for a commune-wide matter;
    - as the village head (Art 16(2)): the head of that village;
    - a citizen initiative (Art 16(3)): recorded by the village head or the Front work committee head.
    """
    if tabled_via == TabledVia.COMMUNE_CHAIR:
        return unit.is_commune_level and _holds(user, unit, frozenset({Role.COMMUNE_CHAIR}))
    if tabled_via == TabledVia.VILLAGE_HEAD:
        return unit.is_village_level and _holds(user, unit, frozenset({Role.VILLAGE_HEAD}))
    if tabled_via == TabledVia.INITIATIVE:
        return unit.is_village_level and _holds(user, unit, VILLAGE_ROLES)
    return False


def can_agree(user: User, matter: Matter, who: str) -> bool:
    """Each agreement of Law Art 16(2) is recorded by the person who gives it:
    - "head": the village head of the matter's village;
    - "front": the head of its Front work committee, or, where the village has none, the commune Front
      (which sets the committees up, MTTQ Law Art 6(3)).
    """
    if matter.scope != rules.Scope.VILLAGE:
        return False
    if who == "head":
        return _holds(user, matter.unit, frozenset({Role.VILLAGE_HEAD}))
    if who == "front":
        if _holds(user, matter.unit, frozenset({Role.VILLAGE_FRONT_HEAD})):
            return True
        # The commune Front stands in only where the village has no Front work committee head.
        return not has_front_head(matter.unit) and _holds(user, matter.unit, frozenset({Role.COMMUNE_FRONT}))
    return False


def can_count_early(user: User, matter: Matter) -> bool:
    """Who may count ballot slips before the announced end while some are still out, with a reason:
    the village head who runs the ballot (D59 Art 4), or for a commune-wide ballot the commune chair
    who chose it (Law Art 19(1)(a))."""
    if matter.scope == rules.Scope.VILLAGE:
        return _holds(user, matter.unit, frozenset({Role.VILLAGE_HEAD}))
    return _holds(user, matter.unit, frozenset({Role.COMMUNE_CHAIR}))


def can_recognize(user: User, matter: Matter) -> bool:
    """UBND xã recognizes items 3–4 (and sets the date of commune-wide items 1–2); MTTQ xã item 5."""
    who = rules.recognizer(matter.rule_item, matter.rule_scope)
    if who is rules.Recognizer.COMMUNE_FRONT:
        roles = frozenset({Role.COMMUNE_FRONT})
    elif who is rules.Recognizer.COMMUNE_COMMITTEE:
        roles = frozenset({Role.COMMUNE_CHAIR, Role.COMMUNE_OFFICIAL})
    else:
        return False
    return any(matter.unit.path.startswith(u.path) for u in role_units(user, roles))


def can_receive_filings(user: User, matter: Matter) -> bool:
    """Commune officials, the chair and the commune Front receive every decision record (Art 20(3))."""
    roles = frozenset({Role.COMMUNE_CHAIR, Role.COMMUNE_OFFICIAL, Role.COMMUNE_FRONT})
    return any(matter.unit.path.startswith(u.path) for u in role_units(user, roles))


def can_see_participants(user: User, matter: Matter) -> bool:
    """The list of participating households: the matter's own village(s) and those who oversee it."""
    if can_manage(user, matter) or can_receive_filings(user, matter):
        return True
    household = represented_household(user)
    return household is not None and household.unit.path.startswith(matter.unit.path)


def voting_household(user: User, matter: Matter) -> Household | None:
    """The household the user may vote for in this matter, if any."""
    household = represented_household(user)
    if household is None or not household.unit.path.startswith(matter.unit.path):
        return None
    return household
