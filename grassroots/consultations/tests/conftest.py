"""The cast of the consultation tests: commune A's official and chair, its Front, the village head of A1,
two residents of A1 with linked accounts (one who signs publicly in some tests), a resident of commune B,
and an official of commune B (refused everywhere)."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.consultations import actions

NAMES = ("Nguyễn Thị Ẩn Danh", "Trần Văn Kín Tên", "Lê Văn Ngoài Xã")
DRAFT = """Chương I. Quy định chung
Điều 1. Phạm vi
Quy hoạch sử dụng đất của phường đến năm 2030.
Điều 2. Đất ở
Bổ sung 5 ha đất ở tại khu phố 3.
Chương II. Tổ chức thực hiện
Điều 3. Trách nhiệm
Ủy ban nhân dân phường tổ chức thực hiện."""


def _resident_user(household, username, name):  # type: ignore[no-untyped-def]
    resident = household.memberships.select_related("resident").first().resident
    resident.full_name = name
    resident.save()
    return UserFactory(username=username, resident=resident)


@pytest.fixture
def cast(world):  # type: ignore[no-untyped-def]
    a = world["a"]
    chair_a = UserFactory(username="chair_a")
    grant(chair_a, a["commune"], Role.COMMUNE_CHAIR)
    cfront_a = UserFactory(username="cfront_a")
    grant(cfront_a, a["commune"], Role.COMMUNE_FRONT)
    households = world["households"]
    from grassroots.people.tests.factories import make_household

    second = make_household(a["village1"], members=1)
    return {
        **world,
        "chair_a": chair_a,
        "cfront_a": cfront_a,
        "res1": _resident_user(households["a1"], "res1", NAMES[0]),
        "res2": _resident_user(second, "res2", NAMES[1]),
        "res_b": _resident_user(households["b1"], "res_b", NAMES[2]),
    }


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def planned(cast, **kwargs):  # type: ignore[no-untyped-def]
    fields = {
        "kind": "land_use", "title": "Lấy ý kiến quy hoạch sử dụng đất", "summary": "Dự thảo quy hoạch",
        "channels": ["web", "meeting", "slip"], "timeline": "Tháng 12", "responsible": "Công chức địa chính",
        **kwargs,
    }  # fmt: skip
    c = actions.create_consultation(actor=cast["official_a"], commune=cast["a"]["commune"], **fields)
    actions.add_draft(actor=cast["official_a"], consultation=c, title="Dự thảo quy hoạch", text=DRAFT)
    return c


def published(cast, *, ago: int = 0, **kwargs):  # type: ignore[no-untyped-def]
    c = planned(cast, **kwargs)
    for who in ("council", "front"):
        actions.record_plan_sent(actor=cast["official_a"], consultation=c, recipient=who, sent_on=days_ago(ago + 1))
    return actions.publish(actor=cast["official_a"], consultation=c, published_on=days_ago(ago))


def first_article(c):  # type: ignore[no-untyped-def]
    return c.drafts.get().articles.get(number="2")


def time_passes(c, days: int = 21):  # type: ignore[no-untyped-def]
    """The window runs out: move the consultation `days` days into the past (its opinions keep their days)."""
    from grassroots.consultations.models import Consultation

    Consultation.objects.filter(pk=c.pk).update(
        published_on=c.published_on - dt.timedelta(days=days), closes_on=c.closes_on - dt.timedelta(days=days)
    )
    c.refresh_from_db()
    return c


def synthesised(cast, *, outcome: str = "adopted", explanation: str = ""):  # type: ignore[no-untyped-def]
    """Two residents commented on article 2 (one agrees, one signed publicly and disagrees), a meeting's
    opinion agreed; grouped, answered, the synthesis published, the decision recorded."""
    c = published(cast)
    article = first_article(c)
    actions.give_opinion(actor=cast["res1"], consultation=c, article=article, stance="agree", body="Hợp lý")
    actions.give_opinion(actor=cast["res2"], consultation=c, article=article, stance="disagree",
                         body="Thiếu đất cây xanh", sign_publicly=True)  # fmt: skip
    actions.enter_opinion(actor=cast["head_a1"], consultation=c, channel="meeting", given_on=days_ago(0),
                          stance="agree", body="Tổ dân phố đồng ý", author_name="Phạm Văn Họp")  # fmt: skip
    c = time_passes(c)
    group = actions.create_group(actor=cast["official_a"], consultation=c, title="Về đất cây xanh")
    actions.assign_opinions(
        actor=cast["official_a"], group=group, opinion_ids=list(c.opinions.values_list("pk", flat=True))
    )
    actions.respond(actor=cast["official_a"], group=group, take_up="partly", explanation="Bổ sung 1 ha cây xanh")
    actions.publish_synthesis(actor=cast["official_a"], consultation=c, summary="Đa số đồng ý.")
    return actions.record_decision(actor=cast["official_a"], consultation=c, outcome=outcome,
                                   decision_text="Quyết định số 12/QĐ-UBND", departure_explanation=explanation)  # fmt: skip
