"""Working days for the disclosure deadline (Law Art 12(3)): Vietnamese public holidays, Tết included,
from the `holidays` library. The decisions app keeps its own calendar with administrators' adjustments;
this one is read-only and errs on the side of residents: a day it misses as a holiday makes a
deadline earlier, never later."""

from __future__ import annotations

import datetime as dt

import holidays

from .rules import WorkingDays


def working_days(around: dt.date) -> WorkingDays:
    years = [around.year - 1, around.year, around.year + 1]
    return WorkingDays(days_off=frozenset(holidays.country_holidays("VN", years=years)))
