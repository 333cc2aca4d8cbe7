"""The demo ward's board (seed_investment_supervision_demo), built through the actions and a whole community
meeting of decisions: investor notified, half the checklist checked, one recommendation answered, one waiting."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from grassroots.core.audit import verify_chain
from grassroots.investment_supervision import demo, overview
from grassroots.investment_supervision.choices import MemberStatus
from grassroots.investment_supervision.models import Board


@pytest.fixture
def seeded(db):  # type: ignore[no-untyped-def]
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_decisions_demo", stdout=io.StringIO())
    call_command("seed_investment_supervision_demo", stdout=io.StringIO())


def test_the_demo_board_is_under_supervision_with_one_answer_and_one_waiting(seeded):
    board = Board.objects.get(project__commune__code=demo.WARD)
    assert board.investor_notified_on is not None and board.members.filter(status=MemberStatus.ON_BOARD).count() == 5
    residents = board.members.filter(seat="residents")
    assert {m.matter.status for m in residents} == {"recognized"}
    progress = overview.progress(overview.items_of(board))
    assert progress.checked * 2 == progress.total  # half done
    rows = overview.recommendation_rows(board, sent_only=True)
    assert sorted(r.recommendation.answered_on is None for r in rows) == [False, True]
    assert not any(r.overdue for r in rows)
    assert verify_chain().ok


def test_the_demo_refuses_to_build_twice_unless_asked_to_keep_it(seeded):
    call_command("seed_investment_supervision_demo", "--if-empty", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("seed_investment_supervision_demo", stdout=io.StringIO())
