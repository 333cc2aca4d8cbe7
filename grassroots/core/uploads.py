"""Checks uploads pass before they are stored: a CSV file (size, name, encoding, header) or a document
(size, extension, and first bytes that agree with the extension: `check_upload`).

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


# The first bytes of each kind of document we accept (a renamed .exe is refused). Word and PowerPoint
# files (.docx, .pptx) are ZIP archives.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


def check_upload(
    file: Any, *, extensions: Sequence[str] = ("pdf", "docx", "pptx", "jpg", "png"), max_mb: int | None = None
) -> None:
    """Raise ValidationError unless `file` (an UploadedFile) is a document of one of `extensions`, no
    larger than `max_mb` (MAX_UPLOAD_MB when None), whose first bytes match its extension.

    The extension is what the browser and the downloading user go by, so it must be one we allow and
    the content must agree with it; only the first bytes are read.
    """
    limit_mb = int(settings.MAX_UPLOAD_MB if max_mb is None else max_mb)
    size = file.size or 0
    if size > limit_mb * 1024 * 1024:
        raise ValidationError(_("The file is larger than %(limit)s MB."), code="too_large", params={"limit": limit_mb})
    name = (file.name or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    allowed = [e.lower().lstrip(".") for e in extensions]
    if extension not in allowed:
        raise ValidationError(
            _("Only these kinds of file can be uploaded: %(extensions)s."),
            code="bad_extension",
            params={"extensions": ", ".join(f".{e}" for e in allowed)},
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    head = _head(file)
    signatures = SIGNATURES.get(extension)
    if signatures is not None and not head.startswith(signatures):
        raise ValidationError(
            _("The content of the file is not a .%(extension)s document."),
            code="bad_content",
            params={"extension": extension},
        )
