"""The law of the casework as pure functions: the 5 working days of D59 Art 14 and the 15 days of Law
Art 40(1), at their boundaries."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from grassroots.petitions import rules
from grassroots.petitions.choices import Period

WEEKDAYS = rules.WorkingDays()
MONDAY = dt.date(2026, 3, 2)


def test_d59_art14_a_plan_sent_5_working_days_before_acting_is_in_time() -> None:
    # Sent Monday 2 March 2026: Tue, Wed, Thu, Fri, Mon are the 5 working days; acting on Monday 9 March.
    assert rules.plan_in_time(MONDAY, dt.date(2026, 3, 9), WEEKDAYS)


def test_d59_art14_a_plan_sent_4_working_days_before_acting_is_refused() -> None:
    assert not rules.plan_in_time(MONDAY, dt.date(2026, 3, 6), WEEKDAYS)
    assert not rules.plan_in_time(MONDAY, dt.date(2026, 3, 8), WEEKDAYS)  # the weekend does not count


def test_d59_art14_a_public_holiday_does_not_count_as_a_working_day() -> None:
    days = rules.WorkingDays(days_off=frozenset({dt.date(2026, 3, 4)}))
    assert not rules.plan_in_time(MONDAY, dt.date(2026, 3, 9), days)
    assert rules.plan_in_time(MONDAY, dt.date(2026, 3, 10), days)


def test_d59_art14_a_make_up_saturday_counts() -> None:
    days = rules.WorkingDays(days_on=frozenset({dt.date(2026, 3, 7)}))
    assert rules.earliest_action(MONDAY, days) == dt.date(2026, 3, 7)


def test_law_art40_1_an_answer_on_the_15th_day_is_in_time() -> None:
    received = dt.date(2026, 3, 2)
    assert rules.answer_due(received) == dt.date(2026, 3, 17)
    assert rules.answered_in_time(received, dt.date(2026, 3, 17))
    assert not rules.answer_overdue(received, None, dt.date(2026, 3, 17))


def test_law_art40_1_an_answer_on_the_16th_day_is_late() -> None:
    received = dt.date(2026, 3, 2)
    assert not rules.answered_in_time(received, dt.date(2026, 3, 18))
    assert rules.answer_overdue(received, None, dt.date(2026, 3, 18))
    assert rules.answer_overdue(received, dt.date(2026, 3, 18), dt.date(2026, 3, 20))


@given(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)), st.integers(0, 40))
def test_law_art40_1_overdue_exactly_after_15_days(received: dt.date, later: int) -> None:
    today = received + dt.timedelta(days=later)
    assert rules.answer_overdue(received, None, today) == (later > rules.ANSWER_WITHIN_DAYS)


@given(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_d59_art14_earliest_action_is_5_working_days_later(sent: dt.date) -> None:
    earliest = rules.earliest_action(sent, WEEKDAYS)
    between = [sent + dt.timedelta(days=i) for i in range(1, (earliest - sent).days + 1)]
    assert sum(1 for d in between if WEEKDAYS.counts(d)) == 5
    assert WEEKDAYS.counts(earliest)


def test_law_art39_report_periods() -> None:
    assert rules.period_bounds(Period.QUARTER, 2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert rules.period_bounds(Period.HALF, 2026, 1) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert rules.period_bounds(Period.YEAR, 2026) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert rules.period_bounds(Period.TERM, 2022, last_year=2026) == (dt.date(2022, 1, 1), dt.date(2026, 12, 31))


def test_steps_follow_in_order() -> None:
    assert rules.may_move("received", "accepted")
    assert not rules.may_move("received", "sent")
    assert not rules.may_move("closed", "answered")
