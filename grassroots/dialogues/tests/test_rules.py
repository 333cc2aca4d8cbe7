"""Boundary tests of the yearly dialogue duty (Law Art 32; checklist 10.N.38)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from grassroots.dialogues import rules
from grassroots.dialogues.choices import YearStatus

Y = 2026


def status(today, planned=(), held=()):  # type: ignore[no-untyped-def]
    return rules.year_status(Y, today, planned=list(planned), held=list(held))


def test_law_art32_a_dialogue_held_on_31_december_fulfils_the_year():
    assert status(dt.date(Y + 1, 1, 1), [dt.date(Y, 12, 31)], [dt.date(Y, 12, 31)]) == YearStatus.HELD


def test_law_art32_no_dialogue_held_by_31_december_is_missing_on_1_january():
    assert status(dt.date(Y, 12, 31), [dt.date(Y, 12, 31)]) == YearStatus.SCHEDULED
    assert status(dt.date(Y + 1, 1, 1), [dt.date(Y, 12, 31)]) == YearStatus.MISSING
    assert status(dt.date(Y + 1, 1, 1)) == YearStatus.MISSING


def test_law_art32_nothing_scheduled_is_flagged_from_1_november_not_on_31_october():
    assert status(dt.date(Y, 10, 31)) == YearStatus.NOT_YET
    assert status(dt.date(Y, 11, 1)) == YearStatus.UNSCHEDULED
    assert YearStatus.UNSCHEDULED in rules.FLAGGED and YearStatus.NOT_YET not in rules.FLAGGED


def test_law_art32_a_dialogue_of_last_year_does_not_count_for_this_year():
    assert status(dt.date(Y, 11, 1), [dt.date(Y - 1, 12, 1)], [dt.date(Y - 1, 12, 1)]) == YearStatus.UNSCHEDULED


def test_law_art32_a_scheduled_day_passed_without_holding_is_late():
    assert status(dt.date(Y, 6, 2), [dt.date(Y, 6, 1)]) == YearStatus.LATE
    assert status(dt.date(Y, 6, 1), [dt.date(Y, 6, 1)]) == YearStatus.SCHEDULED
    assert status(dt.date(Y, 6, 2), [dt.date(Y, 6, 1), dt.date(Y, 9, 1)]) == YearStatus.SCHEDULED


def test_notice_7_days_before_is_in_time_6_is_not():
    assert rules.notice_in_time(dt.date(Y, 6, 1), dt.date(Y, 6, 8))
    assert not rules.notice_in_time(dt.date(Y, 6, 2), dt.date(Y, 6, 8))


@given(st.dates(min_value=dt.date(Y, 1, 1), max_value=dt.date(Y + 2, 12, 31)), st.lists(st.dates(), max_size=4))
def test_held_in_the_year_always_fulfils_it_and_nothing_else_does(today, held):
    s = status(today, held, held)
    assert (s == YearStatus.HELD) == any(d.year == Y for d in held)
