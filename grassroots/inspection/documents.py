"""The board's plans (D59 Art 14) as official documents, DOCX and PDF through core.official (national heading,
dates in words), in Vietnamese (an official document, not interface strings): purpose, content, timing,
budget and organisation of a quarter, half-year, year or the term, signed for the board by its head."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from grassroots.core.official import word
from grassroots.core.official.pdf import A4, Writer, national_heading, new_pdf, set_text, signature_grid
from grassroots.core.official.text import nfc, place_date, vn_date

from .choices import Period, Seat
from .models import Plan

LAW_BASIS = (
    "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (Điều 36 đến Điều 39) và Nghị định số "
    "59/2023/NĐ-CP của Chính phủ (Điều 14);"
)
PLACE_PREFIXES = ("Đặc khu ", "Thị trấn ", "Phường ", "Xã ")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass
class Doc:
    title: str
    subtitle: str
    unit_lines: tuple[str, str]
    place_date: str
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("h" heading | "p" paragraph, text)
    signatures: list[tuple[str, str]] = field(default_factory=list)

    def h(self, text: str) -> None:
        self.blocks.append(("h", nfc(text)))

    def p(self, text: str) -> None:
        self.blocks.append(("p", nfc(text)))


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


def plan_doc(plan: Plan) -> Doc:
    commune = plan.board.commune
    name = nfc(commune.name)
    doc = Doc(
        "KẾ HOẠCH",
        f"Hoạt động của Ban Thanh tra nhân dân {name} {period_words(plan)}",
        (f"ỦY BAN MTTQ VIỆT NAM {name.upper()}", f"BAN THANH TRA NHÂN DÂN {name.upper()}"),
        place_date(_place(name), timezone.localdate(plan.updated_at)),
    )
    doc.p(LAW_BASIS)
    doc.p(f"Ban Thanh tra nhân dân {name} xây dựng kế hoạch hoạt động {period_words(plan)} như sau:")
    for heading, text in (
        ("1. Mục đích, yêu cầu", plan.purpose),
        ("2. Nội dung", plan.content),
        ("3. Thời gian thực hiện", plan.timing),
        ("4. Kinh phí", plan.budget),
        ("5. Tổ chức thực hiện", plan.organisation),
    ):
        doc.h(heading)
        doc.p(text)
    doc.p(f"Kế hoạch được gửi Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {name} để chỉ đạo, theo dõi.")
    doc.p(f"Nhiệm kỳ của Ban: từ {vn_date(plan.board.term_starts_on)} đến {vn_date(plan.board.term_ends_on)}.")
    head = plan.board.members.filter(seat=Seat.HEAD, left_on__isnull=True).first()
    doc.signatures = [("TM. BAN THANH TRA NHÂN DÂN\nTRƯỞNG BAN", nfc(head.full_name) if head else "")]
    return doc


def filename(plan: Plan, ext: str) -> str:
    return f"ke-hoach-ban-thanh-tra-nhan-dan-{plan.board.commune.code}-{plan.period}-{plan.year}-{plan.number}.{ext}"


def to_docx(doc: Doc) -> bytes:
    out = word.new_docx(f"{doc.title}: {doc.subtitle}")
    word.national_heading(out, doc.unit_lines, doc.place_date)
    word.paragraph(out, "")
    word.paragraph(out, doc.title, bold=True, size=14, align="center")
    word.paragraph(out, doc.subtitle, bold=True, align="center")
    word.paragraph(out, "")
    for kind, text in doc.blocks:
        word.paragraph(out, text, bold=kind == "h", align=None if kind == "h" else "justify")
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
        if kind == "h":
            pdf.ln(1.5)
            set_text(pdf, 11, bold=True)
            pdf.multi_cell(width, 6, text, new_x="LMARGIN", new_y="NEXT")
        else:
            set_text(pdf, 10.5)
            pdf.multi_cell(width, 5.5, text, align="J", new_x="LMARGIN", new_y="NEXT")
    signature_grid(pdf, doc.signatures, width)
    return bytes(pdf.output())


def render(plan: Plan, ext: str) -> bytes:
    doc = plan_doc(plan)
    return to_docx(doc) if ext == "docx" else to_pdf(doc)
