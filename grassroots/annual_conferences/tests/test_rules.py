"""The law of the annual conference as pure functions: named boundary tests citing the article
(Law Art 33; D59 Arts 10–11; law.md 10.K.30)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from grassroots.annual_conferences import rules
from grassroots.annual_conferences.choices import Party, Slot, YearStatus
from grassroots.decisions.rules import WorkCalendar

CAL = WorkCalendar()


def test_d59_art10_notice_5_days_before_is_in_time():
    assert rules.notice_in_time(dt.date(2026, 12, 1), dt.date(2026, 12, 6))


def test_d59_art10_notice_4_days_before_is_refused():
    assert not rules.notice_in_time(dt.date(2026, 12, 2), dt.date(2026, 12, 6))


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)), st.integers(-30, 30))
def test_d59_art10_notice_in_time_exactly_from_5_days(held_on, gap):
    sent_on = held_on - dt.timedelta(days=gap)
    assert rules.notice_in_time(sent_on, held_on) == ((held_on - sent_on).days >= 5)


def test_law_art33_deadline_is_31_december_of_the_year():
    assert rules.year_deadline(2026) == dt.date(2026, 12, 31)


def test_law_art33_none_held_on_31_december_is_not_yet_missing():
    assert rules.year_status(2026, dt.date(2026, 12, 31), planned_on=None, held_on=None) == YearStatus.UNSCHEDULED


def test_law_art33_none_held_on_1_january_is_missing():
    assert rules.year_status(2026, dt.date(2027, 1, 1), planned_on=None, held_on=None) == YearStatus.MISSING


def test_law_art33_planned_but_not_held_when_the_year_ends_is_missing():
    status = rules.year_status(2026, dt.date(2027, 1, 1), planned_on=dt.date(2026, 12, 20), held_on=None)
    assert status == YearStatus.MISSING


def test_law_art33_nothing_scheduled_on_30_november_is_not_warned():
    assert rules.year_status(2026, dt.date(2026, 11, 30), planned_on=None, held_on=None) == YearStatus.NOT_YET


def test_law_art33_nothing_scheduled_on_1_december_is_warned():
    status = rules.year_status(2026, dt.date(2026, 12, 1), planned_on=None, held_on=None)
    assert status == YearStatus.UNSCHEDULED and status in rules.FLAGGED


def test_law_art33_planned_day_passed_without_holding_is_flagged():
    status = rules.year_status(2026, dt.date(2026, 12, 21), planned_on=dt.date(2026, 12, 20), held_on=None)
    assert status == YearStatus.PLANNED_LATE and status in rules.FLAGGED


def test_law_art33_planned_for_today_is_planned():
    day = dt.date(2026, 12, 20)
    assert rules.year_status(2026, day, planned_on=day, held_on=None) == YearStatus.PLANNED


def test_law_art33_held_is_never_flagged():
    status = rules.year_status(
        2026, dt.date(2027, 3, 1), planned_on=dt.date(2026, 12, 20), held_on=dt.date(2026, 12, 20)
    )
    assert status == YearStatus.HELD and status not in rules.FLAGGED


def test_d59_art10_plan_needs_all_three_parties():
    assert rules.missing_agreements([]) == [Party.COMMUNE, Party.FRONT, Party.INSPECTION]
    assert rules.missing_agreements(["commune", "front"]) == [Party.INSPECTION]
    assert rules.missing_agreements(["commune", "front", "inspection"]) == []


def test_d59_art10_minutes_need_the_three_report_slots():
    full = {"head_report": "a", "front_report": "b", "inspection_report": "c"}
    assert rules.missing_slots(full) == []
    assert rules.missing_slots({**full, "inspection_report": "  "}) == [Slot.INSPECTION]
    assert rules.missing_slots({}) == [Slot.HEAD, Slot.FRONT, Slot.INSPECTION]


def test_d59_art11_report_due_5_working_days_after_the_conference():
    # Friday 18 December 2026: five working days later is Friday 25 December.
    assert rules.report_due_on(dt.date(2026, 12, 18), CAL) == dt.date(2026, 12, 25)


def test_d59_art11_report_not_overdue_on_its_due_day_and_overdue_the_day_after():
    held = dt.date(2026, 12, 18)
    assert not rules.report_overdue(held, None, dt.date(2026, 12, 25), CAL)
    assert rules.report_overdue(held, None, dt.date(2026, 12, 26), CAL)
    assert not rules.report_overdue(held, dt.date(2026, 12, 28), dt.date(2027, 1, 5), CAL)


YEARS = st.integers(min_value=2020, max_value=2040)
DAYS = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2042, 12, 31))


@given(YEARS, DAYS, st.one_of(st.none(), DAYS), st.one_of(st.none(), DAYS))
def test_law_art33_year_status_flags_exactly_the_villages_the_law_counts_as_late(year, today, planned_on, held_on):
    status = rules.year_status(year, today, planned_on=planned_on, held_on=held_on)
    assert (status == YearStatus.HELD) == (held_on is not None)
    if held_on is None:
        # Missing exactly when 31 December of the year has passed (Law Art 33(1)).
        assert (status == YearStatus.MISSING) == (today > dt.date(year, 12, 31))
        if status != YearStatus.MISSING and planned_on is None:
            # Warned exactly from 1 December.
            assert (status == YearStatus.UNSCHEDULED) == (today >= dt.date(year, 12, 1))
