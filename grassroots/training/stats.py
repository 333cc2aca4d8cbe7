"""Attendance and coverage of a conference: who came, who was late or left early, which targeted units
sent nobody, which roles were missing."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, Min

from grassroots.accounts.models import Role
from grassroots.territory.models import Unit

from . import rules
from .models import Conference, Delegate

# Delegates the organizers expect at the door (the others declined, were replaced or withdrawn).
EXPECTED_STATUSES = frozenset({Delegate.Status.INVITED, Delegate.Status.REGISTERED})


@dataclass(frozen=True)
class UnitCoverage:
    unit: Unit
    invited: int
    present: int


def targeted_units(conference: Conference) -> list[Unit]:
    """Every unit the invitation rules reach (whether or not anyone holds the role there)."""
    units: dict[int, Unit] = {}
    for rule in conference.rules.select_related("within"):
        reached = Unit.objects.filter(kind__in=rule.unit_kinds, path__startswith=rule.within.path)
        for unit in reached.valid_on(conference.starts_on).select_related("parent"):
            units[unit.pk] = unit
    return sorted(units.values(), key=lambda u: u.path)


def coverage_by_unit(conference: Conference) -> list[UnitCoverage]:
    invited: dict[int, int] = defaultdict(int)
    present: dict[int, int] = defaultdict(int)
    for unit_id, checked_in in conference.delegates.exclude(status=Delegate.Status.WITHDRAWN).values_list(
        "unit_id", "checked_in_at"
    ):
        invited[unit_id] += 1
        if checked_in is not None:
            present[unit_id] += 1
    return [UnitCoverage(u, invited[u.pk], present[u.pk]) for u in targeted_units(conference)]


def units_with_nobody_present(conference: Conference) -> list[Unit]:
    return [c.unit for c in coverage_by_unit(conference) if c.present == 0]


@dataclass(frozen=True)
class RoleCoverage:
    role: str
    targeted: int  # units the rules for this role reach
    present: int  # of those, units where a delegate invited as this role (or their deputy) arrived

    @property
    def label(self) -> str:
        return str(Role(self.role).label) if self.role in Role.values else self.role

    @property
    def missing(self) -> int:
        return self.targeted - self.present


def coverage_by_role(conference: Conference) -> list[RoleCoverage]:
    """For each role of the rules: how many targeted units had a delegate of that role present."""
    present = set(conference.delegates.filter(checked_in_at__isnull=False).values_list("unit_id", "role"))
    targeted: dict[str, set[int]] = defaultdict(set)
    for rule in conference.rules.select_related("within"):
        reached = Unit.objects.filter(kind__in=rule.unit_kinds, path__startswith=rule.within.path).valid_on(
            conference.starts_on
        )
        targeted[rule.role].update(reached.values_list("id", flat=True))
    return [
        RoleCoverage(role, len(units), sum(1 for unit_id in units if (unit_id, role) in present))
        for role, units in targeted.items()
    ]


def missing_roles(conference: Conference) -> dict[str, int]:
    """For each rule's role: how many targeted units had no delegate of that role present."""
    return {c.role: c.missing for c in coverage_by_role(conference) if c.missing}


def session_bounds(conference: Conference) -> tuple[dt.datetime | None, dt.datetime | None]:
    """When the first session starts and the last one ends (None while the times are not set)."""
    bounds = conference.sessions.aggregate(first=Min("starts_at"), last=Max("ends_at"))
    return bounds["first"], bounds["last"]


@dataclass(frozen=True)
class Attendance:
    expected: int  # invited or registered, and anyone else who arrived anyway
    present: int
    late: int
    left_early: int
    substitutes: int
    declined: int


def attendance(conference: Conference) -> Attendance:
    first, last = session_bounds(conference)
    expected = present = late = left_early = substitutes = declined = 0
    rows = conference.delegates.values_list("status", "checked_in_at", "left_at", "substitute_for_id")
    for status, checked_in_at, left_at, substitute_for_id in rows:
        arrived = checked_in_at is not None
        expected += status in EXPECTED_STATUSES or arrived
        present += arrived
        late += checked_in_at is not None and rules.is_late(checked_in_at, first)
        left_early += arrived and rules.left_early(left_at, last)
        substitutes += substitute_for_id is not None and status != Delegate.Status.WITHDRAWN
        declined += status == Delegate.Status.DECLINED
    return Attendance(expected, present, late, left_early, substitutes, declined)


# --- Charts without JavaScript or inline styles (static/css/charts.css) ------------------------------
BAR_STEP = 5  # charts.css has .bar-w-0, .bar-w-5, … .bar-w-100


def bar_width_class(value: int, largest: int) -> str:
    """The CSS class of a bar `value / largest` of the full width, rounded half up to a step of 5%."""
    if largest <= 0 or value <= 0:
        return "bar-w-0"
    steps = 100 // BAR_STEP
    rounded = (2 * value * steps + largest) // (2 * largest)
    return f"bar-w-{min(rounded, steps) * BAR_STEP}"
