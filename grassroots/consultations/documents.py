"""The consultation's official papers, from the database alone, as DOCX and PDF through core.official
(national heading, dates in words), in Vietnamese (official documents, not interface strings):

- the synthesis report (báo cáo tổng hợp, tiếp thu, giải trình ý kiến), Law Art 28(3): the tally by
  channel and view, each group of opinions with its take-up and explanation, the decision; never a
  resident's name;
- for a decision on one citizen (Law Art 27), the paper filed with the decision dossier: the opinions
  given (names included, as the dossier is not public) and the explanation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from grassroots.core.official import word
from grassroots.core.official.pdf import A4, Writer, national_heading, new_pdf, set_text, signature_grid
from grassroots.core.official.text import BLANK, nfc, place_date, vn_date

from . import overview, rules
from .choices import Channel, Kind, Outcome, Stance, TakeUp
from .models import Consultation

LAW_BASIS = "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (Điều 25 đến Điều 28);"
STANCES = {Stance.AGREE: "đồng ý", Stance.DISAGREE: "không đồng ý", Stance.OTHER: "ý kiến khác"}
TAKE_UPS = {TakeUp.TAKEN: "Tiếp thu", TakeUp.PARTLY: "Tiếp thu một phần", TakeUp.NOT_TAKEN: "Không tiếp thu"}
OUTCOMES = {Outcome.ADOPTED: "thông qua như dự thảo", Outcome.AMENDED: "thông qua có chỉnh sửa",
            Outcome.NOT_ADOPTED: "không thông qua"}  # fmt: skip
CHANNELS = {
    Channel.DIALOGUE: "hội nghị đối thoại", Channel.MEETING: "cuộc họp cộng đồng dân cư",
    Channel.SLIP: "phiếu lấy ý kiến hộ gia đình", Channel.BOX: "hòm thư góp ý, đường dây nóng",
    Channel.FRONT: "Ban công tác Mặt trận và các tổ chức đoàn thể", Channel.WEB: "cổng thông tin điện tử",
    Channel.SOCIAL: "mạng viễn thông, mạng xã hội", Channel.AFFECTED: "đối thoại với người chịu tác động",
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


def _new(c: Consultation, title: str) -> Doc:
    commune = nfc(c.commune.name)
    day = timezone.localdate(c.synthesis_published_at) if c.synthesis_published_at else None
    place = commune.split(" ", 1)[1] if " " in commune else commune
    return Doc(title, nfc(c.title), (f"ỦY BAN NHÂN DÂN {commune.upper()}", ""), place_date(place, day))


def _tally(doc: Doc, c: Consultation) -> None:
    t = overview.tally(c)
    period = f"từ {vn_date(c.published_on)} đến {vn_date(c.closes_on)}" if c.published_on and c.closes_on else BLANK
    doc.p(f"Thời gian lấy ý kiến: {period}. Tổng số ý kiến: {t.total}.")
    doc.items([f"{CHANNELS[Channel(v)]}: {n}" for v, n in _counts(c, "channel")])
    doc.items([f"{STANCES[Stance(v)]}: {n}" for v, n in _counts(c, "stance")])


def _counts(c: Consultation, name: str) -> list[tuple[str, int]]:
    from collections import Counter

    return sorted(Counter(overview.shown(c).values_list(name, flat=True)).items())


def synthesis_doc(c: Consultation) -> Doc:
    doc = _new(c, "BÁO CÁO")
    doc.subtitle = f"Tổng hợp, tiếp thu, giải trình ý kiến của Nhân dân về: {nfc(c.title)}"
    doc.p(LAW_BASIS)
    doc.h("1. Nội dung và hình thức lấy ý kiến")
    doc.p(c.summary)
    doc.p("Hình thức: " + "; ".join(CHANNELS[Channel(x)] for x in c.channels) + ".")
    doc.h("2. Kết quả lấy ý kiến")
    _tally(doc, c)
    doc.h("3. Tổng hợp ý kiến")
    doc.p(c.synthesis_summary or BLANK)
    doc.h("4. Tiếp thu, giải trình")
    for i, g in enumerate(c.groups.all(), 1):
        take = TAKE_UPS.get(TakeUp(g.take_up), BLANK) if g.take_up else BLANK
        doc.p(f"{i}. {nfc(g.title)} ({g.opinions.filter(hidden_at__isnull=True).count()} ý kiến): {take}.")
        if g.explanation:
            doc.p(f"Giải trình: {nfc(g.explanation)}")
    doc.h("5. Quyết định")
    if c.outcome:
        doc.p(f"Kết quả: {OUTCOMES[Outcome(c.outcome)]}. {nfc(c.decision_text)}")
        view = rules.majority(overview.stances(c))
        if rules.departs_from_majority(c.outcome, view):
            doc.p("Quyết định khác với ý kiến của đa số; lý do: " + (nfc(c.departure_explanation) or BLANK))
    else:
        doc.p("Chưa có quyết định.")
    doc.signatures = [("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "")]
    return doc


def dossier_doc(c: Consultation) -> Doc:
    doc = _new(c, "TỔNG HỢP Ý KIẾN")
    doc.subtitle = f"Lưu hồ sơ quyết định (Điều 27 Luật Thực hiện dân chủ ở cơ sở): {nfc(c.title)}"
    doc.p(f"Người chịu tác động trực tiếp: {nfc(c.affected_person) or BLANK}.")
    doc.h("1. Ý kiến đã nhận")
    doc.items([
        f"{vn_date(o.given_on)}, {CHANNELS[Channel(o.channel)]}, {nfc(o.author_name) or 'không ghi tên'} "
        f"({STANCES[Stance(o.stance)]}): {nfc(o.body)}"
        for o in overview.shown(c)
    ])  # fmt: skip
    doc.h("2. Tiếp thu, giải trình")
    doc.items([f"{nfc(g.title)}: {TAKE_UPS[TakeUp(g.take_up)] if g.take_up else BLANK}. {nfc(g.explanation)}"
               for g in c.groups.all()])  # fmt: skip
    if c.outcome:
        doc.h("3. Quyết định")
        doc.p(f"{OUTCOMES[Outcome(c.outcome)]}. {nfc(c.decision_text)} {nfc(c.departure_explanation)}".strip())
    doc.signatures = [("NGƯỜI LẬP", "")]
    return doc


def available(c: Consultation, *, public: bool = False) -> list[str]:
    kinds = ["synthesis"] if c.synthesis_published_at else []
    if not public and c.kind == Kind.INDIVIDUAL and c.published_on:
        kinds.append("dossier")
    return kinds


def filename(c: Consultation, kind: str, ext: str) -> str:
    return f"lay-y-kien-{c.pk}-{kind}.{ext}"


def to_docx(doc: Doc) -> bytes:
    out = word.new_docx(f"{doc.title}: {doc.subtitle}")
    word.national_heading(out, doc.unit_lines, doc.place_date)
    word.paragraph(out, "")
    word.paragraph(out, doc.title, bold=True, size=14, align="center")
    word.paragraph(out, doc.subtitle, bold=True, align="center")
    for kind, text in doc.blocks:
        prefix = "- " if kind == "i" else ""
        word.paragraph(out, prefix + text, bold=kind == "h", align=None if kind == "h" else "justify")
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
        pdf.multi_cell(width, 5.5, f"- {text}" if kind == "i" else text, align="L" if kind == "h" else "J",
                       new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    signature_grid(pdf, doc.signatures, width)
    return bytes(pdf.output())


BUILDERS = {"synthesis": synthesis_doc, "dossier": dossier_doc}


def render(c: Consultation, kind: str, ext: str) -> bytes:
    doc = BUILDERS[kind](c)
    return to_docx(doc) if ext == "docx" else to_pdf(doc)
