"""The cast of the investment-supervision tests: commune A (villages A1, A2) with its Front, chair, an
Inspection Board member, the village head of A1 and a board-member-to-be with an account; commune B's official
(refused everywhere)."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.decisions.models import Matter
from grassroots.decisions.models import Status as MatterStatus
from grassroots.investment_supervision import actions
from grassroots.investment_supervision.choices import PartyRole, Position, ProjectKind, Seat


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


@pytest.fixture
def cast(world):  # type: ignore[no-untyped-def]
    a = world["a"]
    front = UserFactory(username="cfront_a")
    grant(front, a["commune"], Role.COMMUNE_FRONT)
    chair = UserFactory(username="chair_a")
    grant(chair, a["commune"], Role.COMMUNE_CHAIR)
    inspector = UserFactory(username="inspector_a")
    grant(inspector, a["commune"], Role.INSPECTION_BOARD)
    resident_member = UserFactory(username="member_a")
    return {**world, "front": front, "chair": chair, "inspector": inspector, "resident_member": resident_member}


def set_up(cast, *, kind=ProjectKind.COMMUNITY_FUNDED, ago: int = 80):  # type: ignore[no-untyped-def]
    board = actions.set_up_board(
        actor=cast["front"], commune=cast["a"]["commune"], title="Bê tông hóa đường thôn A1", kind=kind,
        villages=[cast["a"]["village1"]], set_up_on=days_ago(ago),
    )  # fmt: skip
    actions.record_party(actor=cast["front"], board=board, role=PartyRole.INVESTOR, name="UBND xã A")
    actions.record_party(actor=cast["front"], board=board, role=PartyRole.CONTRACTOR, name="Công ty Xây dựng B")
    return board


def elect(cast, board, names, *, user=None):  # type: ignore[no-untyped-def]
    """Nominate residents of A1, table their election (village head) and recognize it (as decisions would)."""
    for i, name in enumerate(names):
        actions.add_member(actor=cast["front"], board=board, full_name=name, seat=Seat.RESIDENTS,
                           village=cast["a"]["village1"], user=user if i == 0 else None)  # fmt: skip
    matter = actions.table_election(actor=cast["head_a1"], board=board, village=cast["a"]["village1"])
    Matter.objects.filter(pk=matter.pk).update(status=MatterStatus.RECOGNIZED, decided_at=timezone.now())
    matter.refresh_from_db()
    actions.follow_decision(matter, cast["front"])
    return matter


def full_board(cast, *, residents: int = 3, ago: int = 80):  # type: ignore[no-untyped-def]
    board = set_up(cast, ago=ago)
    actions.add_member(actor=cast["front"], board=board, full_name="Nguyễn Văn Mặt", seat=Seat.FRONT,
                       position=Position.HEAD)  # fmt: skip
    actions.add_member(actor=cast["front"], board=board, full_name="Trần Thị Thanh", seat=Seat.INSPECTION,
                       user=cast["inspector"])  # fmt: skip
    elect(cast, board, [f"Lê Văn Dân {i}" for i in range(residents)], user=cast["resident_member"])
    return board


def supervising(cast):  # type: ignore[no-untyped-def]
    board = full_board(cast)
    actions.notify_investor(actor=cast["front"], board=board, notified_on=days_ago(80), starts_on=days_ago(35),
                            plan="Giám sát thi công")  # fmt: skip
    board.refresh_from_db()
    return board
