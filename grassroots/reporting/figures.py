"""Reading the stored figures: what the dashboards, the reports and the evaluation ask. No recomputation here."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import QuerySet

from grassroots.territory.models import COMMUNE_KINDS, VILLAGE_KINDS, Unit

from .models import Figure, OverdueItem
from .periods import previous_starts


@dataclass(frozen=True)
class Tally:
    numerator: int
    denominator: int
    items: int

    @property
    def ratio(self) -> Fraction | None:
        """None when nothing is counted ("no data yet"), never zero."""
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    @property
    def percent(self) -> float | None:
        return round(100 * self.numerator / self.denominator, 1) if self.denominator else None


def unit_figures(unit: Unit, kind: str, start: dt.date) -> dict[str, Tally]:
    """The unit's figures for one period, by indicator code; an indicator without data is absent."""
    rows = Figure.objects.filter(unit=unit, kind=kind, start=start).values_list(
        "indicator", "numerator", "denominator", "items"
    )
    return {code: Tally(n, d, c) for code, n, d, c in rows}


def children_figures(unit_ids: list[int], kind: str, start: dt.date) -> dict[int, dict[str, Tally]]:
    """Several units' figures for one period (the units below a dashboard's unit): unit id → code → tally."""
    rows = Figure.objects.filter(unit_id__in=unit_ids, kind=kind, start=start).values_list(
        "unit_id", "indicator", "numerator", "denominator", "items"
    )
    out: dict[int, dict[str, Tally]] = defaultdict(dict)
    for unit_id, code, n, d, c in rows:
        out[unit_id][code] = Tally(n, d, c)
    return dict(out)


def trend(unit: Unit, kind: str, start: dt.date, count: int = 12) -> list[tuple[dt.date, dict[str, Tally]]]:
    """The unit's figures for the `count` periods ending with `start`, oldest first."""
    starts = previous_starts(kind, start, count)
    rows = Figure.objects.filter(unit=unit, kind=kind, start__in=starts).values_list(
        "start", "indicator", "numerator", "denominator", "items"
    )
    by_start: dict[dt.date, dict[str, Tally]] = {s: {} for s in starts}
    for s, code, n, d, c in rows:
        by_start[s][code] = Tally(n, d, c)
    return list(by_start.items())


def overdue_below(unit: Unit) -> QuerySet[OverdueItem]:
    """Everything past a statutory deadline in the unit and below it, as the last refresh found it.

    For a commune or a village the rows are also narrowed by an indexed column (the same rows: an item's unit
    is its commune or one of the commune's villages), because SQLite uses no index for a path prefix (LIKE):
    at province scale (about 10,000 overdue items) the scan was most of a commune's dashboard
    (bench/dashboard.py). Above communes, the rows come in the order of the `overdue_order` index, so the
    first ones of a list are found without sorting them all.
    """
    rows = OverdueItem.objects.filter(path__startswith=unit.path)
    if unit.kind in COMMUNE_KINDS:
        rows = rows.filter(commune_id=unit.pk)
    elif unit.kind in VILLAGE_KINDS:
        rows = rows.filter(unit_id=unit.pk)
    return rows.select_related("unit", "commune")
