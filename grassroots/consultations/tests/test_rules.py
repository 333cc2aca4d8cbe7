"""The law of consultation at its boundaries (Law Arts 25–28), pure and through the actions."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grassroots.consultations import actions, rules
from grassroots.consultations.choices import Kind, Outcome, Stance, TakeUp
from grassroots.core.errors import DomainError

from .conftest import days_ago, planned, published

DAY = dt.date(2026, 3, 1)


def test_law_art25_there_are_nine_kinds_of_matter():
    assert len(Kind.values) == 9


def test_law_art28_2_a_window_of_19_days_is_refused():
    assert rules.window_problem(19, "") == "too_short"


def test_law_art28_2_a_window_of_20_days_is_accepted():
    assert rules.window_problem(20, "") is None


def test_law_art28_2_a_shorter_window_needs_the_other_law_named():
    assert rules.window_problem(10, "Luật Quy hoạch đô thị, Điều 21") is None
    assert rules.window_problem(10, "   ") == "too_short"


def test_law_art28_2_the_20th_day_after_publication_is_still_open():
    last = rules.closes_on(DAY, 20)
    assert last == dt.date(2026, 3, 21)
    assert rules.is_open(DAY, last, dt.date(2026, 3, 21))
    assert not rules.is_open(DAY, last, dt.date(2026, 3, 22))
    assert rules.days_left(last, dt.date(2026, 3, 21)) == 1


@given(st.integers(min_value=rules.MIN_WINDOW_DAYS, max_value=400), st.dates())
def test_law_art28_2_any_accepted_window_gives_at_least_20_full_days(days, published_on):
    if published_on > dt.date(9000, 1, 1):
        return
    assert (rules.closes_on(published_on, days) - published_on).days >= rules.MIN_WINDOW_DAYS


def test_law_art28_1_the_plan_goes_to_the_peoples_council_and_the_front():
    assert rules.missing_recipients(None, None) == ["council", "front"]
    assert rules.missing_recipients(DAY, None) == ["front"]
    assert rules.missing_recipients(DAY, DAY) == []


def test_law_art28_3_a_decision_against_a_majority_that_agreed_departs():
    assert rules.departs_from_majority(Outcome.NOT_ADOPTED, Stance.AGREE)
    assert not rules.departs_from_majority(Outcome.ADOPTED, Stance.AGREE)
    assert not rules.departs_from_majority(Outcome.AMENDED, Stance.AGREE)


def test_law_art28_3_adopting_against_a_majority_that_disagreed_departs_even_with_changes():
    assert rules.departs_from_majority(Outcome.ADOPTED, Stance.DISAGREE)
    assert rules.departs_from_majority(Outcome.AMENDED, Stance.DISAGREE)
    assert not rules.departs_from_majority(Outcome.NOT_ADOPTED, Stance.DISAGREE)


def test_law_art28_3_a_tie_is_no_majority():
    assert rules.majority(["agree", "disagree", "other"]) is None
    assert rules.majority(["agree", "agree", "disagree"]) == Stance.AGREE
    assert not rules.departs_from_majority(Outcome.NOT_ADOPTED, None)


def test_law_art28_3_not_taking_up_needs_an_explanation():
    assert rules.explanation_needed(TakeUp.NOT_TAKEN) and rules.explanation_needed(TakeUp.PARTLY)
    assert not rules.explanation_needed(TakeUp.TAKEN)


# --- Through the actions ---------------------------------------------------------------------------
pytestmark = pytest.mark.django_db


def test_law_art28_2_creating_a_consultation_of_19_days_is_refused(cast, english):
    with pytest.raises(DomainError) as refused:
        planned(cast, window_days=19)
    assert refused.value.field == "other_law" and "28(2)" in str(refused.value.message)
    assert planned(cast, window_days=20).window_days == 20
    assert planned(cast, window_days=15, other_law="Luật Đất đai 2024, Điều 70").window_days == 15


def test_law_art28_1_publication_is_refused_until_the_council_and_the_front_have_the_plan(cast, english):
    c = planned(cast)
    actions.record_plan_sent(actor=cast["official_a"], consultation=c, recipient="council", sent_on=days_ago(1))
    with pytest.raises(DomainError) as refused:
        actions.publish(actor=cast["official_a"], consultation=c, published_on=days_ago(0))
    assert "28(1)" in str(refused.value.message)
    actions.record_plan_sent(actor=cast["official_a"], consultation=c, recipient="front", sent_on=days_ago(1))
    c = actions.publish(actor=cast["official_a"], consultation=c, published_on=days_ago(0))
    assert c.closes_on == days_ago(0) + dt.timedelta(days=20)


def test_law_art28_2_a_resident_comments_on_the_20th_day_but_not_the_21st(cast):
    on_20th = published(cast, ago=20)
    actions.give_opinion(actor=cast["res1"], consultation=on_20th, stance="agree", body="Đồng ý")
    on_21st = published(cast, ago=21)
    with pytest.raises(DomainError):
        actions.give_opinion(actor=cast["res1"], consultation=on_21st, stance="agree", body="Đồng ý")


def test_law_art27_an_individual_decision_names_the_affected_person(cast):
    with pytest.raises(DomainError) as refused:
        planned(cast, kind="individual", channels=["affected"])
    assert refused.value.field == "affected_person"
    with pytest.raises(DomainError):
        planned(cast, channels=["affected"])  # Law Art 26(1)(h): only for a decision on a citizen
