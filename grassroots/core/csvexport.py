"""Writing CSV files that spreadsheet programs open safely: every CSV the platform writes goes through here.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula ("CSV injection", OWASP). A title such as `=HYPERLINK("http://…")`
typed by anyone who can name a matter or a course would run on the official's computer. Such a cell is
written with a leading apostrophe, which the spreadsheet shows as text; a plain number such as `-3` is
left alone, since it cannot be a formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


class _Writable(Protocol):
    def write(self, value: str, /) -> Any: ...


def safe_cell(value: Any) -> Any:
    """The value, with a leading apostrophe if it is text a spreadsheet would take for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer whose rows are escaped by `safe_cell`; writerow returns what the file's write returned."""

    def __init__(self, file: _Writable, **kwargs: Any) -> None:
        self._writer = csv.writer(file, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(file: _Writable, **kwargs: Any) -> SafeWriter:
    """The only CSV writer to use (core/tests/test_architecture.py forbids csv.writer elsewhere)."""
    return SafeWriter(file, **kwargs)


def copy_text(rows: Iterable[Iterable[Any]]) -> str:
    """Rows as the CSV text that PostgreSQL's `COPY … FROM STDIN (FORMAT csv)` reads, for bulk writes.

    This text goes to the database, never to a person, so nothing is escaped for spreadsheets: the
    values arrive exactly as given. Every value is quoted, as in COPY's CSV format a quoted field is
    never NULL ("" stays an empty string); a None is refused, since it would arrive as "" too.
    """
    rows = rows if isinstance(rows, list) else list(rows)
    if any(None in row for row in rows):
        raise ValueError("copy_text cannot write NULL")
    text = io.StringIO()
    csv.writer(text, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return text.getvalue()


def reread_text(rows: Iterable[Iterable[Any]]) -> str:
    """Rows as CSV text that this program reads straight back (an Excel sheet turned into the rows of the
    register's CSV import): it never reaches a spreadsheet or a person, so nothing is escaped."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue()
