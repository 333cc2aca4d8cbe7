"""Checklist 10.J (law.md items 28–29): every date and rule of Decree 61, with a named boundary test."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from grassroots.conventions import rules
from grassroots.decisions import rules as decision_rules
from grassroots.decisions.rules import WorkCalendar

WEEK = WorkCalendar()  # Monday–Friday, no holidays
MONDAY = dt.date(2026, 3, 2)
FRIDAY = dt.date(2026, 3, 6)


def test_d61_art9_posted_29_days_is_refused():
    posted = dt.date(2026, 3, 1)
    assert not rules.posting_long_enough(posted, posted + dt.timedelta(days=29))
    assert not rules.posting_verdict(posted, posted + dt.timedelta(days=29)).ok
    assert rules.posting_verdict(posted, posted + dt.timedelta(days=29)).article == "D61 Art 9(1)"


def test_d61_art9_posted_30_days_is_allowed():
    posted = dt.date(2026, 3, 1)
    assert rules.posting_long_enough(posted, dt.date(2026, 3, 31))
    assert rules.posting_verdict(posted, dt.date(2026, 3, 31)).ok


def test_d61_art9_not_posted_is_refused():
    assert not rules.posting_verdict(None, MONDAY).ok


def test_d61_art11_dossier_due_5_working_days_after_adoption():
    # Adopted on Friday 6 March: Mon 9 … Fri 13 March is the fifth working day.
    assert rules.dossier_due_on(FRIDAY, WEEK) == dt.date(2026, 3, 13)
    assert not rules.is_late(dt.date(2026, 3, 13), dt.date(2026, 3, 13), dt.date(2026, 3, 20))
    assert rules.is_late(dt.date(2026, 3, 13), dt.date(2026, 3, 16), dt.date(2026, 3, 20))


def test_d61_art11_recognition_due_5_working_days_after_complete_dossier():
    assert rules.recognition_due_on(MONDAY, WEEK) == dt.date(2026, 3, 9)
    assert rules.is_late(dt.date(2026, 3, 9), None, dt.date(2026, 3, 10))
    assert not rules.is_late(dt.date(2026, 3, 9), None, dt.date(2026, 3, 9))


def test_d61_art11_working_days_skip_holidays():
    holiday = WorkCalendar(holidays=frozenset({dt.date(2026, 3, 9)}))
    assert rules.recognition_due_on(MONDAY, holiday) == dt.date(2026, 3, 10)


def test_d61_art11_effective_on_the_recognition_date():
    assert rules.effective_on(dt.date(2026, 4, 7)) == dt.date(2026, 4, 7)


def test_d61_art18_distribution_due_2_working_days_after_recognition():
    assert rules.distribution_due_on(FRIDAY, WEEK) == dt.date(2026, 3, 10)
    assert rules.is_late(dt.date(2026, 3, 10), dt.date(2026, 3, 11), dt.date(2026, 3, 11))


def test_d61_art12_suspension_answer_due_3_working_days():
    assert rules.suspension_due_on(FRIDAY, WEEK) == dt.date(2026, 3, 11)


def test_d61_art14_abolition_answer_due_5_working_days():
    assert rules.abolition_due_on(FRIDAY, WEEK) == dt.date(2026, 3, 13)


def test_d61_art15_review_day_defaults_to_18_november():
    assert rules.review_day(2026) == dt.date(2026, 11, 18)
    assert rules.review_day(2026, (12, 20)) == dt.date(2026, 12, 20)


def test_d61_art16_statistics_due_before_30_november():
    assert rules.statistics_due_on(2026) == dt.date(2026, 11, 29)
    assert rules.is_late(rules.statistics_due_on(2026), dt.date(2026, 11, 30), dt.date(2026, 12, 1))


def test_d61_art8_ethnic_minority_team_without_elder_is_refused():
    verdict = rules.drafting_team_verdict([rules.TeamMember("A", speaks_language=True)], ethnic_minority=True)
    assert not verdict.ok and verdict.article == "D61 Art 8(2)"


def test_d61_art8_ethnic_minority_team_without_language_speaker_is_refused():
    verdict = rules.drafting_team_verdict([rules.TeamMember("A", is_elder=True)], ethnic_minority=True)
    assert not verdict.ok and verdict.article == "D61 Art 8(2)"


def test_d61_art8_ethnic_minority_team_with_both_is_allowed():
    team = [rules.TeamMember("A", is_elder=True), rules.TeamMember("B", speaks_language=True)]
    assert rules.drafting_team_verdict(team, ethnic_minority=True).ok
    assert rules.drafting_team_verdict([rules.TeamMember("A")], ethnic_minority=False).ok


def test_d61_art7_citizens_proposal_at_10_percent_is_supported_below_is_not():
    assert decision_rules.convention_proposal_supported(10, 100)
    assert not decision_rules.convention_proposal_supported(9, 100)
    assert decision_rules.least_consents_to_propose_convention(101) == 11


@given(st.integers(min_value=1, max_value=5000))
def test_d61_art7_least_consents_agrees_with_the_predicate(households):
    least = decision_rules.least_consents_to_propose_convention(households)
    assert least is not None
    assert decision_rules.convention_proposal_supported(least, households)
    assert not decision_rules.convention_proposal_supported(least - 1, households)


@given(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)), st.integers(0, 60))
def test_d61_art9_posting_is_long_enough_exactly_from_30_days(posted, days):
    assert rules.posting_long_enough(posted, posted + dt.timedelta(days=days)) == (days >= 30)


def test_split_articles_and_compare():
    old = rules.split_articles("Mở đầu\nĐiều 1. A\nmột\nĐiều 2. B\nhai")
    assert [c.number for c in old] == [0, 1, 2]
    new = rules.split_articles("Mở đầu\nĐiều 1. A\nmột\nĐiều 2. B\nhai sửa\nĐiều 3. C\nba")
    changes = {c.number: c.status for c in rules.compare(old, new)}
    assert changes == {0: "same", 1: "same", 2: "changed", 3: "added"}
