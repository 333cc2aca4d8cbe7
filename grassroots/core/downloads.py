"""Files served as downloads, one way for every app: the content type from the file's extension, the
`attachment` disposition with an ASCII filename (and the UTF-8 one beside it, RFC 6266, when the name has
Vietnamese letters), `nosniff`, and `no-store` unless the file is public open data.

- `attachment(content, filename)`: bytes or text already made (a PDF, a DOCX, a JSON export);
- `csv_attachment(filename)`: an empty response to hand to `core.csvexport.writer`;
- `uploaded_file(field, filename)`: a file someone uploaded, as a download in a sandbox;
- `paper_response(paper, name, ext)`: an official paper (`core.official.paper`) as DOCX or PDF; any other
  extension is a 404, as a missing document is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase, StreamingHttpResponse

from .official.paper import EXTENSIONS, Paper, render

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}


def _disposition(filename: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode() or "download"
    ascii_name = ascii_name.replace('"', "").replace("\\", "")
    if ascii_name == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def _headers(response: HttpResponse | StreamingHttpResponse, filename: str, public: bool) -> None:
    response["Content-Disposition"] = _disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    if not public:
        response["Cache-Control"] = "no-store"


def content_type(filename: str) -> str:
    return CONTENT_TYPES.get(filename.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def attachment(content: bytes | str, filename: str, *, public: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type(filename))
    _headers(response, filename, public)
    return response


def streaming_attachment(chunks: Iterable[Any], filename: str, *, public: bool = False) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type(filename))
    _headers(response, filename, public)
    return response


def csv_attachment(filename: str, *, public: bool = False) -> HttpResponse:
    return attachment(b"", filename, public=public)


def paper_response(paper: Paper, name: str, ext: str, *, public: bool = False) -> HttpResponse:
    """`name` without its extension: "hoi-nghi-TDP1-2026-plan" + "pdf"."""
    if ext not in EXTENSIONS:
        raise Http404
    return attachment(render(paper, ext), f"{name}.{ext}", public=public)


def uploaded_file(field: Any, filename: str) -> HttpResponseBase:
    """An uploaded file (a FieldFile) as a download, never shown inline: a PDF or an office file could
    carry script, so it also gets a sandboxing Content-Security-Policy. A file gone from storage is a 404."""
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
