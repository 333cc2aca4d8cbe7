"""Boundary tests of law.md checklist 10.I (items 23–27), each citing its article."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from grassroots.decisions import rules as law
from grassroots.elections import rules

E = dt.date(2026, 12, 21)


def _before(days: int) -> dt.date:
    return E - dt.timedelta(days=days)


# --- 10.I.23: the timeline (D59 Art 6) ---------------------------------------------------------------
def test_d59_art6_decision_20_days_before_is_in_time_and_19_is_refused():
    assert rules.step_verdict("decision", _before(20), E).ok
    refused = rules.step_verdict("decision", _before(19), E)
    assert not refused.ok and refused.article == "D59 Art 6"


def test_d59_art6_candidate_list_15_days_before_is_in_time_and_14_is_refused():
    assert rules.step_verdict("candidates", _before(15), E).ok
    assert not rules.step_verdict("candidates", _before(14), E).ok


def test_d59_art6_1_b_team_10_days_before_is_in_time_and_9_is_refused():
    assert rules.step_verdict("team", _before(10), E).ok
    refused = rules.step_verdict("team", _before(9), E)
    assert not refused.ok and refused.article == "D59 Art 6(1)(b)"


def test_d59_art6_notice_7_days_before_is_in_time_and_6_days_is_refused():
    assert rules.step_verdict("notice", _before(7), E).ok
    refused = rules.step_verdict("notice", _before(6), E)
    assert not refused.ok and refused.article == "D59 Art 6"


def test_d59_art6_the_timeline_says_which_step_is_late():
    today = _before(14)  # the candidate list was due yesterday
    done = {"decision": _before(25), "candidates": None, "team": None, "notice": None}
    states = {s.key: s for s in rules.timeline(E, done, today)}
    assert [k for k, s in states.items() if s.late] == ["candidates"]
    assert states["candidates"].due_on == _before(15) and states["notice"].due_on == _before(7)


# --- 10.I.24: the election team (D59 Art 6(1)(b)) -----------------------------------------------------
def test_d59_art6_1_b_a_candidate_cannot_sit_on_the_team():
    refused = rules.team_verdict(members=["n:a", "n:b"], leader="A", candidates=["n:b"])
    assert not refused.ok and refused.article == "D59 Art 6(1)(b)"
    assert rules.team_verdict(members=["n:a", "n:c"], leader="A", candidates=["n:b"]).ok


def test_d59_art6_1_b_the_team_is_led_by_a_front_representative():
    assert not rules.team_verdict(members=[], leader="", candidates=[]).ok


# --- 10.I.25: the winner rule (Law Art 21(1); D59 Art 7) ------------------------------------------------
def test_art21_d59_art7_exactly_half_of_households_elects_nobody():
    result = law.village_head_winner({"a": 50, "b": 30}, 100)
    assert result.winner is None and result.reason is law.NoWinner.NO_MAJORITY and result.needed == 51


def test_art21_d59_art7_more_than_half_of_all_households_and_the_most_votes_elects():
    assert law.village_head_winner({"a": 51, "b": 30}, 100).winner == "a"


def test_art21_the_denominator_is_all_households_not_those_present():
    # 60 present, 40 for A: two-thirds of those present, but not more than half of the 100 households.
    assert law.village_head_winner({"a": 40, "b": 20}, 100).winner is None


def test_d59_art7_a_tie_for_the_most_votes_elects_nobody():
    # Protective reading: with a tie the commune decides a re-election (only possible by show of hands,
    # where one household may raise its hand for several candidates).
    result = law.village_head_winner({"a": 60, "b": 60}, 100)
    assert result.winner is None and result.reason is law.NoWinner.TIE


def test_d59_art7_no_candidate_no_winner():
    assert law.village_head_winner({}, 100).reason is law.NoWinner.NO_CANDIDATE


@given(st.integers(min_value=1, max_value=5000), st.integers(min_value=0, max_value=5000))
def test_art21_the_winner_rule_and_the_number_needed_agree(households, votes):
    votes = min(votes, households)
    result = law.village_head_winner({"a": votes}, households)
    assert (result.winner == "a") == (votes >= (result.needed or households + 1))
    assert (result.winner == "a") == (2 * votes > households)


# --- 10.I.26: dismissal (D59 Art 9) ------------------------------------------------------------------
def test_d59_art9_a_petition_of_49_9_percent_does_not_trigger_and_50_percent_does():
    assert not law.dismissal_petition_triggers(499, 1000)
    assert law.dismissal_petition_triggers(500, 1000)
    assert law.least_petitioners_to_dismiss(1000) == 500
    assert law.least_petitioners_to_dismiss(7) == 4  # 3.5 rounds up


def test_d59_art9_convened_by_the_front_head_or_the_chair_when_the_head_is_the_front_head():
    assert rules.dismissal_convenor(head_is_front_head=False) == "front_head"
    assert rules.dismissal_convenor(head_is_front_head=True) == "commune_chair"


def test_d59_art9_a_new_election_within_60_days():
    assert rules.new_election_due_on(dt.date(2026, 1, 1)) == dt.date(2026, 3, 2)


# --- 10.I.27: the term (TT 04/2012 as amended [S]) ------------------------------------------------------
def test_tt04_2012_term_is_30_or_60_months_default_60():
    assert rules.term_months(None) == 60 and rules.term_months(30) == 30 and rules.term_months(48) == 60
    assert rules.term_ends_on(dt.date(2026, 1, 31), 30) == dt.date(2028, 7, 31)


def test_tt04_2012_an_interim_head_serves_at_most_6_months():
    assert rules.interim_ends_on(dt.date(2026, 8, 31)) == dt.date(2027, 2, 28)


@given(st.sampled_from(rules.STEPS), st.integers(min_value=-5, max_value=40))
def test_d59_art6_a_step_is_in_time_exactly_when_done_its_days_or_more_before(step, days_before):
    done_on = E - dt.timedelta(days=days_before)
    assert rules.step_verdict(step.key, done_on, E).ok == (days_before >= step.days)
    assert rules.in_time(step, rules.due_on(step, E), E)
