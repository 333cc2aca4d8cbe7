"""Properties of the working-day arithmetic that filing and recognition deadlines use (Art 20(3), 21(2))."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from grassroots.decisions.rules import WorkCalendar, add_working_days, filing_due_on, recognition_due_on

DAYS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))
CALENDARS = st.builds(
    WorkCalendar,
    holidays=st.frozensets(DAYS, max_size=40),
    extra_working_days=st.frozensets(DAYS.filter(lambda d: d.weekday() >= 5), max_size=6),
)


@given(DAYS, st.integers(1, 30), CALENDARS)
def test_the_deadline_lands_on_a_working_day_after_the_start(start, days, calendar):  # type: ignore[no-untyped-def]
    due = add_working_days(start, days, calendar)
    assert due > start
    assert calendar.is_working_day(due)
    between = [start + dt.timedelta(n) for n in range(1, (due - start).days + 1)]
    assert sum(calendar.is_working_day(d) for d in between) == days


@given(DAYS, DAYS, st.integers(0, 20), CALENDARS)
def test_a_later_start_never_gives_an_earlier_deadline(a, b, days, calendar):  # type: ignore[no-untyped-def]
    first, second = sorted((a, b))
    assert add_working_days(first, days, calendar) <= add_working_days(second, days, calendar)


@given(DAYS, st.integers(0, 20), CALENDARS)
def test_one_more_working_day_never_gives_an_earlier_deadline(start, days, calendar):  # type: ignore[no-untyped-def]
    assert add_working_days(start, days, calendar) < add_working_days(start, days + 1, calendar)


@given(DAYS, CALENDARS)
def test_a_holiday_can_only_push_a_deadline_later(start, calendar):  # type: ignore[no-untyped-def]
    plain = WorkCalendar(extra_working_days=calendar.extra_working_days)
    assert filing_due_on(start, plain) <= filing_due_on(start, calendar)
    assert recognition_due_on(start, plain) <= recognition_due_on(start, calendar)
