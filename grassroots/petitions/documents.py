"""The board's reports to the commune Front (Law Art 39; D59 Art 14: quarterly, half-yearly, yearly and per
term), from the database alone, as DOCX and PDF through core.official (national heading, dates in words), in
Vietnamese (official documents, not interface strings). A report counts cases and lists their subjects and
outcomes; it never names a petitioner, hidden or not (a report to the Front needs no names)."""

from __future__ import annotations

from django.utils import timezone

from grassroots.core.official import paper as official_paper
from grassroots.core.official.paper import Paper
from grassroots.core.official.text import nfc, place_date, vn_date
from grassroots.territory.models import Unit

from . import overview, rules
from .choices import Period, State

PLACE_PREFIXES = ("Đặc khu ", "Thị trấn ", "Phường ", "Xã ")
PERIOD_NAMES = {Period.QUARTER: "quý {n} năm {y}", Period.HALF: "{h} năm {y}", Period.YEAR: "năm {y}",
                Period.TERM: "nhiệm kỳ {y}–{z}"}  # fmt: skip
STATE_NAMES = {
    State.RECEIVED: "mới tiếp nhận", State.DECLINED: "không thụ lý", State.ACCEPTED: "đã thụ lý",
    State.ASSIGNED: "đã phân công", State.PLANNED: "đã gửi kế hoạch kiểm tra", State.VERIFIED: "đã xác minh",
    State.RECOMMENDED: "kiến nghị chờ Mặt trận xác nhận", State.SENT: "chờ Ủy ban nhân dân trả lời",
    State.ANSWERED: "Ủy ban nhân dân đã trả lời", State.CLOSED: "đã thông báo kết quả cho người kiến nghị",
}  # fmt: skip


def period_name(kind: str, year: int, number: int, last_year: int | None) -> str:
    half = "6 tháng đầu năm" if number == 1 else "6 tháng cuối năm"
    return PERIOD_NAMES[Period(kind)].format(n=number, y=year, h=half, z=last_year or year)


def _place(commune: Unit) -> str:
    name = nfc(commune.name)
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def report_doc(commune: Unit, kind: str, year: int, number: int = 1, last_year: int | None = None) -> Paper:
    start, end = rules.period_bounds(kind, year, number, last_year)
    today = timezone.localdate()
    cases = list(overview.in_period(overview.commune_cases(commune), start, end).order_by("received_on", "pk"))
    f = overview.figures(cases, min(today, end) if end < today else today)
    name = nfc(commune.name)
    doc = Paper("BÁO CÁO", f"Kết quả hoạt động của Ban Thanh tra nhân dân {period_name(kind, year, number, last_year)}",
              (f"ỦY BAN MTTQ VIỆT NAM {name.upper()}", f"BAN THANH TRA NHÂN DÂN {name.upper()}"),
              place_date(_place(commune), today))  # fmt: skip
    doc.paragraph(f"Kính gửi: Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {name}.")
    doc.paragraph("Thực hiện Điều 39 Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 và Điều 14 Nghị định số "
          f"59/2023/NĐ-CP, Ban Thanh tra nhân dân {name} báo cáo kết quả từ {vn_date(start)} đến {vn_date(end)}:")  # fmt: skip
    doc.heading("1. Tiếp nhận kiến nghị, phản ánh")
    doc.paragraph(f"Tổng số đơn, kiến nghị, phản ánh tiếp nhận: {f.received}.")
    doc.items([f"{STATE_NAMES[State(s)]}: {n}" for s, n in f.by_state.items() if n])
    doc.heading("2. Kiến nghị gửi Ủy ban nhân dân và việc trả lời (Điều 40 Luật số 10/2022/QH15)")
    doc.paragraph(f"Số kiến nghị đã gửi: {f.recommendations}; đã được trả lời: {f.answered}, trong đó đúng hạn 15 ngày: "
          f"{f.answered_on_time}; quá hạn: {f.overdue}. Số ngày trả lời trung bình: {_num(f.average_days_to_answer)}.")  # fmt: skip
    doc.heading("3. Mức độ hài lòng của người kiến nghị")
    doc.paragraph(f"Số người đánh giá: {f.rated}; điểm hài lòng trung bình (thang 1–5): {_num(f.average_rating)}.")
    doc.heading("4. Danh sách vụ việc")
    doc.items([f"Vụ việc số {p.pk} ({vn_date(p.received_on)}): {nfc(p.subject)} — {STATE_NAMES[State(p.state)]}"
               for p in cases])  # fmt: skip
    doc.signatures = [("TM. BAN THANH TRA NHÂN DÂN\nTRƯỞNG BAN", "")]
    return doc


def filename(commune: Unit, kind: str, year: int, number: int, last_year: int | None, ext: str) -> str:
    span = {Period.QUARTER: f"q{number}-{year}", Period.HALF: f"h{number}-{year}", Period.YEAR: f"{year}",
            Period.TERM: f"{year}-{last_year or year}"}[Period(kind)]  # fmt: skip
    return f"bao-cao-btnd-{commune.code}-{span}.{ext}"


def render(doc: Paper, ext: str) -> bytes:
    return official_paper.render(doc, ext)
