"""The board's plans (D59 Art 14) as official documents, DOCX and PDF through core.official (national heading,
dates in words), in Vietnamese (an official document, not interface strings): purpose, content, timing,
budget and organisation of a quarter, half-year, year or the term, signed for the board by its head."""

from __future__ import annotations

from django.utils import timezone

from grassroots.core.official import paper as official_paper
from grassroots.core.official.paper import Paper
from grassroots.core.official.text import nfc, place_date, vn_date

from .choices import Period, Seat
from .models import Plan

LAW_BASIS = (
    "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (Điều 36 đến Điều 39) và Nghị định số "
    "59/2023/NĐ-CP của Chính phủ (Điều 14);"
)
PLACE_PREFIXES = ("Đặc khu ", "Thị trấn ", "Phường ", "Xã ")


def period_words(plan: Plan) -> str:
    if plan.period == Period.QUARTER:
        return f"quý {('I', 'II', 'III', 'IV')[plan.number - 1]} năm {plan.year}"
    if plan.period == Period.HALF_YEAR:
        return f"{'6 tháng đầu' if plan.number == 1 else '6 tháng cuối'} năm {plan.year}"
    if plan.period == Period.YEAR:
        return f"năm {plan.year}"
    board = plan.board
    return f"nhiệm kỳ {board.term_starts_on.year}–{board.term_ends_on.year}"


def _place(name: str) -> str:
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def plan_doc(plan: Plan) -> Paper:
    commune = plan.board.commune
    name = nfc(commune.name)
    doc = Paper(
        "KẾ HOẠCH",
        f"Hoạt động của Ban Thanh tra nhân dân {name} {period_words(plan)}",
        (f"ỦY BAN MTTQ VIỆT NAM {name.upper()}", f"BAN THANH TRA NHÂN DÂN {name.upper()}"),
        place_date(_place(name), timezone.localdate(plan.updated_at)),
    )
    doc.paragraph(LAW_BASIS)
    doc.paragraph(f"Ban Thanh tra nhân dân {name} xây dựng kế hoạch hoạt động {period_words(plan)} như sau:")
    for heading, text in (
        ("1. Mục đích, yêu cầu", plan.purpose),
        ("2. Nội dung", plan.content),
        ("3. Thời gian thực hiện", plan.timing),
        ("4. Kinh phí", plan.budget),
        ("5. Tổ chức thực hiện", plan.organisation),
    ):
        doc.heading(heading)
        doc.paragraph(text)
    doc.paragraph(f"Kế hoạch được gửi Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {name} để chỉ đạo, theo dõi.")
    doc.paragraph(f"Nhiệm kỳ của Ban: từ {vn_date(plan.board.term_starts_on)} đến {vn_date(plan.board.term_ends_on)}.")
    head = plan.board.members.filter(seat=Seat.HEAD, left_on__isnull=True).first()
    doc.signatures = [("TM. BAN THANH TRA NHÂN DÂN\nTRƯỞNG BAN", nfc(head.full_name) if head else "")]
    return doc


def filename(plan: Plan, ext: str) -> str:
    return f"ke-hoach-ban-thanh-tra-nhan-dan-{plan.board.commune.code}-{plan.period}-{plan.year}-{plan.number}.{ext}"


def render(plan: Plan, ext: str) -> bytes:
    doc = plan_doc(plan)
    return official_paper.render(doc, ext)
