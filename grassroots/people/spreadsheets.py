"""The register as an Excel workbook (.xlsx): read into the CSV the import already knows, and the templates.

An uploaded workbook is turned into the same CSV rows as a CSV upload (row N of the sheet is row N of
the CSV, so every problem names the row the official sees in Excel), and then goes through the one
CSV import path: same checks, same all-or-nothing write (people.importing). openpyxl reads it in
read-only mode, values only (no formulas run), and never more than the upload limit allows.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook

from grassroots.core import csvexport

from .importing import COLUMNS

# One example household, the same in both templates.
EXAMPLE_ROWS = [
    ["HH-0001", "", "Số 1, đường Lê Lợi", "Nguyễn Văn An", "17/05/1980", "nam", "", "0912345678", "1"],
    ["HH-0001", "", "Số 1, đường Lê Lợi", "Trần Thị Bình", "02/03/1983", "nữ", "", "", "0"],
]
# Columns kept as text in the template, so Excel keeps their leading zeros.
TEXT_COLUMNS = ("household_code", "unit_code", "birth_date", "national_id", "phone", "is_representative")
# A sheet with more cells than this is refused before it is read (a small file can claim millions).
MAX_CELLS = 5_000_000


def _cell(value: Any) -> str:
    """A cell as the CSV import reads it: dates as dd/mm/yyyy, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_to_csv(file: IO[bytes]) -> bytes:
    """The first sheet of the workbook as UTF-8 CSV; ValidationError if it is not a readable workbook."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise ValidationError(
            _("The file is not a readable Excel workbook (.xlsx). Save it again from Excel and upload it."),
            code="not_xlsx",
        ) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise ValidationError(_("The workbook has no sheet."), code="empty")
        if sheet.max_row and sheet.max_column and sheet.max_row * sheet.max_column > MAX_CELLS:
            raise ValidationError(_("The sheet is too large to import at once; split it into several files."))
        rows = []
        for values in sheet.iter_rows(values_only=True):
            cells = [_cell(v) for v in values]
            while cells and cells[-1] == "":
                cells.pop()
            rows.append(cells)
    finally:
        workbook.close()
    return csvexport.reread_text(rows).encode("utf-8")


def template_csv() -> bytes:
    """The CSV template: the header and an example household (UTF-8 with a BOM, so Excel reads the accents)."""
    out = io.StringIO()
    writer = csvexport.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(EXAMPLE_ROWS)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def template_xlsx() -> bytes:
    """The Excel template: the header and an example household, identifying columns formatted as text."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook always has its first sheet
    sheet.title = "so_ho"
    sheet.append(COLUMNS)
    for row in EXAMPLE_ROWS:
        sheet.append(row)
    for index, name in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, len(name) + 2)
        if name in TEXT_COLUMNS:
            for row_cells in sheet.iter_rows(min_row=1, max_row=500, min_col=index, max_col=index):
                for cell in row_cells:
                    cell.number_format = "@"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
