"""The law of disclosure as pure rules (Law Arts 11–14; checklist 10.L): named boundary tests per article."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grassroots.disclosure import rules
from grassroots.disclosure.choices import Category, Channel
from grassroots.disclosure.rules import Problem, Requirement, Span, WorkingDays

D = dt.date
NO_HOLIDAYS = WorkingDays()
SEAT_30 = Requirement(Channel.COMMUNE_SEAT, min_days=30)
BROADCAST_3 = Requirement(Channel.LOUDSPEAKER, min_days=3)


def channels(category, *, loudspeaker=True):  # type: ignore[no-untyped-def]
    return {r.channel: r for r in rules.required_channels(category, has_loudspeaker=loudspeaker)}


# --- Art 12(3): 5 working days from the decision --------------------------------------------------
def test_art12_3_deadline_is_5_working_days_after_the_decision():
    # Monday 2 March 2026 → Monday 9 March (Tue, Wed, Thu, Fri, Mon).
    assert rules.disclose_by(D(2026, 3, 2), NO_HOLIDAYS) == D(2026, 3, 9)


def test_art12_3_deadline_skips_the_weekend_and_holidays():
    # Friday 24 April 2026; 30 April and 1 May are holidays: Mon 27, Tue 28, Wed 29, Mon 4, Tue 5.
    days = WorkingDays(days_off=frozenset({D(2026, 4, 30), D(2026, 5, 1)}))
    assert rules.disclose_by(D(2026, 4, 24), days) == D(2026, 5, 5)


def test_art12_3_a_make_up_saturday_counts_as_a_working_day():
    days = WorkingDays(days_on=frozenset({D(2026, 3, 7)}))
    assert rules.disclose_by(D(2026, 3, 2), days) == D(2026, 3, 7)


def test_art12_3_posted_on_the_5th_working_day_is_on_time_and_the_6th_is_late():
    due = rules.disclose_by(D(2026, 3, 2), NO_HOLIDAYS)
    on_time = rules.channel_compliance(SEAT_30, [Span(D(2026, 3, 9))], due_on=due, today=D(2026, 3, 10))
    late = rules.channel_compliance(SEAT_30, [Span(D(2026, 3, 10))], due_on=due, today=D(2026, 3, 10))
    assert on_time.ok
    assert late.problems == (Problem.LATE,)


def test_art12_3_a_channel_not_used_is_missing_only_after_the_deadline():
    due = D(2026, 3, 9)
    assert rules.channel_compliance(SEAT_30, [], due_on=due, today=due).ok
    assert rules.channel_compliance(SEAT_30, [], due_on=due, today=D(2026, 3, 10)).problems == (Problem.MISSING,)


# --- Art 13: 30 consecutive days for items 1–3 and 5–12 -------------------------------------------
def test_art13_posted_on_day_29_of_a_30_day_period_is_flagged():
    # Up from 1 March, taken down after 29 March: 29 days.
    result = rules.channel_compliance(
        SEAT_30, [Span(D(2026, 3, 1), D(2026, 3, 29))], due_on=D(2026, 3, 6), today=D(2026, 4, 15)
    )
    assert result.problems == (Problem.TOO_SHORT,)


def test_art13_taken_down_after_exactly_30_consecutive_days_is_compliant():
    result = rules.channel_compliance(
        SEAT_30, [Span(D(2026, 3, 1), D(2026, 3, 30))], due_on=D(2026, 3, 6), today=D(2026, 4, 15)
    )
    assert result.ok
    assert result.must_stay_until == D(2026, 3, 30)


def test_art13_a_planned_end_before_30_days_is_a_reminder_until_the_day_comes():
    span = [Span(D(2026, 3, 1), D(2026, 3, 29))]
    before = rules.channel_compliance(SEAT_30, span, due_on=D(2026, 3, 6), today=D(2026, 3, 20))
    assert before.problems == (Problem.ENDS_TOO_EARLY,)
    assert before.warning_only


def test_art13_a_posting_still_up_is_not_short():
    result = rules.channel_compliance(SEAT_30, [Span(D(2026, 3, 1))], due_on=D(2026, 3, 6), today=D(2026, 3, 3))
    assert result.ok


def test_art13_a_notice_replaced_the_next_day_stays_consecutive():
    spans = [Span(D(2026, 3, 1), D(2026, 3, 10)), Span(D(2026, 3, 11), D(2026, 3, 30))]
    assert rules.channel_compliance(SEAT_30, spans, due_on=D(2026, 3, 6), today=D(2026, 5, 1)).ok


def test_art13_a_gap_of_one_day_breaks_the_consecutive_period():
    spans = [Span(D(2026, 3, 1), D(2026, 3, 10)), Span(D(2026, 3, 12), D(2026, 3, 31))]
    result = rules.channel_compliance(SEAT_30, spans, due_on=D(2026, 3, 6), today=D(2026, 5, 1))
    assert result.problems == (Problem.TOO_SHORT,)


def test_art13_every_village_point_must_keep_it_up_30_days():
    spans = [Span(D(2026, 3, 1), D(2026, 3, 30), "Thôn 1"), Span(D(2026, 3, 1), D(2026, 3, 20), "Thôn 2")]
    result = rules.channel_compliance(
        Requirement(Channel.VILLAGE_POINTS, min_days=30), spans, due_on=D(2026, 3, 6), today=D(2026, 5, 1)
    )
    assert result.problems == (Problem.TOO_SHORT,)


@pytest.mark.parametrize("category", sorted(rules.POSTED_FOR_A_PERIOD))
def test_art13_items_1_to_3_and_5_to_12_are_posted_30_days_at_the_seat_and_village_points(category):
    needed = channels(Category(category))
    assert needed[Channel.COMMUNE_SEAT].min_days == 30
    assert needed[Channel.VILLAGE_POINTS].min_days == 30


def test_art13_period_categories_are_exactly_1_to_3_and_5_to_12():
    assert sorted(rules.POSTED_FOR_A_PERIOD) == [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12]


# --- Art 13: permanent for items 4 and 13 ---------------------------------------------------------
@pytest.mark.parametrize("category", [Category.REGULATION, Category.PROCEDURES])
def test_art13_items_4_and_13_are_posted_permanently_at_the_seat(category):
    needed = channels(category)
    assert needed[Channel.COMMUNE_SEAT].permanent
    assert needed[Channel.WEB_PORTAL].permanent
    assert Channel.VILLAGE_POINTS not in needed


def test_art13_a_permanent_posting_taken_down_is_flagged():
    needed = Requirement(Channel.COMMUNE_SEAT, permanent=True)
    up = rules.channel_compliance(needed, [Span(D(2026, 1, 5))], due_on=D(2026, 1, 9), today=D(2026, 12, 1))
    down = rules.channel_compliance(
        needed, [Span(D(2026, 1, 5), D(2026, 6, 30))], due_on=D(2026, 1, 9), today=D(2026, 12, 1)
    )
    assert up.ok
    assert down.problems == (Problem.TAKEN_DOWN,)


# --- Art 13: loudspeaker 3 consecutive days for items 7–12 ----------------------------------------
@pytest.mark.parametrize("category", [7, 8, 9, 10, 11, 12])
def test_art13_items_7_to_12_are_broadcast_3_days_where_there_is_a_loudspeaker(category):
    assert channels(Category(category))[Channel.LOUDSPEAKER].min_days == 3
    assert Channel.LOUDSPEAKER not in channels(Category(category), loudspeaker=False)


@pytest.mark.parametrize("category", [1, 2, 3, 4, 5, 6, 13, 14])
def test_art13_other_items_need_no_broadcast(category):
    assert Channel.LOUDSPEAKER not in channels(Category(category))


def test_art13_broadcast_for_2_days_is_flagged_and_3_days_is_compliant():
    two = rules.channel_compliance(
        BROADCAST_3, [Span(D(2026, 3, 2), D(2026, 3, 3))], due_on=D(2026, 3, 6), today=D(2026, 3, 20)
    )
    three = rules.channel_compliance(
        BROADCAST_3, [Span(D(2026, 3, 2), D(2026, 3, 4))], due_on=D(2026, 3, 6), today=D(2026, 3, 20)
    )
    assert two.problems == (Problem.TOO_SHORT,)
    assert three.ok


# --- Art 13: the village heads for item 3, the portal for all --------------------------------------
def test_art13_item_3_is_relayed_through_the_village_heads():
    assert Channel.VILLAGE_HEAD in channels(Category.PROJECTS_LAND)
    assert all(Channel.VILLAGE_HEAD not in channels(Category(c)) for c in Category if c != 3)


@pytest.mark.parametrize("category", list(Category))
def test_art13_every_item_is_on_the_web_portal(category):
    assert Channel.WEB_PORTAL in channels(category)


def test_art13_item_14_needs_only_the_portal_by_this_law():
    assert list(channels(Category.OTHER)) == [Channel.WEB_PORTAL]


# --- item compliance and the quarter (Art 13(2)) ------------------------------------------------------
def test_item_compliance_lists_each_required_channel():
    result = rules.item_compliance(
        Category.FEES,
        {Channel.WEB_PORTAL: [Span(D(2026, 3, 3))], Channel.COMMUNE_SEAT: [Span(D(2026, 3, 3), D(2026, 4, 1))]},
        decided_on=D(2026, 3, 2),
        days=NO_HOLIDAYS,
        today=D(2026, 5, 1),
        has_loudspeaker=True,
    )
    by_channel = {c.requirement.channel: c.problems for c in result}
    assert by_channel == {
        Channel.WEB_PORTAL: (),
        Channel.COMMUNE_SEAT: (),
        Channel.VILLAGE_POINTS: (Problem.MISSING,),
        Channel.LOUDSPEAKER: (Problem.MISSING,),
    }


def test_art13_2_quarters():
    assert rules.quarter_of(D(2026, 3, 31)) == (2026, 1)
    assert rules.quarter_of(D(2026, 4, 1)) == (2026, 2)
    assert rules.quarter_bounds(2026, 4) == (D(2026, 10, 1), D(2026, 12, 31))
    assert rules.quarter_bounds(2026, 1) == (D(2026, 1, 1), D(2026, 3, 31))


def test_law_on_access_to_information_answer_within_10_working_days():
    assert rules.answer_by(D(2026, 3, 2), NO_HOLIDAYS) == D(2026, 3, 16)


@given(st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)), st.integers(min_value=1, max_value=40))
def test_days_up_a_longer_posting_is_never_shorter(start, length):
    end = start + dt.timedelta(days=length - 1)
    assert rules.days_up(start, end) == length
    shorter = rules.channel_compliance(SEAT_30, [Span(start, end)], due_on=start, today=end + dt.timedelta(days=1))
    assert shorter.ok == (length >= 30)


@given(st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)))
def test_the_deadline_is_a_working_day_at_least_5_days_later(day):
    due = rules.disclose_by(day, NO_HOLIDAYS)
    assert due.weekday() < 5
    assert 5 <= (due - day).days <= 9


# --- Every category, through item_compliance: deadline, channels and period boundaries --------------
DECIDED = D(2026, 3, 2)  # Monday; the 5th working day after it is Monday 9 March
FIFTH, SIXTH = D(2026, 3, 9), D(2026, 3, 10)


def _all_channels(start, days):  # type: ignore[no-untyped-def]
    """Every channel used from `start` for `days` consecutive days (None: still up)."""
    end = None if days is None else start + dt.timedelta(days=days - 1)
    return {c: [Span(start, end)] for c in Channel}


def _problems(category, spans, today):  # type: ignore[no-untyped-def]
    result = rules.item_compliance(
        Category(category), spans, decided_on=DECIDED, days=NO_HOLIDAYS, today=today, has_loudspeaker=True
    )
    return {c.requirement.channel: c.problems for c in result}


@pytest.mark.parametrize("category", list(Category))
def test_art12_3_every_category_on_the_5th_working_day_is_on_time_and_on_the_6th_late(category):
    on_time = _problems(category, _all_channels(FIFTH, None), D(2026, 3, 12))
    late = _problems(category, _all_channels(SIXTH, None), D(2026, 3, 12))
    assert all(p == () for p in on_time.values())
    assert all(p == (Problem.LATE,) for p in late.values())


@pytest.mark.parametrize("category", sorted(rules.POSTED_FOR_A_PERIOD))
def test_art13_every_30_day_category_flags_29_days_and_accepts_30(category):
    after = D(2026, 6, 1)
    short = _problems(category, _all_channels(FIFTH, 29), after)
    full = _problems(category, _all_channels(FIFTH, 30), after)
    assert short[Channel.COMMUNE_SEAT] == short[Channel.VILLAGE_POINTS] == (Problem.TOO_SHORT,)
    assert all(p == () for p in full.values())


@pytest.mark.parametrize("category", sorted(rules.BROADCAST))
def test_art13_every_broadcast_category_flags_2_days_on_the_loudspeaker_and_accepts_3(category):
    spans = _all_channels(FIFTH, 30)
    spans[Channel.LOUDSPEAKER] = [Span(FIFTH, FIFTH + dt.timedelta(days=1))]
    assert _problems(category, spans, D(2026, 6, 1))[Channel.LOUDSPEAKER] == (Problem.TOO_SHORT,)
    spans[Channel.LOUDSPEAKER] = [Span(FIFTH, FIFTH + dt.timedelta(days=2))]
    assert _problems(category, spans, D(2026, 6, 1))[Channel.LOUDSPEAKER] == ()


@pytest.mark.parametrize("category", sorted(rules.POSTED_PERMANENTLY))
def test_art13_items_4_and_13_taken_down_after_a_year_are_flagged(category):
    problems = _problems(category, _all_channels(FIFTH, 365), D(2027, 6, 1))
    assert problems[Channel.COMMUNE_SEAT] == (Problem.TAKEN_DOWN,)
    assert problems[Channel.WEB_PORTAL] == (Problem.TAKEN_DOWN,)
