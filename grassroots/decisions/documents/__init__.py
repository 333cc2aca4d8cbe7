"""The documents of a community matter, built from the database alone (no request objects).

- `facts`: what every document says (the unit, place and date, labels, the fields of the record).
- `docx`, `pdf`: the decision record (Law Art 20(2); D59 Form 03) as DOCX and as PDF.
- `slips`: the household ballot slips (Law Art 19(3); D59 Art 4(5)): one A5 page per current household.
- `print_pages`: the context of the printable Form 01 notice and Form 02/04 count-minutes pages
  (templates/decisions/print/).

They are drawn with the official-document toolkit (grassroots.core.official). The text is Vietnamese on
purpose: these are official Vietnamese documents, not interface strings, so they are not in the gettext
catalogs; text is NFC-normalized before it is drawn.
"""

from grassroots.core.official import MOTTO, NATIONAL_NAME, vn_date

from .docx import decision_record_docx
from .facts import RECORD_TITLE, SLIP_TITLE, RecordFacts, record_facts
from .pdf import decision_record_pdf
from .print_pages import count_minutes_context, notice_context
from .slips import Slip, ballot_slips_pdf, slip_households

__all__ = [
    "MOTTO",
    "NATIONAL_NAME",
    "RECORD_TITLE",
    "SLIP_TITLE",
    "RecordFacts",
    "Slip",
    "ballot_slips_pdf",
    "count_minutes_context",
    "decision_record_docx",
    "decision_record_pdf",
    "notice_context",
    "record_facts",
    "slip_households",
    "vn_date",
]
