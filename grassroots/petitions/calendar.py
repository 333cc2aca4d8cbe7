"""Working days for the 5-working-day notice of an inspection plan (D59 Art 14): Vietnam's public holidays
(Tết included) and the announced make-up Saturdays (core.calendar)."""

from __future__ import annotations

import datetime as dt
import functools

from grassroots.core.calendar import make_up_days, public_holidays

from .rules import WorkingDays


def working_days(around: dt.date) -> WorkingDays:
    return _for_year(around.year)


@functools.lru_cache(maxsize=8)
def _for_year(year: int) -> WorkingDays:
    years = [year - 1, year, year + 1]
    return WorkingDays(days_off=frozenset(public_holidays(years)), days_on=frozenset(make_up_days(years)))
