"""The receipt of an online vote, kept for the voter only.

The server never stores a receipt against the person who voted (docs/privacy.md, "Secret ballots"): it
is shown once on the confirmation page and kept in the voter's own browser, in a signed, HttpOnly cookie
scoped to the matter's pages (`/decisions/<pk>/`, and its copies under `/en/` and `/ru/`), so that the matter's page can show it again. The
signature binds the cookie to the matter and the account: another account on the same phone does not see
it. Nothing on the server reads the cookie except to show it back to the same voter.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from .models import Matter

# Long enough to check the receipt on the bulletin after the count; then the browser forgets it.
RECEIPT_COOKIE_DAYS = 90
_RECEIPT = re.compile(r"[0-9A-F]{20}")


def _cookies(matter: Matter) -> dict[str, str]:
    """Cookie name → path: one for the matter's pages in each language ("/decisions/7/",
    "/en/decisions/7/", "/ru/decisions/7/"), each name its own (a response keeps one cookie per name)."""
    cookies = {}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            cookies[f"vote_receipt_{matter.pk}_{code}"] = reverse("decisions:matter", args=[matter.pk])
    return cookies


def _salt(matter: Matter, user_id: int) -> str:
    return f"decisions.receipt:{matter.pk}:{matter.round}:{user_id}"


def keep(response: HttpResponse, matter: Matter, user_id: int, receipt: str) -> None:
    for name, path in _cookies(matter).items():
        response.set_signed_cookie(
            name,
            receipt,
            salt=_salt(matter, user_id),
            max_age=dt.timedelta(days=RECEIPT_COOKIE_DAYS),
            path=path,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


def kept(request: HttpRequest, matter: Matter, user_id: int) -> str:
    """The receipt this browser keeps for the user's vote on the matter, or ""."""
    for name in _cookies(matter):
        value = request.get_signed_cookie(name, default="", salt=_salt(matter, user_id))
        if isinstance(value, str) and _RECEIPT.fullmatch(value):
            return value
    return ""


def time_in_words(when: dt.datetime) -> str:
    """A moment as a sentence states it, in Vietnam time (in Vietnamese: 17:00, ngày 16 tháng 12 năm 2026)."""
    local = timezone.localtime(when)
    return gettext("%(time)s, %(day)s/%(month)s/%(year)s") % {
        "time": local.strftime("%H:%M"),
        "day": local.day,
        "month": local.month,
        "year": local.year,
    }
