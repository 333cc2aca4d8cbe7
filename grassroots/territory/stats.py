"""Household counts per unit, for the public pages and the API."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from grassroots.people.models import Household

from .models import Unit


def household_counts(units: list[Unit], *, under: Unit | None = None) -> dict[int, int]:
    """Current households under each unit (the unit itself if it is a village). One query."""
    if not units:
        return {}
    households = Household.objects.active()
    if under is not None:
        households = households.filter(unit__path__startswith=under.path)
    per_village = households.values_list("unit__path").annotate(n=Count("id"))
    counts: dict[int, int] = defaultdict(int)
    for village_path, n in per_village:
        for unit in units:
            if village_path.startswith(unit.path):
                counts[unit.id] += n
    return counts


def household_count(unit: Unit) -> int:
    return Household.objects.active().filter(unit__path__startswith=unit.path).count()
