"""The demo province's round of situation reports, built through the actions (checked and audited):

last month's round opened by the province's steering committee (`steering`): the residential groups' deadline
was 3 days ago, the ward's is in 4 days. Groups 1 and 2 submitted on time (4 days ago, recorded as such by the
action and in its audit event), group 3 submitted today (late), group 4 keeps a draft, the others have not
written; the ward's own report is a draft of the official.

The ward is Phường Hạc Thành at the scale seed_demo ran: its demo code at the ward and city scales, its official
code at the province scale (people.demo.demo_ward); it is found as the ward of the demo account `official`.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.people import demo as people_demo
from grassroots.people.management.commands.seed_demo import DEMO_PASSWORD, create_demo_official
from grassroots.territory.models import COMMUNE_KINDS, Unit

from . import actions
from .models import ReportRound

PROVINCE = people_demo.PROVINCE
# The ward's codes at the two kinds of scale: the demo's own, and the official one of the province scale.
WARD_CODES = (people_demo.DEMO_WARD, people_demo.REAL_DEMO_WARD)
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


def ward() -> Unit | None:
    """Phường Hạc Thành at the scale seed_demo ran: the ward where the demo account `official` works."""
    held = (
        RoleAssignment.objects.filter(
            user__username="official",
            role=Role.COMMUNE_OFFICIAL,
            unit__code__in=WARD_CODES,
            unit__kind__in=COMMUNE_KINDS,
        )
        .select_related("unit")
        .first()
    )
    return held.unit if held is not None else None


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


@transaction.atomic
def build() -> ReportRound:
    """The round, all or nothing: a failure half-way leaves no round for --if-empty to keep."""
    today = timezone.localdate()
    province = Unit.objects.get(code=PROVINCE)
    steering = User.objects.get(username="steering")
    the_ward = ward()
    if the_ward is None:
        raise Unit.DoesNotExist("the demo ward: run seed_demo first (with its accounts)")
    last_month_end = today.replace(day=1) - dt.timedelta(days=1)
    round_ = actions.open_round(
        actor=steering, unit=province, period_kind="month", starts_on=last_month_end.replace(day=1),
        ends_on=last_month_end, village_deadline=today - dt.timedelta(days=3),
        commune_deadline=today + dt.timedelta(days=4),
        instructions="Báo cáo tình hình địa bàn, không nêu tên, số điện thoại, số định danh của cá nhân.",
    )  # fmt: skip
    # Groups 1 and 2 submitted the day before the groups' deadline: the action records that moment.
    on_time = timezone.now() - dt.timedelta(days=4)
    groups = list(Unit.objects.filter(parent=the_ward).villages().order_by("path"))
    for group in groups:
        number = int(group.code.rsplit("-", 1)[1])
        fields = REPORTS.get(number)
        head = _head(group, today) if fields else None
        if fields is None or head is None:
            continue
        report = actions.save_report(actor=head, round_=round_, unit=group, **fields)  # type: ignore[arg-type]
        if number <= 3:
            actions.submit_report(actor=head, report=report, at=on_time if number <= 2 else None)
    official = User.objects.get(username="official")
    actions.save_report(actor=official, round_=round_, unit=the_ward, complaints_trend="same",
                        main_concerns="Giải phóng mặt bằng đường Trần Phú; thoát nước mùa mưa.")  # fmt: skip
    return round_
