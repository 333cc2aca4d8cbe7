"""The Vietnamese working-day calendar shared by the apps that count working days (decisions, disclosure):
public holidays (Tết included) from the `holidays` library and the government's announced make-up
working days. Each app adds what is its own (decisions: an administrator's adjustments)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import holidays

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


def public_holidays(years: Iterable[int]) -> set[dt.date]:
    """Vietnam's public holidays in these years (Labour Code 2019 Art 112, as the `holidays` library has them)."""
    return set(holidays.country_holidays("VN", years=list(years)))


def make_up_days(years: Iterable[int]) -> set[dt.date]:
    """The announced make-up Saturdays (`SWAPPED_WORKING_DAYS`) in these years."""
    wanted = set(years)
    return {day for day in SWAPPED_WORKING_DAYS if day.year in wanted}
