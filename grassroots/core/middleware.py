"""Refusing input that no database column can hold, before any view sees it.

PostgreSQL refuses a NUL character (0x00) in text ("A string literal cannot contain NUL (0x00)
characters") and a lone UTF-16 surrogate (U+D800–U+DFFF, which JSON can spell as "\\ud800") cannot be
encoded as UTF-8 at all. Either would reach a query as a 500 error, on PostgreSQL but not on SQLite, from
any search box, form field or API payload. Django's form CharField already refuses NUL per field; this
check covers everything else at the root: the query string, form fields and file names, and JSON bodies.
The answer is 400 naming the field: {"detail": …} for the API, a page for the browser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

_INVALID = re.compile("[\x00\ud800-\udfff]")


def _bad_strings(value: Any, path: str) -> Iterator[str]:
    """The paths of the strings (keys included) in a parsed JSON value that hold an invalid character."""
    if isinstance(value, str):
        if _INVALID.search(value):
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if _INVALID.search(str(key)):
                yield where
            yield from _bad_strings(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _bad_strings(item, f"{path}[{index}]")


def invalid_field(request: HttpRequest) -> str | None:
    """The name of the first input field holding a NUL or a lone surrogate, or None if there is none."""
    for key, values in request.GET.lists():
        if _INVALID.search(key) or any(_INVALID.search(v) for v in values):
            return key
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    content_type = request.content_type or ""
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            fields = list(request.POST.lists())
        except MultiPartParserError:
            return None  # a broken upload: the view's form reports it as before
        for key, values in fields:
            if _INVALID.search(key) or any(_INVALID.search(v) for v in values):
                return key
        for key in request.FILES:
            if any(_INVALID.search(file.name or "") for file in request.FILES.getlist(key)):
                return key
    elif content_type == "application/json" or content_type.endswith("+json"):
        try:
            payload = json.loads(request.body)
        except ValueError:
            return None  # not JSON: the API answers that itself
        return next(_bad_strings(payload, ""), None)
    return None


class RejectInvalidCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = invalid_field(request)
        if field is None:
            return self.get_response(request)
        # The name is shown back, so it loses the characters that made it invalid.
        name = _INVALID.sub("", field)[:100] or "?"
        message = _(
            "The field “%(field)s” contains a character that is not allowed (a NUL byte or an invalid code point). "
            "Remove it and send again."
        ) % {"field": name}
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message, "field": name}, status=400)
        return render(request, "400.html", {"message": message}, status=400)
