"""Shared pieces of every CSV import: reading, date parsing, and problem reports.

Imports validate the whole file first and write nothing unless it is clean; each problem names
its row (as a spreadsheet shows it: the header is row 1) and its column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _


@dataclass(frozen=True, order=True)
class Problem:
    row: int
    field: str
    message: str
    is_warning: bool = False

    def __str__(self) -> str:
        kind = _("warning") if self.is_warning else _("error")
        return _("row %(row)s, column %(field)s: %(kind)s: %(message)s") % {
            "row": self.row,
            "field": self.field or "-",
            "kind": kind,
            "message": self.message,
        }


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


class HeaderError(Exception):
    pass


# Key set on a row that has more values than the header has columns (the importer reports it).
EXTRA_VALUES = "__extra_values__"


def extra_values_problem(number: int, row: dict[str, str]) -> Problem | None:
    if EXTRA_VALUES not in row:
        return None
    return Problem(
        number, "", _("the row has %(count)s more values than the header has columns") % {"count": row[EXTRA_VALUES]}
    )


def open_csv(path: str | Path) -> io.TextIOWrapper:
    # utf-8-sig: files saved by Excel start with a byte-order mark.
    return open(path, newline="", encoding="utf-8-sig")


def read_rows(
    handle: io.TextIOBase, *, required: Sequence[str], optional: Sequence[str] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, {column: stripped value}); the header is row 1."""
    reader = csv.reader(handle)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise HeaderError(_("the file is empty")) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise HeaderError(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    known = set(required) | set(optional)
    unknown = [c for c in header if c not in known]
    if unknown:
        raise HeaderError(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
    width = len(header)
    number = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # A broken quote or a cell beyond the csv module's size limit: stop with the row named.
            raise ImportFailed(
                [Problem(number + 1, "", _("the row cannot be read as CSV (%(error)s)") % {"error": exc})]
            ) from None
        number += 1
        if not values or (len(values) == 1 and not values[0].strip()):
            continue  # blank line
        if len(values) >= width:  # the usual row: zip in C (values past the header are checked below)
            row = dict(zip(header, map(str.strip, values), strict=False))
        else:
            row = {name: (values[i].strip() if i < len(values) else "") for i, name in enumerate(header)}
        if len(values) > width and any(v.strip() for v in values[width:]):
            row[EXTRA_VALUES] = str(len(values) - width)
        yield number, row


def parse_date(value: str) -> dt.date:
    """Accept YYYY-MM-DD, or dd/mm/yyyy (the Vietnamese way of writing dates; also with - or .)."""
    value = value.strip()
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return dt.date(int(value[0:4]), int(value[5:7]), int(value[8:10]))
    parts = value.replace("-", "/").replace(".", "/").split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
        return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    raise ValueError(value)
