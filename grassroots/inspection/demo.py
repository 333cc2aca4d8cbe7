"""The demo ward's People's Inspection Board (issue 14, item 1), built through the actions, so every write is
checked against the law and audited:

- a term opened by the commune Front (`front`) 200 days ago, the village head's term long, 1 deputy;
- one member from each of the ward's 12 residential groups, each a resident of the group in the register,
  nominated by the Front and recorded as elected and recognized on paper before the board was kept here
  (`record_prior_election`); new elections go through the group's item-5 community matter;
- the head and the deputy elected by the board, the composition announced;
- two accounts linked to their residents: `inspectionhead` (the head: INSPECTION_BOARD and
  INSPECTION_BOARD_HEAD roles) and `inspectionmember` (a member: INSPECTION_BOARD), for the petitions demo;
- the board's plan for the year and for the current quarter.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from grassroots.accounts.models import User
from grassroots.people import demo as people_demo
from grassroots.people.management.commands.seed_demo import DEMO_PASSWORD, demo_totp_key_hex
from grassroots.people.models import Resident
from grassroots.territory.models import Unit

from . import actions
from .models import Board, Member

WARD = people_demo.DEMO_WARD
HEAD_USERNAME = "inspectionhead"
MEMBER_USERNAME = "inspectionmember"
HEAD_GROUP = f"{WARD}-02"
MEMBER_GROUP = f"{WARD}-03"
DEPUTY_GROUP = f"{WARD}-05"
PLAN_TEXTS = {
    "purpose": "Giám sát việc thực hiện chính sách, pháp luật và quy chế dân chủ ở phường; kịp thời kiến nghị khắc phục.",
    "content": "Giám sát việc thu, chi các quỹ do nhân dân đóng góp; việc giải quyết kiến nghị của cử tri; "
    "việc thực hiện các quyết định của cộng đồng dân cư các tổ dân phố.",
    "timing": "Theo từng quý; báo cáo Ban Thường trực Ủy ban MTTQ phường vào tuần cuối mỗi quý.",
    "budget": "Từ dự toán kinh phí hằng năm của Ủy ban MTTQ phường (Điều 40 Luật Thực hiện dân chủ ở cơ sở).",
    "organisation": "Trưởng ban phân công thành viên theo địa bàn tổ dân phố; Phó Trưởng ban tổng hợp báo cáo.",
}


def already_built() -> bool:
    return Board.objects.filter(commune__code=WARD).exists()


def _resident(group: Unit, offset: int) -> Resident:
    """A resident of the group in the register without an account (an eligible candidate), chosen
    deterministically."""
    candidates = (
        Resident.objects.filter(
            memberships__household__unit=group, memberships__valid_to__isnull=True, user__isnull=True
        )
        .distinct()
        .order_by("pk")
    )
    return candidates[offset % max(1, candidates.count())]


def _account(username: str, resident: Resident, password_hash: str) -> User:
    surname, _sep, given = resident.full_name.rpartition(" ")
    user = User.objects.create(
        username=username, first_name=given, last_name=surname, password=password_hash, resident=resident,
        resident_verified_at=timezone.now(),
    )  # fmt: skip
    TOTPDevice.objects.create(user=user, name="demo", confirmed=True, key=demo_totp_key_hex())
    return user


@transaction.atomic
def build() -> Board:
    front = User.objects.get(username="front")
    ward = Unit.objects.get(code=WARD)
    today = timezone.localdate()
    board = actions.open_board(actor=front, commune=ward, term_starts_on=today - dt.timedelta(days=200))
    password_hash = make_password(DEMO_PASSWORD)
    members: dict[str, Member] = {}
    for i, group in enumerate(actions.villages_of(ward)):
        resident = _resident(group, i)
        if group.code == HEAD_GROUP:
            _account(HEAD_USERNAME, resident, password_hash)
        elif group.code == MEMBER_GROUP:
            _account(MEMBER_USERNAME, resident, password_hash)
        candidacy = actions.nominate(
            actor=front, board=board, village=group, resident=resident,
            declaration_recorded_on=today - dt.timedelta(days=215),
        )  # fmt: skip
        members[group.code] = actions.record_prior_election(
            actor=front, candidacy=candidacy, elected_on=today - dt.timedelta(days=210),
            recognized_on=today - dt.timedelta(days=205),
        )  # fmt: skip
    actions.elect_officers(
        actor=front, board=board, head=members[HEAD_GROUP], deputies=[members[DEPUTY_GROUP]],
        elected_on=today - dt.timedelta(days=198),
    )  # fmt: skip
    actions.announce(actor=front, board=board, announced_on=today - dt.timedelta(days=195))
    head = User.objects.get(username=HEAD_USERNAME)
    actions.write_plan(actor=head, board=board, period="year", year=today.year, **PLAN_TEXTS)  # type: ignore[arg-type]
    actions.write_plan(
        actor=head, board=board, period="quarter", year=today.year, number=(today.month - 1) // 3 + 1, **PLAN_TEXTS
    )
    return board
