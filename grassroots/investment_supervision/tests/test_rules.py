"""Boundary tests of the board's law, named after their clauses."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from grassroots.investment_supervision import rules
from grassroots.investment_supervision.choices import Position, ProjectKind, Seat

DAY = dt.date(2026, 3, 1)


def board(front=1, inspection=1, residents=3, head=True, deputies=0):  # type: ignore[no-untyped-def]
    rows = [(Seat.FRONT, Position.HEAD if head else Position.MEMBER)] * min(front, 1) + [
        (Seat.FRONT, Position.MEMBER)
    ] * (front - 1)
    rows += [(Seat.INSPECTION, Position.MEMBER)] * inspection + [(Seat.RESIDENTS, Position.MEMBER)] * residents
    rows += [(Seat.RESIDENTS, Position.DEPUTY)] * deputies
    return rules.composition_of(rows)


def test_law_art41_2_five_members_are_enough_and_four_are_refused():
    assert rules.composition_complete(board(residents=3)).ok
    verdict = rules.composition_complete(board(residents=2))
    assert not verdict.ok and verdict.article == "Law Art 41(2)"


def test_law_art41_2_the_front_and_the_inspection_board_are_represented():
    assert not rules.composition_complete(board(front=0, head=False, residents=5)).ok
    assert not rules.composition_complete(board(inspection=0, residents=4)).ok
    assert not rules.composition_complete(board(front=3, residents=0, inspection=2)).ok


def test_law_art41_2_five_residents_representatives_are_allowed_and_a_sixth_is_refused():
    assert rules.composition_complete(board(residents=5)).ok
    assert not rules.composition_complete(board(residents=6)).ok
    assert rules.room_for(Seat.RESIDENTS, Position.MEMBER, board(residents=4)).ok
    verdict = rules.room_for(Seat.RESIDENTS, Position.MEMBER, board(residents=5))
    assert not verdict.ok and verdict.article == "Law Art 41(2)"


def test_law_art41_2_one_head_and_at_most_two_deputies():
    assert rules.composition_complete(board(residents=1, deputies=2)).ok
    assert not rules.composition_complete(board(residents=0, deputies=3)).ok
    assert not rules.composition_complete(board(head=False)).ok
    assert not rules.room_for(Seat.FRONT, Position.HEAD, board()).ok
    assert not rules.room_for(Seat.RESIDENTS, Position.DEPUTY, board(residents=1, deputies=2)).ok


def test_law_art42_a_member_related_to_a_party_of_the_project_is_refused():
    verdict = rules.conflict_verdict({7}, {7, 8})
    assert not verdict.ok and verdict.article == "Law Art 42"
    assert rules.conflict_verdict(set(), {7, 8}).ok
    assert rules.conflict_verdict({9}, {7, 8}).ok  # a party of another project is no conflict here


def test_d59_art18_the_investor_notified_45_days_ahead_is_enough_and_44_days_are_refused():
    assert rules.investor_notice_verdict(DAY, DAY + dt.timedelta(days=45)).ok
    verdict = rules.investor_notice_verdict(DAY, DAY + dt.timedelta(days=44))
    assert not verdict.ok and verdict.article == "D59 Art 18"


def test_law_arts44_45_the_answer_on_the_15th_day_is_on_time_and_the_16th_is_late():
    sent = DAY
    assert rules.answer_due_on(sent) == DAY + dt.timedelta(days=15)
    assert not rules.answer_overdue(sent, DAY + dt.timedelta(days=15), DAY + dt.timedelta(days=30))
    assert rules.answer_overdue(sent, DAY + dt.timedelta(days=16), DAY + dt.timedelta(days=30))
    assert not rules.answer_overdue(sent, None, DAY + dt.timedelta(days=15))
    assert rules.answer_overdue(sent, None, DAY + dt.timedelta(days=16))


def test_law_art43_1_the_checklist_adds_the_technical_items_for_funded_projects():
    common = {k for k, _t in rules.checklist_items(ProjectKind.PPP, False)}
    assert {"plans", "land", "progress", "disclosure"} <= common and "accounts" not in common
    assert "accounts" in {k for k, _t in rules.checklist_items(ProjectKind.PUBLIC_INVESTMENT, True)}
    assert "acceptance" in {k for k, _t in rules.checklist_items(ProjectKind.COMMUNITY_FUNDED, False)}


@given(st.integers(0, 8), st.integers(0, 3), st.integers(0, 3))
def test_a_complete_board_always_meets_every_number_of_law_art41_2(residents, front, inspection):
    c = board(front=front, inspection=inspection, residents=residents, head=front > 0)
    if rules.composition_complete(c).ok:
        assert c.total >= rules.MIN_MEMBERS and c.front and c.inspection
        assert 1 <= c.residents <= rules.MAX_RESIDENT_REPRESENTATIVES
