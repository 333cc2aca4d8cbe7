"""The household ballot slips (Law Art 19(3); D59 Art 4(5)): one A5 page per current household."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from grassroots.core.official.pdf import A5, Writer, national_heading, new_pdf, set_text
from grassroots.core.official.qr import qr_png
from grassroots.core.official.text import SIGN_HINT, nfc, vn_datetime
from grassroots.people.keeping import counted_households
from grassroots.people.models import HouseholdLocation

from ..models import Matter, Scope
from .facts import CHOICE_LABELS, SLIP_TITLE, unit_lines, village_head_title


# --- Household ballot slips -------------------------------------------------------------------
@dataclass(frozen=True)
class Slip:
    code: str
    address: str
    village: str


def slip_households(matter: Matter, day: dt.date | None = None) -> list[Slip]:
    """One slip per household whose location covers the day (today) under the matter's unit."""
    day = day or timezone.localdate()
    locations = HouseholdLocation.objects.on(day).filter(
        unit__path__startswith=matter.unit.path, household__dissolved_on__isnull=True
    )
    if matter.opened_at is not None:
        # Only the households counted in H when the vote opened (law.md 10.A.2; people.keeping).
        opened = counted_households(matter.unit.path, timezone.localdate(matter.opened_at))
        locations = locations.filter(Exists(opened.filter(household=OuterRef("household"))))
    rows = locations.order_by("unit__code", "household__code").values_list("household__code", "address", "unit__name")
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
