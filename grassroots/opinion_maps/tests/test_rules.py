"""The rules of a map: the 20-day window (Law Art 28), statements' size, the group counts tried."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grassroots.core.errors import DomainError
from grassroots.opinion_maps import rules

from .conftest import draft

D = dt.date(2026, 3, 1)


def test_law_art28_a_window_of_19_days_is_too_short():
    assert not rules.window_long_enough(D, D + dt.timedelta(days=18))


def test_law_art28_a_window_of_20_days_is_enough():
    assert rules.window_long_enough(D, D + dt.timedelta(days=19))
    assert rules.earliest_close(D) == D + dt.timedelta(days=19)


@pytest.mark.django_db
def test_law_art28_a_map_open_for_19_days_is_refused(cast):
    with pytest.raises(DomainError) as refused:
        draft(cast, days=18)
    assert refused.value.field == "closes_on" and "20" in str(refused.value)


@pytest.mark.django_db
def test_law_art28_a_map_open_for_20_days_is_accepted(cast):
    assert draft(cast, days=19).pk


# Any opening day whose closing day (up to 400 days later) is still a date: the guard that stood here computed
# the closing day first and overflowed near 31 December 9999 (found by a fresh clone's run).
@given(st.dates(max_value=dt.date.max - dt.timedelta(days=401)), st.integers(min_value=0, max_value=400))
def test_the_window_counts_both_days(opens, extra):  # type: ignore[no-untyped-def]
    closes = opens + dt.timedelta(days=extra)
    assert rules.window_days(opens, closes) == extra + 1
    assert rules.window_long_enough(opens, closes) == (extra + 1 >= rules.MIN_WINDOW_DAYS)


@given(st.integers(min_value=0, max_value=10_000))
def test_no_group_count_leaves_a_group_under_5(placed):  # type: ignore[no-untyped-def]
    for k in rules.candidate_group_counts(placed):
        assert 2 <= k <= rules.MAX_GROUPS and k * rules.MIN_GROUP_SIZE <= placed


def test_statement_length_bounds():
    assert not rules.statement_length_ok("x" * 9)
    assert rules.statement_length_ok("x" * 10) and rules.statement_length_ok("x" * 280)
    assert not rules.statement_length_ok("x" * 281)
