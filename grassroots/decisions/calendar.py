"""The working-day calendar: Vietnamese public holidays (Tết included) from the `holidays` library,
adjusted by administrators for the government's day swaps and compensatory days off."""

from __future__ import annotations

import datetime as dt

import holidays

from .models import NonWorkingDay
from .rules import WorkCalendar


def work_calendar(around: dt.date) -> WorkCalendar:
    years = [around.year - 1, around.year, around.year + 1]
    public = set(holidays.country_holidays("VN", years=years))
    adjustments = NonWorkingDay.objects.filter(day__year__in=years)
    extra_working = {a.day for a in adjustments if a.is_working_day}
    days_off = {a.day for a in adjustments if not a.is_working_day}
    return WorkCalendar(
        holidays=frozenset((public | days_off) - extra_working), extra_working_days=frozenset(extra_working)
    )
