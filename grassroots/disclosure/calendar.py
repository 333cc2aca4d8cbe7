"""Working days for the disclosure deadline (Law Art 12(3)) and the time to answer a request (Art 14):
Vietnam's public holidays (Tết included) and the announced make-up Saturdays (core.calendar). The
decisions app adds an administrator's adjustments, which this register does not read (apps on one
layer do not import each other)."""

from __future__ import annotations

import datetime as dt
import functools

from grassroots.core.calendar import make_up_days, public_holidays

from .rules import WorkingDays


def working_days(around: dt.date) -> WorkingDays:
    return _for_year(around.year)


@functools.lru_cache(maxsize=8)
def _for_year(year: int) -> WorkingDays:
    """Built once per year and process: a console lists hundreds of deadlines."""
    years = [year - 1, year, year + 1]
    return WorkingDays(days_off=frozenset(public_holidays(years)), days_on=frozenset(make_up_days(years)))
