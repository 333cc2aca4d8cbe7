"""PDF documents (fpdf2) with the embedded DejaVu Sans, which has every Vietnamese letter (Debian's
fonts-dejavu-core, checked by scripts/system-deps.sh). Callers NFC-normalize their text (`text.nfc`)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .text import BLANK, MOTTO, NATIONAL_NAME, SIGN_HINT

# fontTools reports every step of subsetting the embedded font at INFO: not for the server log.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_FAMILY = "DejaVu"
A4 = (210, 297)
A5 = (148, 210)


def font_paths() -> tuple[Path, Path]:
    font_dir = Path(getattr(settings, "DOCUMENT_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))
    regular, bold = font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf"
    for path in (regular, bold):
        if not path.is_file():
            raise ImproperlyConfigured(
                f"The PDF font {path} is missing: install Debian's fonts-dejavu-core (scripts/system-deps.sh)."
            )
    return regular, bold


def new_pdf(page_format: tuple[float, float] | str, title: str, *, orientation: str = "P") -> Any:
    """An empty document in millimetres with the fonts added, its title set and Vietnamese as its language."""
    from fpdf import FPDF

    pdf = FPDF(orientation=orientation, unit="mm", format=page_format)
    regular, bold = font_paths()
    pdf.add_font(FONT_FAMILY, "", str(regular))
    pdf.add_font(FONT_FAMILY, "B", str(bold))
    pdf.set_title(title)
    pdf.set_creator("Grassroots")
    pdf.set_lang("vi")
    return pdf


def set_text(pdf: Any, size: float, bold: bool = False) -> None:
    pdf.set_font(FONT_FAMILY, "B" if bold else "", size)


class Writer:
    """Writes wrapped text line by line, wrapping each (text, font, width) only once: ballot slips repeat
    the same paragraphs hundreds of times, and fpdf2's line breaking is what takes the time."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self._lines: dict[tuple[float, float, bool, str], list[str]] = {}

    def block(self, w: float, h: float, text: str, *, size: float, bold: bool = False, align: str = "L") -> None:
        """Leaves x where it was and y under the text."""
        pdf = self.pdf
        set_text(pdf, size, bold)
        key = (w, size, bold, text)
        lines = self._lines.get(key)
        if lines is None:
            lines = self._lines[key] = list(pdf.multi_cell(w, h, text, dry_run=True, output="LINES")) or [""]
        x = pdf.get_x()
        for line in lines:
            pdf.set_x(x)
            pdf.cell(w, h, line, align=align, new_x="LEFT", new_y="NEXT")


def national_heading(out: Writer, lines: tuple[str, str], place_line: str | None, *, x: float, width: float,
                     split: float, scale: float = 1.0) -> float:  # fmt: skip
    """The issuing unit on the left (two lines, a short rule under it), the national name and motto (with
    the rule under the motto) on the right, and the place and date under them. Returns the y below it."""
    pdf = out.pdf
    top = pdf.get_y()
    left_w, right_w = split, width - split
    line_h = 5 * scale
    pdf.set_xy(x, top)
    out.block(left_w, line_h, lines[0], size=10.5 * scale, align="C")
    out.block(left_w, line_h, lines[1], size=10.5 * scale, bold=True, align="C")
    rule_w = min(pdf.get_string_width(lines[1]) * 0.5, left_w * 0.5) or left_w * 0.3
    y_left = pdf.get_y() + 0.8
    pdf.line(x + (left_w - rule_w) / 2, y_left, x + (left_w + rule_w) / 2, y_left)
    pdf.set_xy(x + left_w, top)
    out.block(right_w, line_h, NATIONAL_NAME, size=10.5 * scale, bold=True, align="C")
    out.block(right_w, line_h, MOTTO, size=11 * scale, bold=True, align="C")
    motto_w = pdf.get_string_width(MOTTO)
    y_right = pdf.get_y() + 0.8
    pdf.line(x + left_w + (right_w - motto_w) / 2, y_right, x + left_w + (right_w + motto_w) / 2, y_right)
    if place_line:
        pdf.set_xy(x + left_w, y_right + 3 * scale)
        out.block(right_w, line_h, place_line, size=10 * scale, align="C")
        y_right = pdf.get_y()
    return float(max(y_left, y_right) + 4 * scale)


def signature_grid(pdf: Any, signatures: list[tuple[str, str]], width: float) -> None:
    """(title, name) pairs two by two: the title, "(Ký, ghi rõ họ tên)", room to sign, the name or a blank."""
    block_h = 32
    col_w = width / 2
    for i in range(0, len(signatures), 2):
        if pdf.get_y() + block_h > pdf.page_break_trigger:
            pdf.add_page()
        top = pdf.get_y() + 4
        for j, (role, name) in enumerate(signatures[i : i + 2]):
            x = pdf.l_margin + j * col_w
            pdf.set_xy(x, top)
            set_text(pdf, 10.5, bold=True)
            pdf.multi_cell(col_w, 5.5, role, align="C", new_x="LEFT", new_y="NEXT")
            set_text(pdf, 9)
            pdf.multi_cell(col_w, 5, SIGN_HINT, align="C", new_x="LEFT", new_y="NEXT")
            pdf.set_xy(x, top + block_h - 10)
            set_text(pdf, 10.5, bold=True)
            pdf.multi_cell(col_w, 5.5, name or BLANK, align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_xy(pdf.l_margin, top + block_h)
