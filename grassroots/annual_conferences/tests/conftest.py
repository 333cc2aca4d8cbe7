"""The cast of the annual-conference tests: commune A with two villages (A1 has three households), its
village head and Front head of A1, the commune chair, the commune Front, an Inspection Board member, and
an official of commune B (who is refused everywhere)."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.annual_conferences import actions
from grassroots.people.tests.factories import make_household


@pytest.fixture
def cast(world):  # type: ignore[no-untyped-def]
    a = world["a"]
    front_a1 = UserFactory(username="front_a1")
    grant(front_a1, a["village1"], Role.VILLAGE_FRONT_HEAD)
    chair_a = UserFactory(username="chair_a")
    grant(chair_a, a["commune"], Role.COMMUNE_CHAIR)
    cfront_a = UserFactory(username="cfront_a")
    grant(cfront_a, a["commune"], Role.COMMUNE_FRONT)
    inspector_a = UserFactory(username="inspector_a")
    grant(inspector_a, a["commune"], Role.INSPECTION_BOARD)
    make_household(a["village1"])
    make_household(a["village1"])
    return {
        **world,
        "village": a["village1"],
        "front_a1": front_a1,
        "chair_a": chair_a,
        "cfront_a": cfront_a,
        "inspector_a": inspector_a,
    }


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def plan(cast, on: dt.date):  # type: ignore[no-untyped-def]
    return actions.plan_conference(
        actor=cast["head_a1"], village=cast["village"], planned_on=on, venue="Nhà văn hóa thôn",
        content="Tổng kết năm, bình xét gia đình văn hóa",
    )  # fmt: skip


def agree_all(cast, conference, on: dt.date):  # type: ignore[no-untyped-def]
    for party, who in (("commune", "chair_a"), ("front", "cfront_a"), ("inspection", "inspector_a")):
        actions.record_agreement(actor=cast[who], conference=conference, party=party, agreed_on=on)


def held(cast, *, ago: int = 2, present: int = 2):  # type: ignore[no-untyped-def]
    """A conference held `ago` days ago, agreed 10 days and noticed 7 days before it."""
    on = days_ago(ago)
    conference = plan(cast, on)
    agree_all(cast, conference, on - dt.timedelta(days=10))
    actions.send_notice(actor=cast["head_a1"], conference=conference, sent_on=on - dt.timedelta(days=7),
                        channel="loudspeaker")  # fmt: skip
    return actions.hold_conference(actor=cast["head_a1"], conference=conference, households_present=present,
                                   secretary_name="Trần Thị Thư Ký")  # fmt: skip


REPORTS = {
    "head_report": "Tình hình thôn năm qua ổn định.",
    "front_report": "Dân chủ ở thôn được thực hiện tốt.",
    "inspection_report": "Đã giám sát việc làm đường, xác minh 2 kiến nghị.",
}


def closed(cast, **kwargs):  # type: ignore[no-untyped-def]
    conference = held(cast, **kwargs)
    actions.record_minutes(actor=cast["head_a1"], conference=conference, proposals=["Sửa đèn đường"],
                           answers=["Xã sẽ sửa trong quý I"], praise="Hộ ông Nguyễn Văn A", **REPORTS)  # fmt: skip
    return actions.close_minutes(actor=cast["head_a1"], conference=conference)
