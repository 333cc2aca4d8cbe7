"""The annual community conference as pure law (no ORM, settings or clock): Law Art 33; D59 Arts 10–11;
law.md §3.12 and checklist 10.K item 30.

Readings where the text leaves room (chosen to protect residents, and said so in the issue's report):
- "Once a year, at the end of the year" (Law Art 33(1)): one conference per village per calendar year; the
  deadline is 31 December of that year. A village without a conference held is flagged *missing* once
  31 December has passed, and warned from 1 December when none is scheduled (or its planned day has passed).
- "At least 5 days before" (D59 Art 10) counts calendar days, as decisions.rules.notice_in_time does for
  the 2 days of D59 Art 3(3): sent on the 1st for a conference on the 6th is in time, on the 2nd is not.
- The written report to UBND xã and MTTQ xã afterwards (D59 Art 11) has no deadline in the text: it is due
  within 5 working days of the conference, by analogy with the filing of a community decision (Law Art
  20(3)), and flagged as overdue after that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from grassroots.decisions.rules import WorkCalendar, add_working_days

from .choices import Party, Slot, YearStatus

# Law Art 33(1): "mỗi năm một lần vào cuối năm": once per calendar year, at the end of it.
DEADLINE_MONTH, DEADLINE_DAY = 12, 31
# The warning starts on 1 December when nothing is scheduled (our reading of "at the end of the year").
WARNING_MONTH, WARNING_DAY = 12, 1
# D59 Art 10: the notice reaches each household at least 5 days before the conference.
NOTICE_DAYS = 5
# D59 Art 11 sets no deadline for the written report: 5 working days, as Law Art 20(3) for decision records.
REPORT_WORKING_DAYS = 5
# D59 Art 10: the plan is agreed with these three beforehand.
AGREEING_PARTIES = (Party.COMMUNE, Party.FRONT, Party.INSPECTION)
# D59 Art 10, agenda points 2–4: the reports every conference hears.
REQUIRED_SLOTS = (Slot.HEAD, Slot.FRONT, Slot.INSPECTION)


def year_deadline(year: int) -> dt.date:
    """Law Art 33(1): the conference of a year is held by 31 December of that year (10.K.30)."""
    return dt.date(year, DEADLINE_MONTH, DEADLINE_DAY)


def warning_starts(year: int) -> dt.date:
    """From 1 December a village with nothing scheduled is warned (Law Art 33(1), our reading of "year end")."""
    return dt.date(year, WARNING_MONTH, WARNING_DAY)


def notice_in_time(sent_on: dt.date, held_on: dt.date) -> bool:
    """D59 Art 10: the notice reaches each household at least 5 days before the conference (10.K.30)."""
    return (held_on - sent_on).days >= NOTICE_DAYS


def latest_notice_day(held_on: dt.date) -> dt.date:
    """D59 Art 10: the last day a notice may go out for a conference on `held_on`."""
    return held_on - dt.timedelta(days=NOTICE_DAYS)


def missing_agreements(agreed: Iterable[str]) -> list[Party]:
    """D59 Art 10: the parties whose agreement to the plan is not yet recorded (10.K.30)."""
    given = set(agreed)
    return [party for party in AGREEING_PARTIES if party not in given]


def missing_slots(reports: dict[str, str]) -> list[Slot]:
    """D59 Art 10 (agenda points 2–4): the required reports still empty in the minutes (10.K.30)."""
    return [slot for slot in REQUIRED_SLOTS if not (reports.get(slot) or "").strip()]


def year_status(year: int, today: dt.date, *, planned_on: dt.date | None, held_on: dt.date | None) -> YearStatus:
    """Where a village stands with the conference of `year` on `today` (Law Art 33(1); 10.K.30):

    - held: a conference of that year was held;
    - missing: 31 December of the year has passed with none held (planned or not);
    - planned_late: planned, its day has passed, not held yet (the year is not over);
    - planned: planned for a day still to come;
    - unscheduled: nothing planned and it is December (the warning);
    - not_yet: nothing planned, before December.
    """
    if held_on is not None:
        return YearStatus.HELD
    if today > year_deadline(year):
        return YearStatus.MISSING
    if planned_on is not None:
        return YearStatus.PLANNED_LATE if planned_on < today else YearStatus.PLANNED
    return YearStatus.UNSCHEDULED if today >= warning_starts(year) else YearStatus.NOT_YET


FLAGGED = frozenset({YearStatus.MISSING, YearStatus.PLANNED_LATE, YearStatus.UNSCHEDULED})


def report_due_on(held_on: dt.date, calendar: WorkCalendar) -> dt.date:
    """D59 Art 11: the written report to UBND xã and MTTQ xã; due within 5 working days of the conference
    (our reading, by analogy with Law Art 20(3))."""
    return add_working_days(held_on, REPORT_WORKING_DAYS, calendar)


def report_overdue(held_on: dt.date, sent_on: dt.date | None, today: dt.date, calendar: WorkCalendar) -> bool:
    """D59 Art 11: the report is overdue when not sent and its day (`report_due_on`) has passed."""
    return sent_on is None and today > report_due_on(held_on, calendar)
