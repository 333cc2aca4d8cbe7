"""Read an official document back as text, as the tests of every app that issues one do.

A DOCX gives its paragraphs, then the cells of its tables; a PDF the text of its pages. `flat` squashes
whitespace, for phrases that a line break may split on paper.
"""

from __future__ import annotations

import io
import re

from docx import Document
from pypdf import PdfReader


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in doc.paragraphs] + cells)


def read_pdf(content: bytes) -> tuple[PdfReader, str]:
    """The reader (for its pages) and the text of every page."""
    assert content.startswith(b"%PDF"), "not a PDF"
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def pdf_text(content: bytes) -> str:
    return read_pdf(content)[1]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)
