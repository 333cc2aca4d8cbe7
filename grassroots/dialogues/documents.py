"""The minutes of a dialogue (biên bản hội nghị đối thoại), from the database alone, as DOCX and PDF through
core.official (national heading, dates in words), in Vietnamese (an official document, not an interface
string): Law Art 32. The questions are listed with their channel and answer; an asker is named only when
they chose to sign. The minutes are a draft until closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grassroots.core.official import word
from grassroots.core.official.pdf import A4, Writer, national_heading, new_pdf, set_text, signature_grid
from grassroots.core.official.text import BLANK, nfc, place_date, vn_date

from .choices import Channel, QuestionStatus
from .models import Dialogue

LAW_BASIS = "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (Điều 32);"
CHANNEL_NAMES = {
    Channel.ONLINE: "gửi trực tuyến",
    Channel.PAPER: "gửi bằng văn bản",
    Channel.PHONE: "qua điện thoại",
    Channel.VILLAGE: "qua thôn, tổ dân phố",
    Channel.CONFERENCE: "tại hội nghị",
}
PLACE_PREFIXES = ("Đặc khu ", "Thị trấn ", "Phường ", "Xã ")


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

    def i(self, text: str) -> None:
        self.blocks.append(("i", nfc(text)))


def _place(dialogue: Dialogue) -> str:
    name = nfc(dialogue.commune.name)
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def minutes_doc(dialogue: Dialogue) -> Doc:
    commune = nfc(dialogue.commune.name)
    doc = Doc(
        "BIÊN BẢN",
        f"Hội nghị đối thoại giữa Ủy ban nhân dân {commune} với Nhân dân năm {dialogue.year}",
        (f"ỦY BAN NHÂN DÂN {commune.upper()}", ""),
        place_date(_place(dialogue), dialogue.held_on),
    )
    if not dialogue.is_closed:
        doc.p("(Dự thảo: biên bản chưa khép lại.)")
    doc.p(LAW_BASIS)
    when = vn_date(dialogue.held_on or dialogue.planned_on)
    time = f"{dialogue.starts_at.hour} giờ {dialogue.starts_at.minute:02d}, " if dialogue.starts_at else ""
    doc.p(f"Hồi {time}{when}, tại {nfc(dialogue.venue)}, Ủy ban nhân dân {commune} phối hợp với Ủy ban Mặt trận "
          f"Tổ quốc Việt Nam {commune} tổ chức hội nghị đối thoại với Nhân dân.")  # fmt: skip
    doc.p(f"Chủ trì: {nfc(dialogue.chair_name) or BLANK}. Đại diện Ủy ban Mặt trận Tổ quốc: "
          f"{nfc(dialogue.front_representative) or BLANK}. Thư ký: {nfc(dialogue.secretary_name) or BLANK}.")  # fmt: skip
    doc.p(f"Số người tham dự: {dialogue.attendance if dialogue.attendance is not None else BLANK}.")
    doc.h("1. Nội dung đối thoại")
    doc.p(dialogue.topics)
    doc.h("2. Ý kiến, câu hỏi của Nhân dân và trả lời")
    questions = [q for q in dialogue.questions.select_related("village") if q.status != QuestionStatus.HIDDEN]
    if not questions:
        doc.p("Không có.")
    for n, q in enumerate(questions, 1):
        who = f"Ông/bà {nfc(q.asker_name)}" if q.signed and q.asker_name else "Một người dân"
        village = f", {nfc(q.village.name)}" if q.village else ""
        doc.i(f"Câu hỏi {n} ({who}{village}, {CHANNEL_NAMES[Channel(q.channel)]}): {nfc(q.text)}")
        answer = q.answer or BLANK
        by = f" ({nfc(q.answered_by_name)})" if q.answered_by_name else ""
        doc.p(f"Trả lời{by}: {answer}")
    doc.h("3. Kết luận")
    doc.p(dialogue.conclusion or BLANK)
    doc.signatures = [("THƯ KÝ", nfc(dialogue.secretary_name)), ("CHỦ TRÌ", nfc(dialogue.chair_name))]
    return doc


def available(dialogue: Dialogue) -> bool:
    return dialogue.is_held


def filename(dialogue: Dialogue, ext: str) -> str:
    return f"doi-thoai-{dialogue.commune.code}-{dialogue.planned_on.isoformat()}-bien-ban.{ext}"


def to_docx(doc: Doc) -> bytes:
    out = word.new_docx(f"{doc.title}: {doc.subtitle}")
    word.national_heading(out, doc.unit_lines, doc.place_date)
    word.paragraph(out, "")
    word.paragraph(out, doc.title, bold=True, size=14, align="center")
    word.paragraph(out, doc.subtitle, bold=True, align="center")
    word.paragraph(out, "")
    for kind, text in doc.blocks:
        if kind == "h":
            word.paragraph(out, text, bold=True)
        elif kind == "i":
            word.paragraph(out, f"- {text}", align="justify")
        else:
            word.paragraph(out, text, align="justify")
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
            pdf.multi_cell(width, 5.5, f"- {text}" if kind == "i" else text, align="J", new_x="LMARGIN", new_y="NEXT")
    signature_grid(pdf, doc.signatures, width)
    return bytes(pdf.output())


def render(dialogue: Dialogue, ext: str) -> bytes:
    doc = minutes_doc(dialogue)
    return to_docx(doc) if ext == "docx" else to_pdf(doc)
