"""Who may see and do what with community matters. Everything else is a 404."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import OFFICIAL_ROLES, AnyUser, Role, RoleAssignment, User
from grassroots.accounts.roles import holds_over, role_unit_ids, role_units
from grassroots.core.errors import DomainError
from grassroots.core.prepared import SAMPLE_DATE, SAMPLE_INT, Prepared, columns, instance
from grassroots.people.keeping import counted_households, locations_of
from grassroots.people.models import Household, Representation
from grassroots.territory.models import COMMUNE_KINDS, VILLAGE_KINDS, Unit

from . import rules
from .models import COUNTED, Matter, Status, TabledVia

# Roles that see every matter under their unit (officials, boards, steering committees).
OVERSIGHT_ROLES = frozenset({Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR, Role.COMMUNE_FRONT, Role.INSPECTION_BOARD,
                             Role.STEERING_MEMBER, Role.SYSTEM_ADMIN})  # fmt: skip
VILLAGE_ROLES = frozenset({Role.VILLAGE_HEAD, Role.VILLAGE_FRONT_HEAD})


def represented_household(user: User, *, counted_on: tuple[str, dt.date] | None = None) -> Household | None:
    """The household this account represents today (a verified resident who is its representative).

    None for an account that holds an official role today, even if it was linked before linking
    refused that (people.linking): nobody who runs a vote also votes for a household."""
    if not user.is_authenticated or user.resident_id is None:
        return None
    if counted_on is None:
        if role_unit_ids(user, OFFICIAL_ROLES):
            return None
        row = _REPRESENTED.first(resident_id=user.resident_id)
    else:
        # With `counted_on` (a unit's path, a day): only a household that lived under that unit that day,
        # checked in the same query (people.keeping.counted_in_village_on).
        path, day = counted_on
        # The official roles are looked at in the same query (one round trip less on the peak path).
        row = _REPRESENTED_COUNTED.first(
            resident_id=user.resident_id, path=path, day=day, user_id=user.pk, today=timezone.localdate()
        )
        if row is not None:
            *values, counted, official = row
            if official or not counted:
                return None
            row = tuple(values)
    if row is None:
        return None
    split = len(_HOUSEHOLD_COLUMNS)
    household: Household = instance(Household, row[:split])
    household.unit = instance(Unit, row[split:])
    return household


def _representations(resident_id: int) -> QuerySet[Representation]:
    return Representation.objects.filter(
        resident_id=resident_id, valid_to__isnull=True, household__dissolved_on__isnull=True
    )


# Asked by every page of a resident and by every vote (core.prepared: compiled once per process).
_HOUSEHOLD_COLUMNS = columns(Household, "household__")
_REPRESENTED_COLUMNS = (*_HOUSEHOLD_COLUMNS, *columns(Unit, "household__unit__"))
_REPRESENTED = Prepared(
    lambda resident_id: _representations(resident_id).order_by("pk").values_list(*_REPRESENTED_COLUMNS)[:1],
    resident_id=SAMPLE_INT,
)
_REPRESENTED_COUNTED = Prepared(
    # Both checks are columns, not conditions: each is then asked of the one representation found by its
    # resident (an index), whatever the planner's statistics say of the village's households.
    lambda resident_id, path, day, user_id, today: (
        _representations(resident_id)
        .annotate(
            counted=Exists(counted_households(path, day).filter(household=OuterRef("household"))),
            official=Exists(
                RoleAssignment.objects.active_on(today).filter(user_id=user_id, role__in=sorted(OFFICIAL_ROLES))
            ),
        )
        .order_by("pk")
        .values_list(*_REPRESENTED_COLUMNS, "counted", "official")[:1]
    ),
    resident_id=SAMPLE_INT,
    path="sample-unit-path",
    day=SAMPLE_DATE,
    user_id=SAMPLE_INT - 1,
    today=dt.date(1902, 3, 4),
)


def visible_unit_paths(user: AnyUser) -> list[str]:
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


_holds = holds_over  # the user holds one of the roles in the unit or above it today


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


def _recognizer_roles(matter: Matter) -> frozenset[str]:
    """The roles of the body that recognizes the matter's result; none where it takes effect on adoption."""
    who = rules.recognizer(matter.rule_item, matter.rule_scope)
    if who is rules.Recognizer.COMMUNE_FRONT:
        return frozenset({Role.COMMUNE_FRONT})
    if who is rules.Recognizer.COMMUNE_COMMITTEE:
        return frozenset({Role.COMMUNE_CHAIR, Role.COMMUNE_OFFICIAL})
    return frozenset()


def recognizes(user: User) -> Callable[[Matter], bool]:
    """`can_recognize` for a list of matters: the units of each recognizing body's roles are read once,
    not once per matter (the recognition queue)."""
    units: dict[frozenset[str], list[Unit]] = {}

    def check(matter: Matter) -> bool:
        roles = _recognizer_roles(matter)
        if not roles:
            return False
        if roles not in units:
            units[roles] = role_units(user, roles)
        return any(matter.unit.path.startswith(u.path) for u in units[roles])

    return check


def can_recognize(user: User, matter: Matter) -> bool:
    """UBND xã recognizes items 3–4 (and sets the date of commune-wide items 1–2); MTTQ xã item 5."""
    return recognizes(user)(matter)


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
    # Only the households counted in H when the vote opened vote in it (law.md 10.A.2; Law Art 20(2)(b),
    # Art 21(1)): one that moved in afterwards votes from the next matter on (people.keeping).
    counted_on = None if matter.opened_at is None else (matter.unit.path, timezone.localdate(matter.opened_at))
    household = represented_household(user, counted_on=counted_on)
    if household is None or not household.unit.path.startswith(matter.unit.path):
        return None
    return household


def voting_households(user: User, matters: list[Matter]) -> dict[int, Household | None]:
    """`voting_household` for every matter of a list (the open votes on a page) in two queries, not one per
    matter: the household the user represents, then its locations, checked against each vote's opening day
    as `counted_households` checks them (law.md 10.A.2)."""
    household = represented_household(user)
    if household is None:
        return {matter.pk: None for matter in matters}
    locations = locations_of(household)
    found: dict[int, Household | None] = {}
    for matter in matters:
        path = matter.unit.path
        counted = household.unit.path.startswith(path) and (
            matter.opened_at is None
            or any(
                loc.covers(timezone.localdate(matter.opened_at)) and loc.unit.path.startswith(path) for loc in locations
            )
        )
        found[matter.pk] = household if counted else None
    return found


# --- Who may use the pages of those who run decisions ----------------------------------------------
# Art 16(1): the commune chair tables commune-wide matters (after agreeing with the commune Front).
COMMUNE_TABLING_ROLES = frozenset({Role.COMMUNE_CHAIR})
# They receive the decision records of their commune (Art 20(3)); the chair recognizes them (Art 21(2)).
COMMUNE_ROLES = frozenset({Role.COMMUNE_CHAIR, Role.COMMUNE_OFFICIAL, Role.COMMUNE_FRONT})


def tabling_units(user: AnyUser) -> QuerySet[Unit]:
    """Units the user may table matters for: villages of a village head or Front work committee head
    (Art 16(2)), communes of the chair or a commune official for commune-wide items 1–2 (Art 16(1))."""
    if not user.is_authenticated:
        return Unit.objects.none()
    villages = Q(id__in=role_unit_ids(user, VILLAGE_ROLES), kind__in=VILLAGE_KINDS)
    communes = Q(id__in=role_unit_ids(user, COMMUNE_TABLING_ROLES), kind__in=COMMUNE_KINDS)
    return Unit.objects.filter(villages | communes).order_by("path")


def may_table(user: User) -> bool:
    return bool(role_unit_ids(user, VILLAGE_ROLES | COMMUNE_TABLING_ROLES))


def commune_units(user: AnyUser) -> list[Unit]:
    """Communes where the user receives decision records or recognizes them (Art 20(3), Art 21(2))."""
    if not user.is_authenticated:
        return []
    return list(Unit.objects.filter(id__in=role_unit_ids(user, COMMUNE_ROLES), kind__in=COMMUNE_KINDS))


def may_see_queue(user: User) -> bool:
    return bool(commune_units(user))


def access_managed_matter(user: User, pk: int) -> Matter:
    """The matter if the user runs it; a 404 otherwise, also for those who may only read it."""
    matter = access_matter(user, pk)
    if not can_manage(user, matter):
        raise Http404
    return matter


def access_console_matter(user: User, pk: int) -> Matter:
    """The console: those who run the matter, and the commune Front where it records the Front work
    committee's agreement for a village that has no committee head (Art 16(2))."""
    matter = access_matter(user, pk)
    if not (can_manage(user, matter) or can_agree(user, matter, "front")):
        raise Http404
    return matter


def may_record(user: User, matter: Matter, key: str) -> bool:
    """Whether the user records this step: each agreement by the person who gives it (Art 16(2)),
    every other step by those who run the matter."""
    if key == "head_agreed":
        return can_agree(user, matter, "head")
    if key == "front_agreed":
        return can_agree(user, matter, "front")
    return can_manage(user, matter)


def access_recognizable_matter(user: User, pk: int) -> Matter:
    """The matter if the user recognizes or refuses it for the commune (Art 21(2)); a 404 otherwise."""
    matter = access_matter(user, pk)
    if not can_recognize(user, matter):
        raise Http404
    return matter


def access_counted_record(user: User, pk: int) -> Matter:
    """The decision record: for those who make it and those who receive it, once the matter is counted."""
    matter = access_matter(user, pk)
    if matter.status not in COUNTED or not (can_manage(user, matter) or can_receive_filings(user, matter)):
        raise Http404
    return matter


def access_household_of(matter: Matter, pk: int) -> Household:
    """A household of the matter's village(s), by its id (a search result's button); a 404 otherwise."""
    found = Household.objects.filter(pk=pk, unit__path__startswith=matter.unit.path).first()
    if found is None:
        raise Http404
    return found


def refuse_move_in_before_open_vote(village: Unit, on: dt.date) -> None:
    """A household moving in may not be dated before the opening of a vote still open in its village
    (or its commune): H was snapshotted then without it (law.md 10.A.2), so it does not vote in it
    (voting_household), and a back-dated move in would make it look as if it had lived there."""
    opened = Matter.objects.filter(status=Status.OPEN, opened_at__isnull=False).values_list("unit__path", "opened_at")
    for path, opened_at in opened:
        day = timezone.localdate(opened_at)
        if village.path.startswith(path) and on < day:
            raise DomainError(
                _(
                    "A vote opened in this village on %(date)s is still open and does not count this household. "
                    "Date the move in from %(date)s or later."
                )
                % {"date": formats.date_format(day)},
                field="on",
            )
