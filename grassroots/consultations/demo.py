"""The demo ward's consultations (issue 13, item 9), built through the actions, so every write is checked
against the law and audited:

- the ward's land-use plan adjustment, published 6 days ago, open for 30 days: the draft by article,
  a questionnaire, opinions given online by residents of group 1 (log in as `resident` to add yours) and
  one from a meeting typed in by the group's head;
- the renaming and merger of residential groups 11 and 12, closed: opinions from the web page, a meeting,
  slips and the Front, grouped and answered, the synthesis published, the decision recorded (it departs
  from the majority, so it carries its explanation), the consultation closed.

The closed one is run on today's dates and then moved back 45 days (the only write outside the actions:
a demo needs a past that the actions, which refuse back-dated opinions online, cannot make).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.people import demo as people_demo
from grassroots.territory.models import Unit

from . import actions, overview
from .models import Consultation, Opinion

WARD = people_demo.DEMO_WARD
LAND_USE_TITLE = "Điều chỉnh quy hoạch sử dụng đất phường đến năm 2030"
LAND_USE = """Chương I. Quy định chung
Điều 1. Phạm vi điều chỉnh
Điều chỉnh quy hoạch sử dụng đất của phường đến năm 2030 tại khu vực tổ dân phố 1, 2 và 3.
Điều 2. Đất ở
Bổ sung 4,5 ha đất ở tại khu dân cư mới phía bắc tổ dân phố 3.
Điều 3. Đất cây xanh, vui chơi
Dành 1,2 ha đất cho công viên và sân chơi của thiếu nhi cạnh nhà văn hóa tổ dân phố 2.
Chương II. Tổ chức thực hiện
Điều 4. Trách nhiệm
Ủy ban nhân dân phường công bố công khai và tổ chức thực hiện quy hoạch sau khi được phê duyệt."""
MERGER_TITLE = "Sáp nhập tổ dân phố 11 và 12, đặt tên Tổ dân phố 11"
MERGER = """Điều 1. Sáp nhập
Sáp nhập Tổ dân phố 11 và Tổ dân phố 12 thành Tổ dân phố 11.
Điều 2. Nhà văn hóa
Nhà văn hóa Tổ dân phố 11 là nơi sinh hoạt chung."""


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _residents(limit: int) -> list[User]:
    return list(
        User.objects.filter(resident__isnull=False, resident__memberships__household__unit__parent__code=WARD)
        .exclude(username="resident")
        .distinct()
        .order_by("pk")[:limit]
    )


def _publish(c: Consultation, official: User, on: dt.date) -> Consultation:
    for who in ("council", "front"):
        actions.record_plan_sent(actor=official, consultation=c, recipient=who, sent_on=on - dt.timedelta(days=2))
    return actions.publish(actor=official, consultation=c, published_on=on)


def land_use(ward: Unit, official: User, today: dt.date) -> Consultation:
    c = actions.create_consultation(
        actor=official, commune=ward, kind="land_use", title=LAND_USE_TITLE,
        summary="Phường lấy ý kiến Nhân dân về dự thảo điều chỉnh quy hoạch sử dụng đất (Điều 25 khoản 2).",
        channels=["web", "meeting", "slip", "front"], window_days=30,
        timeline="Lấy ý kiến 30 ngày; họp tổ dân phố trong tuần thứ hai; tổng hợp trong 10 ngày sau khi kết thúc.",
        responsible="Công chức địa chính – xây dựng phường; Ủy ban Mặt trận Tổ quốc phường phối hợp.",
        answer_per="household",
    )  # fmt: skip
    actions.add_draft(actor=official, consultation=c, title="Dự thảo điều chỉnh quy hoạch", text=LAND_USE)
    actions.add_question(actor=official, consultation=c, kind="single", text="Hộ có đồng ý với dự thảo không?",
                         options=["Đồng ý", "Đồng ý, có góp ý", "Không đồng ý"])  # fmt: skip
    actions.add_question(actor=official, consultation=c, kind="scale", text="Mức độ cần thiết của công viên",
                         options=[], scale_max=5)  # fmt: skip
    c = _publish(c, official, today - dt.timedelta(days=6))
    articles = {a.number: a for a in c.drafts.get().articles.all()}
    texts = [("agree", "3", "Rất cần sân chơi cho các cháu."), ("disagree", "2", "Khu phía bắc hay ngập, cần làm thoát nước trước."),
             ("other", "2", "Đề nghị công khai bản đồ chi tiết tại nhà văn hóa.")]  # fmt: skip
    for user, (stance, number, body) in zip(_residents(3), texts, strict=False):
        actions.give_opinion(actor=user, consultation=c, article=articles[number], stance=stance, body=body)
    actions.enter_opinion(actor=_user("villagehead"), consultation=c, channel="meeting", given_on=today - dt.timedelta(days=2),
                          stance="agree", body="Cuộc họp tổ dân phố 1 thống nhất với dự thảo.", article=articles["1"])  # fmt: skip
    return c


def merger(ward: Unit, official: User, today: dt.date) -> Consultation:
    c = actions.create_consultation(
        actor=official, commune=ward, kind="units", title=MERGER_TITLE,
        summary="Lấy ý kiến cử tri về đề án sáp nhập, đặt tên tổ dân phố (Điều 25 khoản 4).",
        channels=["web", "meeting", "slip", "front"], timeline="20 ngày lấy ý kiến, tổng hợp trong 7 ngày.",
        responsible="Công chức nội vụ phường",
    )  # fmt: skip
    actions.add_draft(actor=official, consultation=c, title="Dự thảo đề án", text=MERGER)
    c = _publish(c, official, today)
    first = c.drafts.get().articles.get(number="1")
    resident = User.objects.filter(username="resident").first()
    if resident is not None:
        actions.give_opinion(actor=resident, consultation=c, article=first, stance="disagree",
                             body="Đề nghị giữ tên Tổ dân phố 12 cho khu phía nam.")  # fmt: skip
    entries = [("meeting", "agree", "Họp tổ dân phố 11 đồng ý sáp nhập."), ("slip", "agree", "Đồng ý."),
               ("front", "disagree", "Hội Người cao tuổi đề nghị giữ hai tổ vì địa bàn rộng."),
               ("slip", "disagree", "Địa bàn rộng, đi họp xa.")]  # fmt: skip
    for channel, stance, body in entries:
        actions.enter_opinion(actor=official, consultation=c, channel=channel, given_on=today, stance=stance,
                              body=body, article=first)  # fmt: skip
    # The window is moved 45 days back, as if published then.
    back = dt.timedelta(days=45)
    assert c.closes_on is not None  # noqa: S101 (published just above)
    Consultation.objects.filter(pk=c.pk).update(published_on=today - back, closes_on=c.closes_on - back)
    Opinion.objects.filter(consultation=c).update(given_on=today - back + dt.timedelta(days=3))
    c.refresh_from_db()
    ids: dict[str, list[int]] = {o.stance: [] for o in c.opinions.all()}
    for o in c.opinions.all():
        ids[o.stance].append(o.pk)
    agree = actions.create_group(actor=official, consultation=c, title="Đồng ý sáp nhập")
    actions.assign_opinions(actor=official, group=agree, opinion_ids=ids.get("agree", []))
    actions.respond(actor=official, group=agree, take_up="taken", explanation="")
    distance = actions.create_group(actor=official, consultation=c, title="Địa bàn rộng, giữ tên tổ 12")
    actions.assign_opinions(actor=official, group=distance, opinion_ids=ids.get("disagree", []))
    actions.respond(actor=official, group=distance, take_up="partly",
                    explanation="Giữ nguyên tên Tổ dân phố 11 theo tiêu chí Nghị quyết; bố trí thêm điểm sinh hoạt ở khu phía nam.")  # fmt: skip
    actions.publish_synthesis(actor=official, consultation=c,
                              summary="5 ý kiến: 2 đồng ý, 3 không đồng ý vì địa bàn rộng và muốn giữ tên tổ 12.")  # fmt: skip
    actions.record_decision(
        actor=official, consultation=c, outcome="amended", decision_text="Tờ trình số 45/TTr-UBND trình HĐND phường.",
        departure_explanation="Tổ dân phố 12 có 38 hộ, dưới tiêu chuẩn quy mô của tỉnh; không sáp nhập thì trái quy định. "
        "Phường bổ sung điểm sinh hoạt ở khu phía nam để tiếp thu ý kiến về khoảng cách.",
    )  # fmt: skip
    return actions.close(actor=official, consultation=c)


@transaction.atomic
def build() -> list[Consultation]:
    today = timezone.localdate()
    ward = Unit.objects.get(code=WARD)
    official = _user("official")
    plan = land_use(ward, official, today)
    # The opinion map on the same land-use plan (seed_opinion_maps_demo), where it was seeded first.
    maps = overview.opinion_maps_for(plan)
    if maps.exists():
        actions.link_opinion_map(actor=official, consultation=plan, opinion_map=maps.first())
    return [plan, merger(ward, official, today)]


def already_built() -> bool:
    return Consultation.objects.filter(commune__code=WARD).exists()
