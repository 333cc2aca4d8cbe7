"""Word documents (python-docx): an A4 page in Times New Roman 13 as Decree 30/2020/NĐ-CP sets them out,
the national heading, paragraphs and the signature table. python-docx is imported when a document is
built, not when the server starts."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone

from .text import BLANK, MOTTO, NATIONAL_NAME, SIGN_HINT


def new_docx(title: str) -> Any:
    """An A4 document (margins 2/2/3/1.5 cm) in Times New Roman 13, titled, with no author."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Times New Roman")
    normal.paragraph_format.space_after = Pt(3)
    props = doc.core_properties
    props.title, props.author, props.comments = title, "", ""
    props.last_modified_by, props.language = "", "vi-VN"
    props.created = props.modified = timezone.now()
    return doc


def paragraph(container: Any, text: str = "", *, bold: bool = False, size: float | None = None,
              align: str | None = None, italic: bool = False) -> Any:  # fmt: skip
    """A paragraph in a document or a table cell; `align` is "center", "justify" or None (left)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = container.add_paragraph()
    if align is not None:
        p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    p.paragraph_format.space_after = Pt(2)
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    return p


def _rule(p: Any, indent_cm: float) -> None:
    """The short line under the unit and the motto: a bottom border narrowed by indents."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    p_pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = Cm(indent_cm)


def national_heading(doc: Any, lines: tuple[str, str], place_line: str) -> None:
    """The issuing unit on the left, the national name and motto with the place and date on the right."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    heading = doc.add_table(rows=1, cols=2)
    heading.alignment = WD_TABLE_ALIGNMENT.CENTER
    heading.autofit = False
    left, right = heading.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].add_run(lines[0]).font.size = Pt(12)
    _rule(paragraph(left, lines[1], bold=True, size=12, align="center"), 1.8)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = right.paragraphs[0].add_run(NATIONAL_NAME)
    run.bold, run.font.size = True, Pt(12)
    _rule(paragraph(right, MOTTO, bold=True, size=13, align="center"), 1.9)
    paragraph(right, "")
    paragraph(right, place_line, italic=True, align="center")


def table(doc: Any, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Any:
    """A grid table with a bold header row."""
    grid = doc.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        for cell, text in zip(grid.add_row().cells, values, strict=True):
            cell.text = text
    return grid


def signature_table(doc: Any, signatures: list[tuple[str, str]]) -> None:
    """(title, name) pairs two by two: the title, "(Ký, ghi rõ họ tên)", room to sign, the name or a blank."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    grid = doc.add_table(rows=(len(signatures) + 1) // 2, cols=2)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, (role, name) in enumerate(signatures):
        cell = grid.rows[i // 2].cells[i % 2]
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].add_run(role).bold = True
        paragraph(cell, SIGN_HINT, italic=True, size=11, align="center")
        for _ in range(3):
            paragraph(cell, "")
        paragraph(cell, name or BLANK, bold=True, align="center")
        paragraph(cell, "")


def to_bytes(doc: Any) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
