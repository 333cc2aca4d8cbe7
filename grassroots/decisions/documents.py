"""The documents of a community matter, built from the database alone (no request objects).

- The decision record (Law Art 20(2); D59 Form 03) as DOCX (python-docx) and as PDF (fpdf2).
- The household ballot slips (Law Art 19(3); D59 Art 4(5)): one A5 page per current household.
- The context of the printable Form 01 notice and Form 02/04 count-minutes pages
  (templates/decisions/print/).

The text is Vietnamese on purpose: these are official Vietnamese documents, not interface strings, so
they are not in the gettext catalogs. The PDFs embed DejaVu Sans (Debian's fonts-dejavu-core, checked by
scripts/system-deps.sh), which has every Vietnamese letter; text is NFC-normalized before it is drawn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from grassroots.core.official import word
from grassroots.core.official.pdf import A4, A5, Writer, national_heading, new_pdf, set_text, signature_grid
from grassroots.core.official.qr import qr_png
from grassroots.core.official.text import (
    BLANK,
    MOTTO,
    NATIONAL_NAME,
    SIGN_HINT,
    nfc,
    place_date,
    vn_date,
    vn_datetime,
    vn_percent,
)
from grassroots.people.models import HouseholdLocation, Representation
from grassroots.territory.models import Unit, UnitKind

from . import rules
from .models import Attendance, Ballot, Choice, Form, Matter, Meeting, Participation, Scope, TeamMember

# TODO(law): the exact title of Form 03 in the annex of Decree 59/2023/NĐ-CP must be checked against
# the official text; until then a neutral title that covers every form Art 20(1) allows (resolution,
# minutes, memorandum or agreement) is used.
RECORD_TITLE = "VĂN BẢN QUYẾT ĐỊNH CỦA CỘNG ĐỒNG DÂN CƯ"
SLIP_TITLE = "PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH"
LAW = "Luật Thực hiện dân chủ ở cơ sở"

# Law Art 15(1)–(6), the matters residents discuss and decide.
ITEM_LABELS = {
    1: "Chủ trương và mức đóng góp xây dựng, sửa chữa, cải tạo, nâng cấp công trình công cộng, cơ sở hạ tầng "
    "do Nhân dân đóng góp toàn bộ hoặc một phần kinh phí, tài sản, công sức",
    2: "Việc thu, chi, quản lý các khoản đóng góp của Nhân dân; việc quản lý, sử dụng các khoản kinh phí, tài sản "
    "do cộng đồng dân cư được giao quản lý hoặc được tài trợ, ủng hộ hợp pháp",
    3: "Nội dung hương ước, quy ước của cộng đồng dân cư",
    4: "Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố",
    5: "Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
    6: "Các công việc tự quản khác trong nội bộ cộng đồng dân cư",
}
# Law Art 17(1)(a)–(c).
FORM_LABELS = {
    Form.MEETING: "Họp cộng đồng dân cư (điểm a khoản 1 Điều 17)",
    Form.BALLOT: "Phát phiếu lấy ý kiến của từng hộ gia đình (điểm b khoản 1 Điều 17)",
    Form.ONLINE: "Biểu quyết trực tuyến (điểm c khoản 1 Điều 17)",
}
METHOD_LABELS = {Meeting.Method.HANDS: "biểu quyết bằng hình thức giơ tay", Meeting.Method.SECRET: "bỏ phiếu kín"}
CHOICE_LABELS = {
    Choice.AGREE: "Tán thành",
    Choice.DISAGREE: "Không tán thành",
    Choice.OTHER: "Ý kiến khác",
}
SIGNATORY_KEYS = ("village_head", "front_head", "representative_1", "representative_2")
MAX_OTHER_OPINIONS = 100
VILLAGE_TABLE_HEADER = ("Thôn, tổ dân phố", "Số hộ", "Tán thành", "Không tán thành", "Ý kiến khác", "Kết quả")
# Prefixes of commune-level names dropped in the place line ("Xã Quảng Phú" -> "Quảng Phú, ngày …").
PLACE_PREFIXES = ("Đặc khu ", "Thị trấn ", "Phường ", "Xã ")


# --- Facts shared by every document -----------------------------------------------------------
def commune_of(matter: Matter) -> Unit:
    return matter.unit if matter.scope == Scope.COMMUNE or matter.unit.parent is None else matter.unit.parent


def unit_lines(matter: Matter) -> tuple[str, str]:
    """The issuing unit, top left: the commune above the village, or the People's Committee of the commune."""
    if matter.scope == Scope.COMMUNE:
        return "ỦY BAN NHÂN DÂN", nfc(matter.unit.name).upper()
    parent = matter.unit.parent
    return (nfc(parent.name).upper() if parent else ""), nfc(matter.unit.name).upper()


def place_name(matter: Matter) -> str:
    name = nfc(commune_of(matter).name)
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def village_head_title(matter: Matter) -> str:
    if matter.scope == Scope.COMMUNE:
        return "Trưởng thôn/Tổ trưởng tổ dân phố"
    return "Tổ trưởng tổ dân phố" if matter.unit.kind == UnitKind.RESIDENTIAL_GROUP else "Trưởng thôn"


def community_name(matter: Matter) -> str:
    """ "thôn Thôn A1" reads badly: the unit's own name says what it is."""
    return nfc(matter.unit.name)


def signatory_name(matter: Matter, key: str) -> str:
    value = (matter.signatories or {}).get(key, "")
    if isinstance(value, dict):
        value = value.get("name", "")
    return nfc(value).strip()


def record_day(matter: Matter) -> dt.date:
    return timezone.localdate(matter.closed_at) if matter.closed_at else timezone.localdate()


def households_without_representative(matter: Matter, day: dt.date) -> int:
    """Households of the matter's village(s) on the day with no representative on that day (Art 20(2)(b))."""
    represented = Representation.objects.on(day).values("household_id")
    return (
        HouseholdLocation.objects.on(day)
        .filter(unit__path__startswith=matter.unit.path)
        .exclude(household_id__in=represented)
        .count()
    )


def households_present(matter: Matter) -> int:
    """At a meeting, the households whose representative attended; otherwise those who took part."""
    if matter.form == Form.MEETING:
        return (
            Attendance.objects.filter(meeting__matter=matter, meeting__round=matter.round)
            .values("household_id")
            .distinct()
            .count()
        )
    if matter.result and matter.result.get("participants") is not None:
        return int(matter.result["participants"])
    return Participation.objects.filter(matter=matter, round=matter.round).count()


def current_meeting(matter: Matter) -> Meeting | None:
    return matter.meetings.order_by("-round", "-starts_at").first()


@dataclass(frozen=True)
class VillageRow:
    name: str
    households: int
    agree: int
    disagree: int
    other: int
    adopted: bool | None

    @property
    def agree_percent(self) -> str:
        return vn_percent(self.agree, self.households)

    @property
    def disagree_percent(self) -> str:
        return vn_percent(self.disagree, self.households)

    @property
    def other_percent(self) -> str:
        return vn_percent(self.other, self.households)


def village_rows(matter: Matter) -> list[VillageRow]:
    result = matter.result or {}
    names = {u.code: nfc(u.name) for u in Unit.objects.filter(code__in=[v["unit"] for v in result.get("villages", [])])}
    return [
        VillageRow(
            names.get(v["unit"], v["unit"]), v["households"], v["agree"], v["disagree"], v["other"], v.get("adopted")
        )
        for v in result.get("villages", [])
    ]


def threshold_text(matter: Matter) -> str:
    if matter.item in rules.TWO_THIRDS_ITEMS:
        if matter.scope == Scope.COMMUNE:
            return "ít nhất 2/3 tổng số thôn, tổ dân phố trên địa bàn xã tán thành (khoản 1 Điều 21)"
        return "ít nhất 2/3 tổng số đại diện hộ gia đình tán thành (khoản 1 Điều 21)"
    return "trên 50% tổng số đại diện hộ gia đình tán thành (khoản 1 Điều 21)"


def other_opinions(matter: Matter) -> list[str]:
    """The written other opinions, in token order (random): nothing links them to a household."""
    comments = (
        Ballot.objects.filter(matter=matter, round=matter.round)
        .exclude(comment="")
        .order_by("token")
        .values_list("comment", flat=True)[:MAX_OTHER_OPINIONS]
    )
    return [nfc(c).strip() for c in comments]


@dataclass(frozen=True)
class RecordFacts:
    """Every field of Law Art 20(2) (a)–(g), in the words printed on the record."""

    unit_lines: tuple[str, str]
    place_date: str
    day: dt.date  # (a)
    households: int  # (b) H
    present: int  # (b)
    present_label: str
    unrepresented: int  # (b)
    item_label: str  # (c)
    title: str
    question: str
    form_label: str  # (d)
    form_details: list[str]
    villages: list[VillageRow]  # (e)
    agree: int
    disagree: int
    other: int
    total: int
    adopted: bool | None
    conclusion: str
    threshold: str
    opinions: list[str]
    decision: str  # (f)
    signatures: list[tuple[str, str]] = field(default_factory=list)  # (g) (role, name)
    commune_wide: bool = False


def record_facts(matter: Matter) -> RecordFacts:
    day = record_day(matter)
    result = matter.result or {}
    form = matter.form or Form.MEETING
    details: list[str] = []
    meeting = current_meeting(matter) if form == Form.MEETING else None
    if meeting is not None:
        details.append(f"Thời gian họp: {vn_datetime(meeting.starts_at)}; địa điểm: {nfc(meeting.place)}.")
        if meeting.method:
            details.append(f"Cách biểu quyết: {METHOD_LABELS.get(meeting.method, meeting.method)}.")
    elif form in (Form.BALLOT, Form.ONLINE):
        if matter.opened_at:
            details.append(f"Bắt đầu: {vn_datetime(matter.opened_at)}.")
        end = matter.closed_at or matter.closes_at
        if end:
            details.append(f"Kết thúc: {vn_datetime(end)}.")
    present_label = {
        Form.MEETING: "Số đại diện hộ gia đình có mặt",
        Form.BALLOT: "Số đại diện hộ gia đình tham gia (số phiếu thu về)",
        Form.ONLINE: "Số đại diện hộ gia đình tham gia biểu quyết trực tuyến",
    }[Form(form)]
    households = matter.household_count if matter.household_count is not None else int(result.get("households") or 0)
    if matter.adopted is None:
        conclusion = "Chưa có kết quả."
    elif matter.adopted:
        conclusion = "Nội dung ĐƯỢC THÔNG QUA."
    else:
        conclusion = "Nội dung KHÔNG ĐƯỢC THÔNG QUA."
    head = village_head_title(matter)
    return RecordFacts(
        unit_lines=unit_lines(matter),
        place_date=place_date(place_name(matter), day),
        day=day,
        households=households,
        present=households_present(matter),
        present_label=present_label,
        unrepresented=households_without_representative(matter, day),
        item_label=f"Khoản {matter.item} Điều 15 {LAW}: {ITEM_LABELS[matter.item]}",
        title=nfc(matter.title),
        question=nfc(matter.question),
        form_label=FORM_LABELS[Form(form)],
        form_details=details,
        villages=village_rows(matter),
        agree=int(result.get("agree") or 0),
        disagree=int(result.get("disagree") or 0),
        other=int(result.get("other") or 0),
        total=int(result.get("total") or 0),
        adopted=matter.adopted,
        conclusion=conclusion,
        threshold=threshold_text(matter),
        opinions=other_opinions(matter),
        decision=nfc(matter.decision_text).strip(),
        signatures=[
            (head.upper(), signatory_name(matter, "village_head")),
            ("TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", signatory_name(matter, "front_head")),
            ("ĐẠI DIỆN HỘ GIA ĐÌNH", signatory_name(matter, "representative_1")),
            ("ĐẠI DIỆN HỘ GIA ĐÌNH", signatory_name(matter, "representative_2")),
        ],
        commune_wide=matter.scope == Scope.COMMUNE,
    )


def record_sections(f: RecordFacts) -> list[tuple[str, list[str]]]:
    """The body of the record as (heading, paragraphs), the same in DOCX and PDF."""
    result = [
        f"Tán thành: {f.agree}/{f.households} hộ ({vn_percent(f.agree, f.households)} tổng số hộ gia đình).",
        f"Không tán thành: {f.disagree}/{f.households} hộ ({vn_percent(f.disagree, f.households)}).",
        f"Ý kiến khác: {f.other}/{f.households} hộ ({vn_percent(f.other, f.households)}).",
    ]
    if f.commune_wide:
        approving = sum(1 for v in f.villages if v.adopted)
        result.append(f"Số thôn, tổ dân phố tán thành: {approving}/{len(f.villages)}.")
    result += [
        f"Điều kiện thông qua: {f.threshold}.",
        f"Kết luận: {f.conclusion}",
    ]
    if f.opinions:
        result.append("Các ý kiến khác: " + "; ".join(f"«{o}»" for o in f.opinions))
    return [
        ("1. Thời gian", [f"Văn bản được lập {vn_date(f.day)}."]),
        (
            "2. Số hộ gia đình",
            [
                f"Tổng số hộ gia đình: {f.households} hộ.",
                f"{f.present_label}: {f.present} hộ.",
                f"Số hộ gia đình không có người đại diện: {f.unrepresented} hộ.",
            ],
        ),
        ("3. Nội dung bàn và quyết định", [f.item_label + ".", f"Vấn đề: {f.title}.", f"Câu hỏi: {f.question}"]),
        ("4. Hình thức quyết định", [f.form_label + ".", *f.form_details]),
        ("5. Kết quả biểu quyết", result),
        ("6. Quyết định của cộng đồng dân cư", (f.decision or BLANK * 3).splitlines() or [BLANK]),
    ]


# --- DOCX -------------------------------------------------------------------------------------
def decision_record_docx(matter: Matter) -> bytes:
    f = record_facts(matter)
    doc = word.new_docx(f"{RECORD_TITLE}: {f.title}")
    word.national_heading(doc, f.unit_lines, f.place_date)
    word.paragraph(doc, "")
    word.paragraph(doc, RECORD_TITLE, bold=True, size=14, align="center")
    word.paragraph(doc, f"Về việc: {f.title}", bold=True, align="center")
    word.paragraph(doc, f"Căn cứ {LAW} số 10/2022/QH15 và Nghị định số 59/2023/NĐ-CP của Chính phủ;", italic=True)
    for title, lines in record_sections(f):
        word.paragraph(doc, title, bold=True)
        for line in lines:
            word.paragraph(doc, line, align="justify")
        if title.startswith("5.") and f.commune_wide:
            word.table(doc, VILLAGE_TABLE_HEADER, [row.cells() for row in f.villages])
    word.paragraph(doc, "")
    word.signature_table(doc, f.signatures)
    return word.to_bytes(doc)


# --- PDF --------------------------------------------------------------------------------------
def decision_record_pdf(matter: Matter) -> bytes:
    f = record_facts(matter)
    pdf = new_pdf(A4, f"{RECORD_TITLE}: {f.title}")
    pdf.set_margins(left=25, top=15, right=15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    y = national_heading(Writer(pdf), f.unit_lines, f.place_date, x=pdf.l_margin, width=width, split=68)
    pdf.set_xy(pdf.l_margin, y + 2)
    set_text(pdf, 13, bold=True)
    pdf.multi_cell(width, 6.5, RECORD_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    set_text(pdf, 11.5, bold=True)
    pdf.multi_cell(width, 6, f"Về việc: {f.title}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    set_text(pdf, 10.5)
    pdf.multi_cell(width, 5.5, f"Căn cứ {LAW} số 10/2022/QH15 và Nghị định số 59/2023/NĐ-CP của Chính phủ;",
                   new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    for title, lines in record_sections(f):
        pdf.ln(1.5)
        set_text(pdf, 11, bold=True)
        pdf.multi_cell(width, 6, title, new_x="LMARGIN", new_y="NEXT")
        set_text(pdf, 10.5)
        for line in lines:
            pdf.multi_cell(width, 5.5, line, align="J", new_x="LMARGIN", new_y="NEXT")
        if title.startswith("5.") and f.commune_wide:
            pdf.ln(1)
            set_text(pdf, 9)
            with pdf.table(col_widths=(38, 16, 29, 29, 29, 22), line_height=5, text_align="CENTER") as table:
                table.row(VILLAGE_TABLE_HEADER)
                for row in f.villages:
                    table.row(row.cells())
    signature_grid(pdf, f.signatures, width)
    return bytes(pdf.output())


# --- Household ballot slips -------------------------------------------------------------------
@dataclass(frozen=True)
class Slip:
    code: str
    address: str
    village: str


def slip_households(matter: Matter, day: dt.date | None = None) -> list[Slip]:
    """One slip per household whose location covers the day (today) under the matter's unit."""
    day = day or timezone.localdate()
    rows = (
        HouseholdLocation.objects.on(day)
        .filter(unit__path__startswith=matter.unit.path, household__dissolved_on__isnull=True)
        .order_by("unit__code", "household__code")
        .values_list("household__code", "address", "unit__name")
    )
    return [Slip(nfc(code), nfc(address), nfc(village)) for code, address, village in rows]


QUESTION_BOX = 34  # mm of an A5 slip for the question
SLIP_INSTRUCTIONS = (
    "Hướng dẫn: đánh dấu X vào MỘT ô tương ứng với ý kiến của hộ gia đình. "
    "Nếu chọn «Ý kiến khác», ghi rõ ý kiến vào phần dưới đây."
)
SLIP_FOOTER = "Mỗi hộ gia đình một phiếu. Tổ phát phiếu phát và thu lại phiếu tại hộ gia đình."


def return_deadline(matter: Matter) -> str:
    if matter.closes_at:
        return f"trước {vn_datetime(matter.closes_at)}"
    return "……… giờ ………, ngày ……… tháng ……… năm …………"


def ballot_slips_pdf(matter: Matter, slips: list[Slip] | None = None) -> bytes:
    """One A5 slip per current household: Law Art 19(3); D59 Art 4(5) (title, question, choices with
    instructions, space for other opinions, return deadline; the UBND seal upper left for commune-wide
    matters, the village head's signature lower right for village matters). Only the household code and
    address identify the household: no names, no ID numbers."""
    if slips is None:
        slips = slip_households(matter)
    title = nfc(matter.title)
    pdf = new_pdf(A5, f"{SLIP_TITLE}: {title}")
    pdf.set_margins(left=10, top=8, right=10)
    pdf.set_auto_page_break(False)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    layout = _SlipLayout(
        out=Writer(pdf),
        width=width,
        lines=unit_lines(matter),
        title=title,
        question=nfc(matter.question),
        deadline=return_deadline(matter),
        head=village_head_title(matter).upper(),
        commune_wide=matter.scope == Scope.COMMUNE,
    )
    for slip in slips:
        pdf.add_page()
        if layout.question_size is None:
            layout.fit_question()
        layout.draw(slip)
    return bytes(pdf.output())


@dataclass
class _SlipLayout:
    out: Writer
    width: float
    lines: tuple[str, str]
    title: str
    question: str
    deadline: str
    head: str
    commune_wide: bool
    question_size: float | None = None

    def fit_question(self) -> None:
        """The same question on every slip: the largest size (10.5 to 7 pt) whose text fits its box."""
        pdf, size = self.out.pdf, 10.5
        while True:
            set_text(pdf, size)
            height = pdf.multi_cell(self.width, size * 0.5, self.question, dry_run=True, output="HEIGHT")
            if height <= QUESTION_BOX or size <= 7:
                break
            size -= 0.5
        self.question_size = size

    def draw(self, slip: Slip) -> None:
        out, pdf, width = self.out, self.out.pdf, self.width
        x0 = pdf.l_margin
        pdf.set_y(pdf.t_margin + (4 if self.commune_wide else 0))
        y = national_heading(out, self.lines, None, x=x0, width=width, split=52, scale=0.78)
        if self.commune_wide:
            # The UBND seal is stamped over the upper left corner (dấu treo, D59 Art 4(5)).
            pdf.set_draw_color(120)
            pdf.set_dash_pattern(dash=1, gap=1)
            pdf.rect(x0 - 2, pdf.t_margin - 2, 56, y - pdf.t_margin + 4)
            pdf.set_dash_pattern()
            pdf.set_draw_color(0)
            pdf.set_text_color(110)
            set_text(pdf, 7)
            pdf.set_xy(x0, y - 3)
            pdf.cell(52, 4, "(Dấu UBND xã)", align="C")
            pdf.set_text_color(0)
            y += 3
        pdf.set_xy(x0, y)
        out.block(width, 6, SLIP_TITLE, size=12.5, bold=True, align="C")
        out.block(width, 4.6, f"Về việc: {self.title}", size=9.5, bold=True, align="C")
        # The household: its code (printed and as a QR code) and address.
        top = pdf.get_y() + 2
        qr = 20
        pdf.image(qr_png(slip.code), x=x0 + width - qr, y=top, w=qr, h=qr)
        pdf.set_xy(x0, top + 1)
        set_text(pdf, 11, bold=True)
        pdf.cell(width - qr - 2, 5.5, f"Mã hộ: {slip.code}", new_x="LMARGIN", new_y="NEXT")
        set_text(pdf, 8.5)
        if self.commune_wide:
            pdf.cell(width - qr - 2, 4.5, slip.village, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(width - qr - 2, 4.2, f"Địa chỉ: {slip.address}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_xy(x0, max(pdf.get_y(), top + qr) + 2)
        # The question, the instructions and the three choices with their boxes.
        out.block(width, 5, "Câu hỏi:", size=10, bold=True)
        size = self.question_size or 10.5
        out.block(width, size * 0.5, self.question, size=size)
        pdf.ln(1.5)
        out.block(width, 4, SLIP_INSTRUCTIONS, size=8.5)
        pdf.ln(1.5)
        set_text(pdf, 11)
        for label in CHOICE_LABELS.values():
            y = pdf.get_y()
            pdf.rect(x0 + 4, y + 0.5, 5, 5)
            pdf.set_xy(x0 + 12, y)
            pdf.cell(width - 12, 6, label, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        out.block(width, 5, "Ý kiến khác (nếu có):", size=9.5, bold=True)
        pdf.set_draw_color(130)
        pdf.set_dash_pattern(dash=0.4, gap=0.8)
        bottom = pdf.h - 40
        y = pdf.get_y() + 6
        while y < bottom - 10:
            pdf.line(x0, y, x0 + width, y)
            y += 6.5
        pdf.set_dash_pattern()
        pdf.set_draw_color(0)
        pdf.set_xy(x0, bottom - 6)
        out.block(width, 4.5, f"Hạn nộp phiếu: {self.deadline}.", size=9, bold=True)
        out.block(width * 0.5, 3.6, SLIP_FOOTER, size=7.5)
        if not self.commune_wide:
            # The village head signs each slip at the lower right (D59 Art 4(5)).
            sig_w = 58
            sx = x0 + width - sig_w
            pdf.set_xy(sx, bottom + 2)
            out.block(sig_w, 4.5, self.head, size=9, bold=True, align="C")
            out.block(sig_w, 4, SIGN_HINT, size=7.5, align="C")
            pdf.set_draw_color(150)
            pdf.set_dash_pattern(dash=1, gap=1)
            pdf.rect(sx, bottom + 1, sig_w, pdf.h - bottom - 8)
            pdf.set_dash_pattern()
            pdf.set_draw_color(0)


# --- Printable pages: Form 01 notice, Form 02/04 count minutes ------------------------------------
def _common(matter: Matter, day: dt.date | None) -> dict[str, Any]:
    lines = unit_lines(matter)
    return {
        "matter": matter,
        "unit_line_1": lines[0],
        "unit_line_2": lines[1],
        "national_name": NATIONAL_NAME,
        "motto": MOTTO,
        "place_date": place_date(place_name(matter), day),
        "item_label": f"Khoản {matter.item} Điều 15 {LAW}: {ITEM_LABELS[matter.item]}",
        "head_title": village_head_title(matter),
        "community": community_name(matter),
        "blank": BLANK,
    }


def notice_context(matter: Matter) -> dict[str, Any]:
    """Form 01 (D59 Art 3(3)): the notice of a community meeting: time, place, content, who attends,
    signed by the convenor (the village head)."""
    meeting = current_meeting(matter)
    day = meeting.notice_sent_on if meeting and meeting.notice_sent_on else None
    return {
        **_common(matter, day),
        "meeting": meeting,
        "starts": vn_datetime(meeting.starts_at) if meeting else None,
        "documents_required": rules.documents_required(matter.rule_item),
        "documents_on": vn_date(meeting.documents_delivered_on) if meeting and meeting.documents_delivered_on else None,
        "convenor": signatory_name(matter, "village_head"),
    }


def count_minutes_context(matter: Matter) -> dict[str, Any]:
    """Form 02 (a secret ballot at the meeting, D59 Art 3(5)(c)) or Form 04 (household ballots, D59
    Art 4(6)): who counted, the 2 witnesses, the counts and the time; made in 3 copies."""
    ballots = matter.form == Form.BALLOT
    team = TeamMember.Team.BALLOT_TEAM if ballots else TeamMember.Team.COUNTING_COMMITTEE
    members = list(matter.team.filter(team=team).order_by("-is_lead", "pk"))
    witnesses = list(matter.team.filter(team=TeamMember.Team.WITNESS).order_by("pk"))
    meeting = None if ballots else current_meeting(matter)
    result = matter.result or {}
    households = matter.household_count if matter.household_count is not None else result.get("households")
    counted = bool(result)
    present = households_present(matter) if counted or meeting else None
    counts = [(label, result.get(choice)) for choice, label in CHOICE_LABELS.items()] if counted else []
    return {
        **_common(matter, timezone.localdate(matter.closed_at) if matter.closed_at else None),
        "form_number": "04" if ballots else "02",
        "title": "BIÊN BẢN KIỂM PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH" if ballots else "BIÊN BẢN KIỂM PHIẾU",
        "team_name": "Tổ phát phiếu" if ballots else "Ban kiểm phiếu",
        "lead_title": "Tổ trưởng" if ballots else "Trưởng ban",
        "members": members,
        "witnesses": witnesses,
        "meeting": meeting,
        "place": meeting.place if meeting else None,
        "counted_at": vn_datetime(matter.closed_at) if matter.closed_at else None,
        "households": households,
        "issued": households if ballots else present,
        "returned": result.get("participants") if counted else None,
        "valid": result.get("total") if counted else None,
        "counts": [(label, n, vn_percent(n, households or 0)) for label, n in counts],
        "villages": village_rows(matter) if matter.scope == Scope.COMMUNE else [],
        "adopted": matter.adopted,
        "conclusion": None
        if matter.adopted is None
        else ("được thông qua" if matter.adopted else "không được thông qua"),
        "threshold": threshold_text(matter),
    }
