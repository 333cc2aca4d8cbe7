"""Months, quarters and years: the periods figures are kept for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .models import PeriodKind


def period_start(kind: str, day: dt.date) -> dt.date:
    if kind == PeriodKind.MONTH:
        return day.replace(day=1)
    if kind == PeriodKind.QUARTER:
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, 1, 1)


def period_end(kind: str, start: dt.date) -> dt.date:
    """The last day of the period that begins on `start`."""
    months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[PeriodKind(kind)]
    month = start.month - 1 + months
    return dt.date(start.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def previous_starts(kind: str, start: dt.date, count: int) -> list[dt.date]:
    """`count` period starts ending with `start`, oldest first (for trends)."""
    starts = [start]
    for _ in range(count - 1):
        starts.append(period_start(kind, starts[-1] - dt.timedelta(days=1)))
    return starts[::-1]


def starts_of(day: dt.date) -> Iterator[tuple[str, dt.date]]:
    """The month, quarter and year a day falls in."""
    for kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR):
        yield kind, period_start(kind, day)


def label(kind: str, start: dt.date) -> str:
    """How a Vietnamese report names the period: "Tháng 3/2026", "Quý I/2026", "Năm 2026"."""
    from django.utils.translation import gettext as _

    if kind == PeriodKind.MONTH:
        return _("Month %(month)d/%(year)d") % {"month": start.month, "year": start.year}
    if kind == PeriodKind.QUARTER:
        roman = ["I", "II", "III", "IV"][(start.month - 1) // 3]
        return _("Quarter %(quarter)s/%(year)d") % {"quarter": roman, "year": start.year}
    return _("Year %(year)d") % {"year": start.year}
