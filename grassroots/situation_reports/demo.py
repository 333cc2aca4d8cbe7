"""The demo province's round of situation reports, built through the actions (checked and audited):

last month's round opened by the province's steering committee (`steering`): the residential groups' deadline
was 3 days ago, the ward's is in 4 days. Groups 1 and 2 submitted on time, group 3 submitted today (late),
group 4 keeps a draft, the others have not written; the ward's own report is a draft of the official.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.people import demo as people_demo
from grassroots.people.management.commands.seed_demo import DEMO_PASSWORD, create_demo_official
from grassroots.territory.models import Unit

from . import actions
from .models import ReportRound, SituationReport

PROVINCE = people_demo.PROVINCE
WARD = people_demo.DEMO_WARD
EXTRA_HEADS = {2: "Phan Văn Tổ Hai", 3: "Mai Thị Tổ Ba", 4: "Cao Văn Tổ Bốn"}
REPORTS = {
    1: dict(main_concerns="Đường ngõ 5 xuống cấp; thiếu đèn chiếu sáng.", hot_spot_count=0, complaints_trend="down",
            community_notes="Tổ chức tổng vệ sinh cuối tuần, 80% hộ tham gia."),
    2: dict(main_concerns="Tiến độ giải phóng mặt bằng đường Trần Phú.", hot_spot_count=1, complaints_trend="up",
            hot_spots="Tranh chấp ranh giới đất tại khu tập thể cũ, đang hòa giải.",
            complaints_notes="Tăng do đền bù giải phóng mặt bằng."),
    3: dict(main_concerns="Rãnh thoát nước hay bị tắc trước mùa mưa.", hot_spot_count=0, complaints_trend="same",
            religious_notes="Chùa trên địa bàn tổ chức lễ Vu Lan, an toàn, trật tự."),
    4: dict(main_concerns="Trật tự đô thị ở chợ tạm.", hot_spot_count=0),
}  # fmt: skip


def already_built() -> bool:
    return ReportRound.objects.filter(unit__code=PROVINCE).exists()


def _head(unit: Unit, today: dt.date) -> User | None:
    held = RoleAssignment.objects.active_on(today).filter(unit=unit, role=Role.VILLAGE_HEAD).first()
    if held is not None:
        return held.user
    number = int(unit.code.rsplit("-", 1)[1])
    name = EXTRA_HEADS.get(number)
    username = f"villagehead-{number:02d}"
    if name is None:
        return None
    return User.objects.filter(username=username).first() or create_demo_official(
        username, Role.VILLAGE_HEAD, unit, name, password_hash=make_password(DEMO_PASSWORD)
    )


def build() -> ReportRound:
    today = timezone.localdate()
    province = Unit.objects.get(code=PROVINCE)
    steering = User.objects.get(username="steering")
    last_month_end = today.replace(day=1) - dt.timedelta(days=1)
    round_ = actions.open_round(
        actor=steering, unit=province, period_kind="month", starts_on=last_month_end.replace(day=1),
        ends_on=last_month_end, village_deadline=today - dt.timedelta(days=3),
        commune_deadline=today + dt.timedelta(days=4),
        instructions="Báo cáo tình hình địa bàn, không nêu tên, số điện thoại, số định danh của cá nhân.",
    )  # fmt: skip
    groups = list(Unit.objects.filter(parent__code=WARD).villages().order_by("path"))
    for group in groups:
        number = int(group.code.rsplit("-", 1)[1])
        fields = REPORTS.get(number)
        head = _head(group, today) if fields else None
        if fields is None or head is None:
            continue
        report = actions.save_report(actor=head, round_=round_, unit=group, **fields)  # type: ignore[arg-type]
        if number <= 3:
            actions.submit_report(actor=head, report=report)
        if number <= 2:
            # Demo history only: these two were submitted the day before the groups' deadline.
            on_time = timezone.now() - dt.timedelta(days=4)
            SituationReport.objects.filter(pk=report.pk).update(submitted_at=on_time)
    official = User.objects.get(username="official")
    ward = Unit.objects.get(code=WARD)
    actions.save_report(actor=official, round_=round_, unit=ward, complaints_trend="same",
                        main_concerns="Giải phóng mặt bằng đường Trần Phú; thoát nước mùa mưa.")  # fmt: skip
    return round_
