"""A year of the demo ward's disclosure register (issue 12, item 6): items of all 14 categories of Law
Art 11, each published and posted through the actions as the ward's official would; most on time and
long enough, some late (after the 5 working days of Art 12(3)), some taken down too early (Art 13),
some with residents' questions, answered or not (Art 14); the quarterly indexes of the quarters that
ended (Art 13(2)).

The year ends on the day the demo is seeded, so the register always looks current. Residents' questions
are history: their times are written directly after the actions (the actions stamp the present time),
with one audit event saying so. Deterministic: no randomness.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.people import demo as people_demo
from grassroots.territory.models import Unit

from . import actions, rules
from .calendar import working_days
from .choices import Category, Channel, RequestKind
from .models import Item, Request

OFFICIAL = "official"  # seed_demo's official of the demo ward
RESIDENT = "resident"  # seed_demo's household representative

# (months before today, category, residential group or 0 for the ward, title, source document, text, fate)
# Fates: "ok" on time and long enough; "late" published 8 working days after the document; "short" taken
# down from the seat after 20 days; "question" / "unanswered" with a resident's question.
ITEMS: list[tuple[int, int, int, str, str, str, str]] = [
    (12, 1, 0, "Kế hoạch phát triển kinh tế - xã hội năm 2026", "Nghị quyết số 45/NQ-HĐND",
     "Các chỉ tiêu chủ yếu: tổng giá trị sản xuất tăng 8%; tỷ lệ hộ nghèo giảm 0,5%.", "ok"),
    (11, 2, 0, "Dự toán ngân sách phường năm 2026", "Nghị quyết số 46/NQ-HĐND",
     "Tổng thu ngân sách trên địa bàn: 42,5 tỷ đồng; tổng chi ngân sách phường: 38,1 tỷ đồng.", "question"),
    (10, 3, 0, "Phương án bồi thường, hỗ trợ giải phóng mặt bằng đường Hạc Thành kéo dài",
     "Quyết định số 112/QĐ-UBND", "Danh sách 37 hộ bị ảnh hưởng và mức bồi thường kèm theo.", "late"),
    (10, 4, 0, "Quy chế thực hiện dân chủ ở cơ sở của phường", "Quyết định số 15/QĐ-UBND",
     "Quy chế gồm 5 chương, 28 điều, áp dụng từ ngày ký.", "ok"),
    (9, 5, 1, "Kết quả vận động đóng góp xây dựng nhà văn hóa tổ dân phố 1", "Biên bản ngày 12 tháng 3",
     "Tổng số tiền vận động: 186 triệu đồng từ 214 hộ.", "question"),
    (9, 6, 0, "Cho thuê mặt bằng chợ Hạc Thành năm 2026", "Quyết định số 120/QĐ-UBND",
     "Đấu giá 48 ki-ốt; giá khởi điểm 1,2 triệu đồng/tháng.", "short"),
    (8, 7, 2, "Danh sách hộ nghèo, hộ cận nghèo tổ dân phố 2 năm 2026", "Quyết định số 131/QĐ-UBND",
     "6 hộ nghèo, 11 hộ cận nghèo; quy trình bình xét theo Quyết định 24/2021/QĐ-TTg.", "unanswered"),
    (8, 13, 0, "Thủ tục hành chính thuộc thẩm quyền giải quyết của phường", "Quyết định số 140/QĐ-UBND",
     "Danh mục 112 thủ tục hành chính, thời hạn giải quyết và phí, lệ phí.", "ok"),
    (7, 8, 0, "Hỗ trợ hộ gia đình bị thiệt hại do bão số 3", "Quyết định số 152/QĐ-UBND",
     "Hỗ trợ 2 triệu đồng/hộ có nhà bị tốc mái; danh sách 58 hộ kèm theo.", "question"),
    (7, 9, 0, "Danh sách công dân nhập ngũ năm 2026", "Quyết định số 160/QĐ-UBND",
     "Chỉ tiêu 14 công dân; danh sách gọi nhập ngũ và tạm hoãn kèm theo.", "late"),
    (6, 10, 0, "Kết quả thanh tra việc quản lý đất công ích", "Kết luận thanh tra số 08/KL-TTr",
     "Phát hiện 2 trường hợp sử dụng sai mục đích; đã kiến nghị thu hồi.", "ok"),
    (6, 11, 0, "Báo cáo tiếp thu, giải trình ý kiến về quy hoạch chi tiết khu dân cư mới",
     "Báo cáo số 75/BC-UBND", "Tổng hợp 43 ý kiến; tiếp thu 31 ý kiến, giải trình 12 ý kiến.", "short"),
    (5, 12, 0, "Mức thu phí vệ sinh môi trường năm 2026", "Quyết định số 171/QĐ-UBND",
     "Hộ gia đình: 15.000 đồng/tháng; hộ kinh doanh: 50.000 đồng/tháng.", "question"),
    (5, 14, 0, "Lịch tiếp công dân của Chủ tịch UBND phường", "Thông báo số 33/TB-UBND",
     "Thứ Năm tuần thứ hai và thứ tư hằng tháng, tại trụ sở UBND phường.", "ok"),
    (4, 2, 0, "Tình hình thực hiện dự toán ngân sách 6 tháng đầu năm", "Báo cáo số 90/BC-UBND",
     "Thu đạt 54% dự toán; chi đạt 47% dự toán.", "ok"),
    (4, 3, 3, "Tiến độ dự án cải tạo mương thoát nước tổ dân phố 3", "Báo cáo số 92/BC-UBND",
     "Khối lượng hoàn thành 65%; dự kiến bàn giao trong quý IV.", "unanswered"),
    (3, 7, 0, "Kết quả bình xét hỗ trợ nhà ở cho người có công", "Quyết định số 201/QĐ-UBND",
     "9 hộ được hỗ trợ, mỗi hộ 60 triệu đồng.", "late"),
    (2, 6, 0, "Thanh lý tài sản công: xe ô tô biển số 36A-000.12", "Quyết định số 215/QĐ-UBND",
     "Giá khởi điểm 120 triệu đồng; số tiền thu nộp ngân sách nhà nước.", "ok"),
    (1, 12, 0, "Điều chỉnh mức thu phí trông giữ xe tại chợ", "Quyết định số 230/QĐ-UBND",
     "Xe máy: 3.000 đồng/lượt; xe đạp: 2.000 đồng/lượt.", "short"),
    (0, 11, 0, "Lấy ý kiến Nhân dân về dự thảo quy hoạch công viên trung tâm", "Kế hoạch số 40/KH-UBND",
     "Thời gian lấy ý kiến 30 ngày; ý kiến gửi về UBND phường.", "ok"),
]  # fmt: skip

QUESTIONS = {
    "question": "Xin cho biết cách tra cứu danh sách chi tiết và thời hạn góp ý?",
    "unanswered": "Gia đình tôi đủ điều kiện nhưng không có tên trong danh sách, đề nghị xem xét lại.",
}
ANSWER = "UBND phường đã tiếp nhận; danh sách chi tiết niêm yết tại trụ sở và nhà văn hóa, xin mời ông/bà đến xem."


@dataclass(frozen=True)
class Seeded:
    items: int
    late: int
    short: int
    questions: int
    indexes: int


def _months_before(today: dt.date, months: int) -> dt.date:
    year, month = today.year, today.month - months
    while month < 1:
        month += 12
        year -= 1
    return dt.date(year, month, min(today.day, 28))


def _group(code: int) -> str:
    return f"{people_demo.DEMO_WARD}-{code:02d}"


@transaction.atomic
def seed(*, today: dt.date | None = None) -> Seeded:
    today = today or timezone.localdate()
    official = User.objects.get(username=OFFICIAL)
    resident = User.objects.filter(username=RESIDENT).first()
    ward = Unit.objects.get(code=people_demo.DEMO_WARD)
    days = working_days(today)
    late = short = asked = 0
    for months, category, group, title, source, body, fate in ITEMS:
        decided_on = _months_before(today, months) - dt.timedelta(days=20 if months == 0 else 0)
        unit = Unit.objects.get(code=_group(group)) if group else ward
        item = actions.create_item(actor=official, unit=unit, category=category, title=title,
                                   source_document=source, decided_on=decided_on, body=body)  # fmt: skip
        delay = 8 if fate == "late" else 2
        published_on = days.after(decided_on, delay)
        item = actions.publish_item(item, actor=official, today=published_on)
        late += fate == "late"
        _post(item, official, published_on, today, fate, ward)
        short += fate == "short"
        if fate in QUESTIONS and resident is not None:
            _question(item, resident, official, published_on, answered=fate == "question")
            asked += 1
        if category == Category.FEES and months == 5:
            # A change to a disclosed item is disclosed too, the earlier text kept (Law Art 14).
            actions.update_item(item, actor=official, body=body + " Hộ nghèo được miễn thu.",
                                change_note="Bổ sung đối tượng được miễn thu", today=published_on + dt.timedelta(days=10))  # fmt: skip
    if resident is not None:
        actions.subscribe(actor=resident, unit=ward)
    indexes = 0
    for months in (12, 9, 6, 3):
        year, quarter = rules.quarter_of(_months_before(today, months))
        _first, last = rules.quarter_bounds(year, quarter)
        if (
            last < today
            and last.year >= 2025
            and not Item.objects.filter(unit=ward, index_of=f"{year}-{quarter}").exists()
        ):
            index = actions.publish_quarterly_index(ward, year, quarter, actor=official,
                                                    today=last + dt.timedelta(days=3))  # fmt: skip
            actions.log_posting(
                index, actor=official, channel=Channel.COMMUNE_SEAT, started_on=last + dt.timedelta(days=3)
            )
            indexes += 1
    return Seeded(len(ITEMS), late, short, asked, indexes)


def _post(item: Item, official: User, start: dt.date, today: dt.date, fate: str, ward: Unit) -> None:
    """The required channels (Law Art 13), each for its period, the seat cut short for a "short" item."""
    needed = rules.required_channels(Category(item.category), has_loudspeaker=True)
    for requirement in needed:
        channel = requirement.channel
        if channel == Channel.WEB_PORTAL:
            continue
        if requirement.permanent:
            actions.log_posting(item, actor=official, channel=channel, started_on=start)
            continue
        length = requirement.min_days or 1
        if fate == "short" and channel == Channel.COMMUNE_SEAT:
            length = 20
        end = start + dt.timedelta(days=length - 1)
        places = ["Nhà văn hóa tổ dân phố 1", "Nhà văn hóa tổ dân phố 2"] if channel == Channel.VILLAGE_POINTS else [""]
        for place in places:
            actions.log_posting(item, actor=official, channel=channel, place=place, started_on=start,
                                ended_on=end if end < today else None)  # fmt: skip


def _question(item: Item, resident: User, official: User, published_on: dt.date, *, answered: bool) -> None:
    request = actions.ask(actor=resident, unit=item.unit, item=item, kind=RequestKind.QUESTION,
                          text=QUESTIONS["question" if answered else "unanswered"])  # fmt: skip
    asked_at = timezone.make_aware(dt.datetime.combine(published_on + dt.timedelta(days=3), dt.time(9, 15)))
    Request.objects.filter(pk=request.pk).update(asked_at=asked_at)
    if answered:
        request.refresh_from_db()
        actions.answer(request, actor=official, text=ANSWER)
        Request.objects.filter(pk=request.pk).update(answered_at=asked_at + dt.timedelta(days=4, hours=6))
    audit.record("disclosure.demo_history", actor=official, target=request, unit_id=item.unit_id,
                 data={"note": "times of the demo question written as history"})  # fmt: skip
