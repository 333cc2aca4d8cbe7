"""The decision record (Law Art 20(2); D59 Form 03) as a PDF."""

from __future__ import annotations

from grassroots.core.official.pdf import A4, Writer, national_heading, new_pdf, set_text, signature_grid

from ..models import Matter
from . import facts


# --- PDF --------------------------------------------------------------------------------------
def decision_record_pdf(matter: Matter) -> bytes:
    f = facts.record_facts(matter)
    pdf = new_pdf(A4, f"{facts.RECORD_TITLE}: {f.title}")
    pdf.set_margins(left=25, top=15, right=15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    y = national_heading(Writer(pdf), f.unit_lines, f.place_date, x=pdf.l_margin, width=width, split=68)
    pdf.set_xy(pdf.l_margin, y + 2)
    set_text(pdf, 13, bold=True)
    pdf.multi_cell(width, 6.5, facts.RECORD_TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    set_text(pdf, 11.5, bold=True)
    pdf.multi_cell(width, 6, f"Về việc: {f.title}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    set_text(pdf, 10.5)
    pdf.multi_cell(width, 5.5, f"Căn cứ {facts.LAW} số 10/2022/QH15 và Nghị định số 59/2023/NĐ-CP của Chính phủ;",
                   new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    for title, lines in facts.record_sections(f):
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
                table.row(facts.VILLAGE_TABLE_HEADER)
                for row in f.villages:
                    table.row(row.cells())
    signature_grid(pdf, f.signatures, width)
    return bytes(pdf.output())
