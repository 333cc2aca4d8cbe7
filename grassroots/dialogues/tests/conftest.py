"""The cast of the dialogue tests: commune A with its chair, an official and its Front, a verified
resident of A (named, so tests can search pages for the name), and commune B's official (refused)."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.dialogues import actions
from grassroots.people.models import Membership
from grassroots.people.tests.factories import ResidentFactory

RESIDENT_NAME = "Hoàng Thị Hỏi Han"


def make_resident_user(household, name: str):  # type: ignore[no-untyped-def]
    resident = ResidentFactory(full_name=name)  # a username no random token can contain (tests search pages for it)
    Membership.objects.create(resident=resident, household=household, valid_from=household.formed_on)
    return UserFactory(
        username=f"cu_dan_{resident.pk}", first_name=name, resident=resident, resident_verified_at=timezone.now()
    )


@pytest.fixture
def cast(world):  # type: ignore[no-untyped-def]
    a = world["a"]
    chair_a = UserFactory(username="chair_a")
    grant(chair_a, a["commune"], Role.COMMUNE_CHAIR)
    cfront_a = UserFactory(username="cfront_a")
    grant(cfront_a, a["commune"], Role.COMMUNE_FRONT)
    resident = make_resident_user(world["households"]["a1"], RESIDENT_NAME)
    resident_b = make_resident_user(world["households"]["b1"], "Lê Văn Xã Bê")
    return {**world, "commune": a["commune"], "chair_a": chair_a, "cfront_a": cfront_a, "resident": resident,
            "resident_b": resident_b}  # fmt: skip


def today() -> dt.date:
    return timezone.localdate()


def published(cast, on: dt.date | None = None):  # type: ignore[no-untyped-def]
    """A dialogue scheduled for `on` (today by default), agreed with the Front and its notice published."""
    dialogue = actions.schedule_dialogue(
        actor=cast["chair_a"], commune=cast["commune"], planned_on=on or today(), venue="Hội trường UBND xã",
        topics="Cải cách thủ tục hành chính",
    )  # fmt: skip
    actions.agree_for_front(actor=cast["cfront_a"], dialogue=dialogue, agreed_on=today())
    return actions.publish_notice(actor=cast["chair_a"], dialogue=dialogue, text="Kính mời nhân dân tham dự.")


def held_with_answers(cast):  # type: ignore[no-untyped-def]
    """A dialogue held today: one unsigned online question answered and published, minutes closed."""
    dialogue = published(cast)
    q = actions.ask_question(actor=cast["resident"], dialogue=dialogue, text="Khi nào sửa đường liên thôn?")
    dialogue = actions.hold_dialogue(actor=cast["chair_a"], dialogue=dialogue, attendance=120,
                                     chair_name="Chủ tịch Nguyễn Văn Chủ", front_representative="Bà Mặt Trận")  # fmt: skip
    actions.record_answer(
        actor=cast["chair_a"], question=q, answer="Quý I năm sau.", answered_by_name="Chủ tịch UBND xã"
    )
    actions.publish_answer(actor=cast["chair_a"], question=q)
    actions.record_conclusion(actor=cast["chair_a"], dialogue=dialogue, conclusion="Giao các bộ phận thực hiện.")
    return actions.close_minutes(actor=cast["chair_a"], dialogue=dialogue)
