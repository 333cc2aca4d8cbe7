"""The decision record (Law Art 20(2); D59 Form 03) as a Word document."""

from __future__ import annotations

from grassroots.core.official import word

from ..models import Matter
from .facts import LAW, RECORD_TITLE, VILLAGE_TABLE_HEADER, record_facts, record_sections


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
