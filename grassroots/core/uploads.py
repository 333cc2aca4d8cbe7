"""Checks every uploaded CSV file passes before it is stored: size, name, encoding, header.

The checks read at most the first 64 KiB, so a 200 MB file is refused or accepted at once; the
import itself still reads the whole file and reports every row (core.csvimport).
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Sequence
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SNIFF_BYTES = 64 * 1024
BOM_UTF8 = codecs.BOM_UTF8
BOMS_UTF16_32 = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def max_upload_bytes() -> int:
    return int(settings.MAX_UPLOAD_MB) * 1024 * 1024


def _head(file: IO[bytes]) -> bytes:
    """The first bytes of the file, leaving it positioned at the start for whoever reads it next."""
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    return head if isinstance(head, bytes) else head.encode()


def _is_column_name(cell: str) -> bool:
    name = cell.strip().replace("_", "").replace(" ", "").replace("-", "")
    return bool(name) and name.isalnum()


def check_csv_upload(file: Any, *, required: Sequence[str] = ()) -> None:
    """Raise ValidationError unless `file` (an UploadedFile) looks like a UTF-8 CSV file with a header.

    `required` names columns the header must have (lower case); an import reports anything else row
    by row.
    """
    size = file.size or 0
    if size > max_upload_bytes():
        raise ValidationError(
            _("The file is larger than %(limit)s MB."), code="too_large", params={"limit": settings.MAX_UPLOAD_MB}
        )
    if not (file.name or "").lower().endswith(".csv"):
        raise ValidationError(_("Only .csv files can be imported."), code="not_csv")
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    head = _head(file)
    if head.startswith(BOMS_UTF16_32):
        raise ValidationError(
            _("The file is in UTF-16 or UTF-32; save it as “CSV UTF-8” and upload it again."), code="not_utf8"
        )
    if b"\x00" in head:
        raise ValidationError(_("The file is not a text file."), code="binary")
    truncated = len(head) == SNIFF_BYTES
    if head.startswith(BOM_UTF8):
        head = head[len(BOM_UTF8) :]
    try:
        # final=False: the 64 KiB cut may fall inside a multi-byte character.
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        raise ValidationError(
            _("The file is not UTF-8 text; save it as “CSV UTF-8” and upload it again."), code="not_utf8"
        ) from None
    first_line, newline, _rest = text.partition("\n")
    if not newline and truncated:
        raise ValidationError(_("The first line of the file is not a header of column names."), code="no_header")
    try:
        header = next(csv.reader([first_line.rstrip("\r")]), [])
    except csv.Error:
        header = []
    if len(header) < 2 or not all(_is_column_name(cell) for cell in header):
        raise ValidationError(_("The first line of the file is not a header of column names."), code="no_header")
    names = {cell.strip().lower() for cell in header}
    missing = [column for column in required if column not in names]
    if missing:
        raise ValidationError(
            _("The header lacks these columns: %(columns)s."),
            code="missing_columns",
            params={"columns": ", ".join(missing)},
        )
