"""The cast of the petition tests: commune A with its board (a member and the head), the commune Front,
the chair and an official (world), a resident of A (the petitioner, with a phone), another resident, and
an official of commune B (refused everywhere)."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.petitions import actions

NAME_FIRST, NAME_LAST, PHONE = "Khánh", "Vương Thị", "0912000111"


@pytest.fixture
def cast(world):  # type: ignore[no-untyped-def]
    a = world["a"]
    member = UserFactory(username="member_a", first_name="Bình", last_name="Lê Văn")
    grant(member, a["commune"], Role.INSPECTION_BOARD)
    head = UserFactory(username="boardhead_a", first_name="Hòa", last_name="Trần Văn")
    grant(head, a["commune"], Role.INSPECTION_BOARD)
    grant(head, a["commune"], Role.INSPECTION_BOARD_HEAD)
    front = UserFactory(username="cfront_a")
    grant(front, a["commune"], Role.COMMUNE_FRONT)
    chair = UserFactory(username="chair_a")
    grant(chair, a["commune"], Role.COMMUNE_CHAIR)
    petitioner = UserFactory(username="petitioner_a", first_name=NAME_FIRST, last_name=NAME_LAST, phone=PHONE)
    grant(petitioner, a["village1"], Role.HOUSEHOLD_REPRESENTATIVE)
    neighbour = UserFactory(username="neighbour_a")
    grant(neighbour, a["village2"], Role.HOUSEHOLD_REPRESENTATIVE)
    return {**world, "commune": a["commune"], "member": member, "head": head, "front": front, "chair": chair,
            "petitioner": petitioner, "neighbour": neighbour}  # fmt: skip


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def filed(cast, *, hidden: bool = False):  # type: ignore[no-untyped-def]
    return actions.file_petition(
        actor=cast["petitioner"], commune=cast["commune"], subject="Đổ rác thải ra kênh",
        body="Cơ sở chế biến đổ nước thải ra kênh Bảy Xã.", concerns="Cán bộ địa chính xã",
        hide_identity=hidden,
    )  # fmt: skip


def through(cast, petition, until: str):  # type: ignore[no-untyped-def]
    """Take a case along the board's steps up to `until` (accepted, assigned, planned, verified,
    recommended, sent, answered, closed), the plan sent 30 days ago."""
    steps = ["accepted", "assigned", "planned", "verified", "recommended", "sent", "answered", "closed"]
    m = cast["member"]
    for step in steps[: steps.index(until) + 1]:
        if step == "accepted":
            petition = actions.triage(actor=m, petition=petition, accept=True)
        elif step == "assigned":
            petition = actions.assign(actor=m, petition=petition, members=[m])
        elif step == "planned":
            petition = actions.send_plan(actor=m, petition=petition, plan="Kiểm tra hiện trường",
                                         sent_on=days_ago(30), acting_from=days_ago(20))  # fmt: skip
        elif step == "verified":
            petition = actions.record_findings(actor=m, petition=petition, findings="Có vi phạm",
                                               verified_on=days_ago(18))  # fmt: skip
        elif step == "recommended":
            petition = actions.recommend(actor=m, petition=petition, recommendation="Xử lý cơ sở vi phạm")
        elif step == "sent":
            petition = actions.certify(actor=cast["front"], petition=petition, certified_on=days_ago(10))
        elif step == "answered":
            petition = actions.answer(actor=cast["chair"], petition=petition, text="Đã xử phạt",
                                      answered_on=days_ago(3))  # fmt: skip
        else:
            petition = actions.send_result(actor=m, petition=petition, result="Cơ sở đã bị xử phạt.")
    return petition
