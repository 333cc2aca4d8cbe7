"""The demo ward's People's Inspection Board (seed_inspection_demo), built through the actions: a member per
group, the head and a deputy, the accounts the petitions demo uses, with their roles, and the plans."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from grassroots.accounts.models import Role, User
from grassroots.accounts.roles import role_unit_ids
from grassroots.core.audit import verify_chain
from grassroots.inspection import demo, overview
from grassroots.territory.models import Unit


@pytest.fixture
def seeded(db):  # type: ignore[no-untyped-def]
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_decisions_demo", stdout=io.StringIO())
    call_command("seed_elections_demo", stdout=io.StringIO())
    call_command("seed_inspection_demo", stdout=io.StringIO())


def test_the_demo_board_has_a_member_per_group_a_head_and_a_deputy(seeded):
    ward = Unit.objects.get(code=demo.WARD)
    view = overview.board_view(ward, with_plans=True)
    assert view.composition.complete and view.composition.seats == 12 and view.composition.filled == 12
    assert view.head is not None and len(view.deputies) == 1 and view.board.announced_on is not None
    assert len(view.plans) == 2
    head, member = User.objects.get(username="inspectionhead"), User.objects.get(username="inspectionmember")
    assert role_unit_ids(head, [Role.INSPECTION_BOARD_HEAD]) == [ward.pk]
    assert role_unit_ids(member, [Role.INSPECTION_BOARD]) == [ward.pk]
    assert not role_unit_ids(member, [Role.INSPECTION_BOARD_HEAD])
    assert view.head.user == head
    assert verify_chain().ok


def test_the_demo_runs_once(seeded):
    call_command("seed_inspection_demo", "--if-empty", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("seed_inspection_demo", stdout=io.StringIO())
