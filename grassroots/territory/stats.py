"""Household counts per unit, for the public pages and the API.

Counted through the reverse relation Unit.households, so territory needs no import of people.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q

from .models import VILLAGE_KINDS, Unit

_CURRENT = Count("households", filter=Q(households__dissolved_on__isnull=True))


def household_counts(units: list[Unit], *, under: Unit) -> dict[int, int]:
    """Current households under each of `units` (children of `under`), in one query."""
    if not units:
        return {}
    villages = Unit.objects.filter(path__startswith=under.path, kind__in=VILLAGE_KINDS).annotate(n=_CURRENT)
    counts: dict[int, int] = defaultdict(int)
    for village_path, n in villages.values_list("path", "n"):
        for unit in units:
            if village_path.startswith(unit.path):
                counts[unit.id] += n
    return counts


def household_count(unit: Unit) -> int:
    total = Unit.objects.filter(path__startswith=unit.path, kind__in=VILLAGE_KINDS).aggregate(n=_CURRENT)["n"]
    return int(total or 0)
