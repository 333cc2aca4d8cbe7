"""The working-day calendar: Vietnamese public holidays (Tết included) from the `holidays` library,
the government's announced make-up working days (`SWAPPED_WORKING_DAYS`), and the adjustments an
administrator adds in the admin (`NonWorkingDay`), which win over both."""

from __future__ import annotations

import datetime as dt

import holidays

from .models import NonWorkingDay
from .rules import WorkCalendar

# Saturdays the government made working days for officials and public employees, in exchange for a
# weekday off next to a holiday (hoán đổi ngày làm việc, "làm bù"). Only days whose announcement we
# could identify are listed; an administrator adds any other in the admin (`NonWorkingDay`, ticked
# "is a working day"), or unticks one of these by adding the same day as a day off.
# Not listed, because not verified: a make-up day for Tết 2025 (the announcement below gives Tết
# 2025 as 25/01–02/02 with no make-up day that we could confirm; 08/02/2025 is not one as far as we
# know), any make-up day for Tết 2026 (14/02–22/02/2026, none found), and every day of 2027 (no
# announcement found yet).
SWAPPED_WORKING_DAYS: dict[dt.date, str] = {
    # Thông báo 6150/TB-BLĐTBXH (2024) on Tết and 30/4–1/5/2025: Friday 02/05/2025 off, worked on
    # Saturday 26/04/2025 (also in python-holidays' Vietnam calendar, which gives 02/05 as the day off).
    dt.date(2025, 4, 26): "Làm bù cho thứ Sáu 02/05/2025 (Thông báo 6150/TB-BLĐTBXH)",
    # National Day 2026: Monday 31/08/2026 off, worked on Saturday 22/08/2026, as python-holidays'
    # Vietnam calendar records from the government's 2026 holiday announcement; the number of that
    # announcement was not verified here.
    dt.date(2026, 8, 22): "Làm bù cho thứ Hai 31/08/2026 (lịch nghỉ Quốc khánh 2026)",
}


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
