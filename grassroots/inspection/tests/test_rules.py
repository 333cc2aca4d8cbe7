"""The board's law, pure: size, deputies, eligibility, term and the 6-month by-election rule, at their
boundaries (Law Arts 36–37; D59 Art 13)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grassroots.accounts.models import Role
from grassroots.inspection import rules


@pytest.mark.parametrize(("villages", "seats"), [(0, 5), (1, 5), (4, 5), (5, 5), (6, 6), (54, 54)])
def test_law_art36_the_board_has_as_many_members_as_villages_and_at_least_5(villages, seats):
    assert rules.board_size(villages) == seats


def test_law_art36_a_commune_with_4_villages_elects_5_and_one_with_6_elects_6():
    four = rules.composition([1, 2, 3, 4], [1, 2, 3, 4])
    assert (four.seats, four.vacancies, four.complete) == (5, 1, False)
    six = rules.composition([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5])
    assert (six.seats, six.vacancies, six.unrepresented) == (6, 1, (6,))


@given(st.integers(min_value=0, max_value=200))
def test_law_art36_every_village_can_be_represented(villages):
    assert rules.board_size(villages) >= max(villages, rules.MIN_MEMBERS)


def test_law_art36_the_last_seats_go_to_villages_not_yet_represented():
    comp = rules.composition([1, 2, 3, 4, 5, 6], [1, 2, 3, 4])  # 6 seats, 2 free, villages 5 and 6 unrepresented
    assert not rules.seat_verdict(comp, 1).ok
    assert rules.seat_verdict(comp, 5).ok
    small = rules.composition([1, 2], [1, 2])  # 5 seats, 3 free, all represented: any village
    assert rules.seat_verdict(small, 1).ok
    full = rules.composition([1, 2], [1, 2, 1, 2, 1])
    assert not rules.seat_verdict(full, 1).ok and "Law Art 36" in full_article(full)


def full_article(comp):  # type: ignore[no-untyped-def]
    return rules.seat_verdict(comp, 1).article


@pytest.mark.parametrize(("count", "ok"), [(-1, False), (0, True), (2, True), (3, False)])
def test_law_art36_at_most_2_deputies(count, ok):
    assert rules.deputies_verdict(count).ok is ok


def test_law_art37_an_eligible_person_has_no_problem():
    assert rules.eligibility(permanent_resident=True, roles=[Role.HOUSEHOLD_REPRESENTATIVE], declared=True) == []


@pytest.mark.parametrize(
    "role", [Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR, Role.COMMUNE_FRONT, Role.VILLAGE_HEAD, Role.VILLAGE_FRONT_HEAD]
)
def test_law_art37_a_commune_official_or_part_time_worker_is_not_eligible(role):
    problems = rules.eligibility(permanent_resident=True, roles=[role], declared=True)
    assert [p.article for p in problems] == ["Law Art 37"]


def test_law_art37_a_person_not_in_the_commune_register_or_without_declaration_is_not_eligible():
    assert len(rules.eligibility(permanent_resident=False, roles=[], declared=True)) == 1
    assert len(rules.eligibility(permanent_resident=True, roles=[], declared=False)) == 1
    assert len(rules.eligibility(permanent_resident=False, roles=[Role.VILLAGE_HEAD], declared=False)) == 3


def test_law_art36_2_the_term_is_the_village_heads():
    assert rules.term_months(None) == 60 and rules.term_months(30) == 30 and rules.term_months(7) == 60
    assert rules.term_ends_on(dt.date(2025, 8, 31), 30) == dt.date(2028, 2, 29)


END = dt.date(2027, 6, 15)


def test_d59_art13_a_seat_vacant_with_exactly_6_months_left_gets_a_by_election():
    assert rules.by_election_verdict(dt.date(2026, 12, 15), END).ok


def test_d59_art13_a_seat_vacant_with_6_months_less_a_day_left_gets_no_by_election():
    verdict = rules.by_election_verdict(dt.date(2026, 12, 16), END)
    assert not verdict.ok and verdict.article == "D59 Art 13"


def test_law_art36_2_a_seat_vacant_at_the_end_of_the_term_waits_for_the_next_term():
    assert not rules.by_election_verdict(END, END).ok


@given(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 6, 14)))
def test_d59_art13_the_by_election_rule_is_monotonic(day):
    later = day + dt.timedelta(days=1)
    assert rules.months_left_enough(day, END) >= rules.months_left_enough(later, END)
