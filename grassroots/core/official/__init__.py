"""The toolkit for official Vietnamese documents: what every paper the commune or a village issues shares.

- `text`: the national name and motto, NFC-normalized text, dates and times in the administrative
  style ("ngày 05 tháng 02 năm 2026", Decree 30/2020/NĐ-CP), the place-and-date line, percentages with
  a decimal comma.
- `pdf`: an fpdf2 document with the embedded DejaVu fonts (every Vietnamese letter), a line writer that
  wraps each paragraph once, the two-column national heading and the signature grid.
- `word`: a python-docx A4 document in Times New Roman 13, paragraphs, the national heading and the
  signature table.
- `qr`: QR codes as PNG (printed on paper) or as an inline SVG (on a page).

Decision records, ballot slips and count minutes (decisions.documents) and training certificates
(training.quiz) are built with it; so are the forms of village institutions, disclosure, consultation
and supervision that follow. The words of a document are Vietnamese on purpose: official documents,
not interface strings, so they are not in the gettext catalogs.
"""

from .text import BLANK, MOTTO, NATIONAL_NAME, SIGN_HINT, nfc, place_date, vn_date, vn_datetime, vn_percent

__all__ = [
    "BLANK",
    "MOTTO",
    "NATIONAL_NAME",
    "SIGN_HINT",
    "nfc",
    "place_date",
    "vn_date",
    "vn_datetime",
    "vn_percent",
]
