"""The board's reports to the commune Front (Law Art 39; D59 Art 14: quarterly, half-yearly, yearly and per
term), from the database alone, as DOCX and PDF through core.official (national heading, dates in words), in
Vietnamese (official documents, not interface strings). A report counts cases and lists their subjects and
outcomes; it never names a petitioner, hidden or not (a report to the Front needs no names)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from grassroots.core.official import word
from grassroots.core.official.pdf import A4, Writer, national_heading, new_pdf, set_text, signature_grid
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


@dataclass
class Doc:
    title: str
    subtitle: str
    unit_lines: tuple[str, str]
    place_date: str
    blocks: list[tuple[str, str]] = field(default_factory=list)
    signatures: list[tuple[str, str]] = field(default_factory=list)

    def h(self, text: str) -> None:
        self.blocks.append(("h", nfc(text)))

    def p(self, text: str) -> None:
        self.blocks.append(("p", nfc(text)))

    def items(self, texts: list[str], empty: str = "Không có.") -> None:
        for text in texts or [empty]:
            self.blocks.append(("i", nfc(text)))


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


def report_doc(commune: Unit, kind: str, year: int, number: int = 1, last_year: int | None = None) -> Doc:
    start, end = rules.period_bounds(kind, year, number, last_year)
    today = timezone.localdate()
    cases = list(overview.in_period(overview.commune_cases(commune), start, end).order_by("received_on", "pk"))
    f = overview.figures(cases, min(today, end) if end < today else today)
    name = nfc(commune.name)
    doc = Doc("BÁO CÁO", f"Kết quả hoạt động của Ban Thanh tra nhân dân {period_name(kind, year, number, last_year)}",
              (f"ỦY BAN MTTQ VIỆT NAM {name.upper()}", f"BAN THANH TRA NHÂN DÂN {name.upper()}"),
              place_date(_place(commune), today))  # fmt: skip
    doc.p(f"Kính gửi: Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {name}.")
    doc.p("Thực hiện Điều 39 Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 và Điều 14 Nghị định số "
          f"59/2023/NĐ-CP, Ban Thanh tra nhân dân {name} báo cáo kết quả từ {vn_date(start)} đến {vn_date(end)}:")  # fmt: skip
    doc.h("1. Tiếp nhận kiến nghị, phản ánh")
    doc.p(f"Tổng số đơn, kiến nghị, phản ánh tiếp nhận: {f.received}.")
    doc.items([f"{STATE_NAMES[State(s)]}: {n}" for s, n in f.by_state.items() if n])
    doc.h("2. Kiến nghị gửi Ủy ban nhân dân và việc trả lời (Điều 40 Luật số 10/2022/QH15)")
    doc.p(f"Số kiến nghị đã gửi: {f.recommendations}; đã được trả lời: {f.answered}, trong đó đúng hạn 15 ngày: "
          f"{f.answered_on_time}; quá hạn: {f.overdue}. Số ngày trả lời trung bình: {_num(f.average_days_to_answer)}.")  # fmt: skip
    doc.h("3. Mức độ hài lòng của người kiến nghị")
    doc.p(f"Số người đánh giá: {f.rated}; điểm hài lòng trung bình (thang 1–5): {_num(f.average_rating)}.")
    doc.h("4. Danh sách vụ việc")
    doc.items([f"Vụ việc số {p.pk} ({vn_date(p.received_on)}): {nfc(p.subject)} — {STATE_NAMES[State(p.state)]}"
               for p in cases])  # fmt: skip
    doc.signatures = [("TM. BAN THANH TRA NHÂN DÂN\nTRƯỞNG BAN", "")]
    return doc


def filename(commune: Unit, kind: str, year: int, number: int, last_year: int | None, ext: str) -> str:
    span = {Period.QUARTER: f"q{number}-{year}", Period.HALF: f"h{number}-{year}", Period.YEAR: f"{year}",
            Period.TERM: f"{year}-{last_year or year}"}[Period(kind)]  # fmt: skip
    return f"bao-cao-btnd-{commune.code}-{span}.{ext}"


def to_docx(doc: Doc) -> bytes:
    out = word.new_docx(f"{doc.title}: {doc.subtitle}")
    word.national_heading(out, doc.unit_lines, doc.place_date)
    word.paragraph(out, "")
    word.paragraph(out, doc.title, bold=True, size=14, align="center")
    word.paragraph(out, doc.subtitle, bold=True, align="center")
    for kind, text in doc.blocks:
        word.paragraph(out, f"- {text}" if kind == "i" else text, bold=kind == "h", align="justify")
    word.paragraph(out, "")
    word.signature_table(out, doc.signatures)
    return word.to_bytes(out)


def to_pdf(doc: Doc) -> bytes:
    pdf = new_pdf(A4, f"{doc.title}: {doc.subtitle}")
    pdf.set_margins(left=25, top=15, right=15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    y = national_heading(Writer(pdf), doc.unit_lines, doc.place_date, x=pdf.l_margin, width=width, split=68)
    pdf.set_xy(pdf.l_margin, y + 2)
    set_text(pdf, 13, bold=True)
    pdf.multi_cell(width, 6.5, doc.title, align="C", new_x="LMARGIN", new_y="NEXT")
    set_text(pdf, 11.5, bold=True)
    pdf.multi_cell(width, 6, doc.subtitle, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for kind, text in doc.blocks:
        set_text(pdf, 11 if kind == "h" else 10.5, bold=kind == "h")
        pdf.multi_cell(width, 5.5, f"- {text}" if kind == "i" else text, align="J", new_x="LMARGIN", new_y="NEXT")
    signature_grid(pdf, doc.signatures, width)
    return bytes(pdf.output())


def render(doc: Doc, ext: str) -> bytes:
    return to_docx(doc) if ext == "docx" else to_pdf(doc)
