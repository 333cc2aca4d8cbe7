"""The yearly dialogue between the commune People's Committee and residents, as pure law (no ORM,
settings or clock): Law Art 32; law.md §5.1 and checklist 10.N item 38 ("at least 1 per year, jointly
with MTTQ").

Readings where the text leaves room (chosen to protect residents, and said so in the issue's report):
- "At least once a year": per calendar year; a commune with no dialogue held by 31 December is *missing*.
- The warning starts on 1 November (earlier than the 1 December of annual_conferences): a dialogue needs
  the Front's agreement, a published notice and time for residents to send questions in advance, so a
  commune with nothing held or scheduled is flagged while two months remain to do all that.
- The notice: the law sets no period; we ask for it to be published at least 7 days before the dialogue
  so residents can send questions in advance, and flag a shorter notice (the dialogue is not refused: it
  happened, and residents should see it).
- "With the Front" (Law Art 32): the Front's agreement to the schedule is recorded before the notice is
  published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .choices import YearStatus

# Law Art 32: at least one dialogue per calendar year; the year ends on 31 December.
DEADLINE_MONTH, DEADLINE_DAY = 12, 31
# Our reading: flagged from 1 November when nothing is held or scheduled (time for notice and questions).
WARNING_MONTH, WARNING_DAY = 11, 1
# Our reading: the notice goes out at least 7 days before, so residents can send questions in advance.
NOTICE_DAYS = 7


def year_deadline(year: int) -> dt.date:
    """Law Art 32: the dialogue of a year is held by 31 December of that year (10.N.38)."""
    return dt.date(year, DEADLINE_MONTH, DEADLINE_DAY)


def warning_starts(year: int) -> dt.date:
    """From 1 November a commune with nothing held or scheduled in the year is flagged (our reading)."""
    return dt.date(year, WARNING_MONTH, WARNING_DAY)


def notice_in_time(published_on: dt.date, held_on: dt.date) -> bool:
    """Our reading: the notice is published at least 7 days before the dialogue."""
    return (held_on - published_on).days >= NOTICE_DAYS


def year_status(year: int, today: dt.date, *, planned: Iterable[dt.date], held: Iterable[dt.date]) -> YearStatus:
    """Where a commune stands with the yearly dialogue of `year` on `today` (Law Art 32; 10.N.38):

    - held: at least one dialogue of that year was held;
    - missing: 31 December of the year has passed with none held;
    - scheduled: one is scheduled on a day still to come (today included);
    - late: every scheduled day has passed, none held (the year is not over);
    - unscheduled: nothing scheduled and it is 1 November or later (the warning);
    - not_yet: nothing scheduled, before November.
    """
    if any(day.year == year for day in held):
        return YearStatus.HELD
    if today > year_deadline(year):
        return YearStatus.MISSING
    days = [day for day in planned if day.year == year]
    if any(day >= today for day in days):
        return YearStatus.SCHEDULED
    if days:
        return YearStatus.LATE
    return YearStatus.UNSCHEDULED if today >= warning_starts(year) else YearStatus.NOT_YET


FLAGGED = frozenset({YearStatus.MISSING, YearStatus.LATE, YearStatus.UNSCHEDULED})
