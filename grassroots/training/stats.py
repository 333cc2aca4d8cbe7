"""Coverage of a conference: which targeted units sent nobody, which roles were missing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from grassroots.territory.models import Unit

from .models import Conference, Delegate


@dataclass(frozen=True)
class UnitCoverage:
    unit: Unit
    invited: int
    present: int


def targeted_units(conference: Conference) -> list[Unit]:
    """Every unit the invitation rules reach (whether or not anyone holds the role there)."""
    units: dict[int, Unit] = {}
    for rule in conference.rules.select_related("within"):
        for unit in Unit.objects.filter(kind__in=rule.unit_kinds, path__startswith=rule.within.path).valid_on(conference.starts_on):
            units[unit.pk] = unit
    return sorted(units.values(), key=lambda u: u.path)


def coverage_by_unit(conference: Conference) -> list[UnitCoverage]:
    invited: dict[int, int] = defaultdict(int)
    present: dict[int, int] = defaultdict(int)
    for unit_id, checked_in in conference.delegates.exclude(status=Delegate.Status.WITHDRAWN).values_list("unit_id", "checked_in_at"):
        invited[unit_id] += 1
        if checked_in is not None:
            present[unit_id] += 1
    return [UnitCoverage(u, invited[u.pk], present[u.pk]) for u in targeted_units(conference)]


def units_with_nobody_present(conference: Conference) -> list[Unit]:
    return [c.unit for c in coverage_by_unit(conference) if c.present == 0]


def missing_roles(conference: Conference) -> dict[str, int]:
    """For each rule's role: how many targeted units had no delegate of that role present."""
    present = set(conference.delegates.filter(checked_in_at__isnull=False).values_list("unit_id", "role"))
    missing: dict[str, int] = defaultdict(int)
    for rule in conference.rules.select_related("within"):
        for unit_id in Unit.objects.filter(kind__in=rule.unit_kinds, path__startswith=rule.within.path).values_list("id", flat=True):
            if (unit_id, rule.role) not in present:
                missing[rule.role] += 1
    return dict(missing)
