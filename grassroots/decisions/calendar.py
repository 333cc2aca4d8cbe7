"""The working-day calendar: Vietnamese public holidays (Tết included) from the `holidays` library,
the government's announced make-up working days (`SWAPPED_WORKING_DAYS`), and the adjustments an
administrator adds in the admin (`NonWorkingDay`), which win over both."""

from __future__ import annotations

import datetime as dt

import holidays

from grassroots.core.calendar import SWAPPED_WORKING_DAYS

from .models import NonWorkingDay
from .rules import WorkCalendar


def work_calendar(around: dt.date) -> WorkCalendar:
    years = [around.year - 1, around.year, around.year + 1]
    public = set(holidays.country_holidays("VN", years=years))
    announced = {day for day in SWAPPED_WORKING_DAYS if day.year in years}
    adjustments = NonWorkingDay.objects.filter(day__year__in=years)
    extra_working = {a.day for a in adjustments if a.is_working_day}
    days_off = {a.day for a in adjustments if not a.is_working_day}
    # An administrator's day off wins over an announced make-up day (a later change of plan).
    working = (announced - days_off) | extra_working
    return WorkCalendar(holidays=frozenset((public | days_off) - working), extra_working_days=frozenset(working))
