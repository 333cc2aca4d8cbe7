"""Boundary tests of the rating rules (Law Art 34(1), Art 35(2)(a); checklist 10.N.37)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from grassroots.service_ratings import rules


def test_law_art35_2_a_one_rating_a_quarter_refuses_the_last_day_of_the_same_quarter():
    assert not rules.may_rate(dt.date(2026, 3, 31), [dt.date(2026, 1, 1)])


def test_law_art35_2_a_one_rating_a_quarter_allows_the_first_day_of_the_next_quarter():
    assert rules.may_rate(dt.date(2026, 4, 1), [dt.date(2026, 3, 31)])


def test_law_art35_2_a_the_same_quarter_of_another_year_is_another_occurrence():
    assert rules.may_rate(dt.date(2027, 1, 5), [dt.date(2026, 1, 5)])


def test_law_art35_2_a_small_count_of_4_ratings_is_withheld_and_5_is_shown():
    assert not rules.shown(4)
    assert rules.shown(5)
    assert not rules.shown(0)


def test_law_art35_2_a_scores_are_1_to_5():
    assert [rules.score_valid(s) for s in (0, 1, 5, 6)] == [False, True, True, False]
    assert not rules.score_valid(None)
    assert not rules.score_valid(True)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_quarter_bounds_hold_the_day(day):
    year, quarter = rules.quarter_of(day)
    first, last = rules.quarter_bounds(year, quarter)
    assert first <= day <= last
    assert rules.quarter_of(first) == rules.quarter_of(last) == (year, quarter)
    assert rules.quarter_of(last + dt.timedelta(days=1)) != (year, quarter)


@given(st.dates(), st.lists(st.dates(), max_size=5))
def test_may_rate_is_refused_exactly_when_an_earlier_rating_shares_the_quarter(day, earlier):
    assert rules.may_rate(day, earlier) == all(rules.quarter_of(e) != rules.quarter_of(day) for e in earlier)


def test_bar_width():
    assert rules.bar_percent(None) == 0
    assert rules.bar_percent(5) == 100
    assert rules.bar_percent(2.5) == 50
    assert rules.bar_percent(4.37) == 85
