"""The demo ward's annual community conferences (issue 11, item 7), built through the actions, so every
write is checked against the law and audited:

- last year: every residential group held, closed and reported its conference, except
  - 14758-03, which held none: *missing* (the village the console flags), and
  - 14758-02, whose report to the commune was never recorded as sent: *report overdue*;
- this year (depending on today's date, so the demo reads right whenever it is built):
  - 14758-01 planned for a day in late December, agreed by the commune People's Committee and the
    commune Front, the People's Inspection Board still to agree (log in as `inspector` or `villagehead`);
  - 14758-04 and 14758-05 held two days ago (in December), 04 closed and reported, 05 with its minutes open;
  - the other groups have nothing planned: warned from 1 December, missing after 31 December.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.people import demo as people_demo
from grassroots.people.actions import household_count_on
from grassroots.people.management.commands.seed_demo import DEMO_PASSWORD, create_demo_official
from grassroots.territory.models import Unit

from . import actions
from .models import Conference

WARD = people_demo.DEMO_WARD
SEED = 2026
MISSING_LAST_YEAR = f"{WARD}-03"
REPORT_NOT_SENT = f"{WARD}-02"
PLANNED = f"{WARD}-01"
HELD_THIS_YEAR = (f"{WARD}-04", f"{WARD}-05")
CLOSED_THIS_YEAR = f"{WARD}-04"
# Heads of the groups seed_demo and the decisions demo leave without one (8–12).
EXTRA_HEADS = {
    8: "Hoàng Văn Tám",
    9: "Phan Thị Chín",
    10: "Đinh Văn Mười",
    11: "Lương Văn Thập",
    12: "Cao Thị Hai",
}
VENUE = "Nhà văn hóa {name}"
CONTENT = "Tổng kết tình hình cộng đồng dân cư năm {year}; bình xét gia đình văn hóa; kế hoạch năm {next}."
HEAD_REPORT = (
    "Năm {year}, {name} giữ vững an ninh trật tự; 100% hộ đăng ký gia đình văn hóa; "
    "hoàn thành bê tông hóa ngõ 3 theo quyết định của cộng đồng."
)
FRONT_REPORT = "Các hộ được thông tin đầy đủ; các cuộc họp cộng đồng dân cư được tổ chức đúng quy định."
INSPECTION_REPORT = "Giám sát việc thu, chi quỹ khuyến học; xác minh 2 kiến nghị về vệ sinh môi trường, đã giải quyết."
PROPOSALS = ["Đề nghị lắp thêm đèn chiếu sáng ngõ 5.", "Đề nghị nạo vét rãnh thoát nước trước mùa mưa."]
ANSWERS = ["Phường đưa đèn ngõ 5 vào kế hoạch quý I.", "Tổ dân phố tổ chức nạo vét vào tháng 3."]
PRAISE = "Khen ngợi 5 hộ gia đình văn hóa tiêu biểu và 2 cá nhân tích cực tham gia phong trào."
APPROVED = "Thông qua kết quả năm {year} và kế hoạch năm {next}."
CONVENTION_REVIEW = "Quy ước được các hộ thực hiện tốt; đề nghị bổ sung điều về giữ gìn vệ sinh chung."


@dataclass
class Cast:
    chair: User
    front: User
    inspector: User
    heads: dict[str, User] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)


def _cast() -> Cast:
    users = {u.username: u for u in User.objects.filter(username__in=["chair", "front", "inspector"])}
    cast = Cast(chair=users["chair"], front=users["front"], inspector=users["inspector"])
    today = timezone.localdate()
    password_hash = ""
    for unit in Unit.objects.filter(parent__code=WARD).order_by("path"):
        cast.units[unit.code] = unit
        held = RoleAssignment.objects.active_on(today).filter(unit=unit, role=Role.VILLAGE_HEAD).first()
        if held is not None:
            cast.heads[unit.code] = held.user
            continue
        number = int(unit.code.rsplit("-", 1)[1])
        name = EXTRA_HEADS.get(number)
        if name is None or User.objects.filter(username=f"villagehead-{number:02d}").exists():
            continue
        password_hash = password_hash or make_password(DEMO_PASSWORD)
        cast.heads[unit.code] = create_demo_official(
            f"villagehead-{number:02d}", Role.VILLAGE_HEAD, unit, name, password_hash=password_hash
        )
    return cast


def _present(unit: Unit, on: dt.date, rng: random.Random) -> int:
    households = household_count_on(unit, on)
    return min(households, int(households * rng.uniform(0.62, 0.86)))


def _plan(cast: Cast, code: str, on: dt.date) -> Conference:
    unit = cast.units[code]
    return actions.plan_conference(
        actor=cast.heads[code], village=unit, planned_on=on, starts_at=dt.time(19, 30),
        venue=VENUE.format(name=unit.name), content=CONTENT.format(year=on.year, next=on.year + 1),
        organisation="Ban công tác Mặt trận chuẩn bị hội trường; mời đại diện UBND phường dự.",
    )  # fmt: skip


def _agree(cast: Cast, conference: Conference, on: dt.date, parties: tuple[str, ...]) -> None:
    who = {"commune": cast.chair, "front": cast.front, "inspection": cast.inspector}
    for party in parties:
        actions.record_agreement(actor=who[party], conference=conference, party=party, agreed_on=on)


def _hold(cast: Cast, code: str, on: dt.date, rng: random.Random, *, close: bool, report: bool) -> Conference:
    head = cast.heads[code]
    conference = _plan(cast, code, on)
    _agree(cast, conference, on - dt.timedelta(days=15), ("commune", "front", "inspection"))
    actions.send_notice(actor=head, conference=conference, sent_on=on - dt.timedelta(days=7), channel="loudspeaker")
    conference = actions.hold_conference(
        actor=head, conference=conference, households_present=_present(conference.village, on, rng),
        secretary_name="Nguyễn Thị Thư",
    )  # fmt: skip
    name, year = conference.village.name, conference.year
    conference = actions.record_minutes(
        actor=head, conference=conference,
        head_report=HEAD_REPORT.format(year=year, name=name), front_report=FRONT_REPORT,
        inspection_report=INSPECTION_REPORT if close else "", inspection_member_name="Vũ Văn Thanh Tra",
        proposals=PROPOSALS, answers=ANSWERS, praise=PRAISE,
        approved_contents=APPROVED.format(year=year, next=year + 1),
        conclusion="Hội nghị kết thúc lúc 21 giờ 30 cùng ngày.", convention_review=CONVENTION_REVIEW,
    )  # fmt: skip
    if close:
        conference = actions.close_minutes(actor=head, conference=conference)
        if report:
            conference = actions.record_report_sent(
                actor=head, conference=conference, sent_on=on + dt.timedelta(days=2)
            )
    return conference


def build(*, seed: int = SEED) -> list[Conference]:
    rng = random.Random(seed)  # noqa: S311 (demo data: same seed, same data)
    today = timezone.localdate()
    cast = _cast()
    made: list[Conference] = []
    last_year = today.year - 1
    for i, code in enumerate(sorted(cast.heads)):
        if code == MISSING_LAST_YEAR:
            continue
        on = dt.date(last_year, 12, 12 + i % 15)
        made.append(_hold(cast, code, on, rng, close=True, report=code != REPORT_NOT_SENT))
    held_on = today - dt.timedelta(days=2)
    if held_on.year == today.year and held_on.month == 12:
        for code in HELD_THIS_YEAR:
            if code in cast.heads:
                made.append(_hold(cast, code, held_on, rng, close=code == CLOSED_THIS_YEAR, report=True))
    planned_on = max(today + dt.timedelta(days=8), dt.date(today.year, 12, 20))
    if planned_on.year == today.year and PLANNED in cast.heads:
        conference = _plan(cast, PLANNED, planned_on)
        _agree(cast, conference, today, ("commune", "front"))
        made.append(conference)
    return made


def already_built() -> bool:
    return Conference.objects.filter(village__parent__code=WARD).exists()
