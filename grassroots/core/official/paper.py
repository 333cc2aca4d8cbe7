"""An official paper written once as blocks and drawn the same way to DOCX and to PDF.

Every paper a commune, a village or a board issues has the same frame: the national heading with the
issuing unit's two lines and the place-and-date line, a title (QUYẾT ĐỊNH, BIÊN BẢN, THÔNG BÁO …) and
its subject, then the body, then the signatures. The body is a list of blocks:

- `basis(text)`: a legal basis line ("Căn cứ …"), in italics in DOCX;
- `heading(text)`: a section heading, bold;
- `paragraph(text, bold=False)`: justified text;
- `item(text)` / `items(texts, empty=…)`: a dash item ("- …"), or the `empty` line when there are none;
- `table(header, rows)`: a table.

`Paper(title, subject, unit_lines, place_date, sections, signatures, table=…, basis=…)` also takes whole
sections (a heading and its paragraphs) and a closing table, so a builder that knows its content up front
writes it as one expression. `render(paper, "docx" | "pdf")` draws it; `core.downloads.paper_response`
serves it. Text is NFC-normalized as it is added.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import InitVar, dataclass, field
from typing import Any

from . import word
from .pdf import A4, Writer, national_heading, new_pdf, set_text, signature_grid
from .text import nfc

Row = Sequence[str]
EXTENSIONS = ("docx", "pdf")


@dataclass
class Paper:
    title: str
    subject: str
    unit_lines: tuple[str, str]
    place_date: str
    sections: InitVar[Iterable[tuple[str, Iterable[str]]]] = ()
    signatures: list[tuple[str, str]] = field(default_factory=list)
    table: InitVar[tuple[Row, Sequence[Row]] | None] = None
    basis: InitVar[Iterable[str]] = ()
    blocks: list[tuple[str, Any]] = field(default_factory=list)

    def __post_init__(
        self,
        sections: Iterable[tuple[str, Iterable[str]]],
        table: tuple[Row, Sequence[Row]] | None,
        basis: Iterable[str],
    ) -> None:
        self.subject = nfc(self.subject)
        for line in basis:
            self.add_basis(line)
        for title, lines in sections:
            self.heading(title)
            for line in lines:
                self.paragraph(line)
        if table is not None:
            self.add_table(*table)

    def add_basis(self, text: str) -> None:
        self.blocks.append(("basis", nfc(text)))

    def heading(self, text: str) -> None:
        self.blocks.append(("h", nfc(text)))

    def paragraph(self, text: str, *, bold: bool = False) -> None:
        self.blocks.append(("b" if bold else "p", nfc(text)))

    def item(self, text: str) -> None:
        self.blocks.append(("i", nfc(text)))

    def items(self, texts: Iterable[str], empty: str = "Không có.") -> None:
        texts = list(texts)
        for text in texts or [empty]:
            self.item(text)

    def add_table(self, header: Row, rows: Sequence[Row]) -> None:
        self.blocks.append(("table", (tuple(nfc(c) for c in header), [tuple(nfc(c) for c in r) for r in rows])))

    def text(self) -> str:
        """Every line of the paper's body, for tests and search."""
        lines: list[str] = [self.title, self.subject]
        for kind, value in self.blocks:
            if kind == "table":
                lines += [" | ".join(row) for row in [value[0], *value[1]]]
            else:
                lines.append(value)
        return "\n".join(lines)


def to_docx(paper: Paper) -> bytes:
    doc = word.new_docx(f"{paper.title}: {paper.subject}")
    word.national_heading(doc, paper.unit_lines, paper.place_date)
    word.paragraph(doc, "")
    word.paragraph(doc, paper.title, bold=True, size=14, align="center")
    word.paragraph(doc, paper.subject, bold=True, align="center")
    for kind, value in paper.blocks:
        if kind == "basis":
            word.paragraph(doc, value, italic=True)
        elif kind == "h":
            word.paragraph(doc, value, bold=True)
        elif kind == "i":
            word.paragraph(doc, f"- {value}", align="justify")
        elif kind == "table":
            word.table(doc, value[0], value[1])
        else:
            word.paragraph(doc, value, bold=kind == "b", align="justify")
    if paper.signatures:
        word.paragraph(doc, "")
        word.signature_table(doc, paper.signatures)
    return word.to_bytes(doc)


def to_pdf(paper: Paper) -> bytes:
    pdf = new_pdf(A4, f"{paper.title}: {paper.subject}")
    pdf.set_margins(left=25, top=15, right=15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    y = national_heading(Writer(pdf), paper.unit_lines, paper.place_date, x=pdf.l_margin, width=width, split=68)
    pdf.set_xy(pdf.l_margin, y + 2)
    set_text(pdf, 13, bold=True)
    pdf.multi_cell(width, 6.5, paper.title, align="C", new_x="LMARGIN", new_y="NEXT")
    set_text(pdf, 11.5, bold=True)
    pdf.multi_cell(width, 6, paper.subject, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for kind, value in paper.blocks:
        if kind == "h":
            pdf.ln(1.5)
            set_text(pdf, 11, bold=True)
            pdf.multi_cell(width, 6, value, new_x="LMARGIN", new_y="NEXT")
        elif kind == "table":
            pdf.ln(1.5)
            set_text(pdf, 9)
            with pdf.table(line_height=5, text_align="LEFT") as grid:
                for row in [value[0], *value[1]]:
                    grid.row(row)
        else:
            set_text(pdf, 10.5, bold=kind == "b")
            text = f"- {value}" if kind == "i" else value
            pdf.multi_cell(width, 5.5, text, align="L" if kind == "basis" else "J", new_x="LMARGIN", new_y="NEXT")
    if paper.signatures:
        signature_grid(pdf, paper.signatures, width)
    return bytes(pdf.output())


def render(paper: Paper, ext: str) -> bytes:
    """The paper as DOCX or PDF; `ext` must be one of EXTENSIONS."""
    if ext == "docx":
        return to_docx(paper)
    if ext == "pdf":
        return to_pdf(paper)
    raise ValueError(f"no such format: {ext}")
