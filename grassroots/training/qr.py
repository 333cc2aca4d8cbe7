"""The QR code on a delegate's invitation: the address of their check-in page, which an organizer opens
by pointing the phone's camera at it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from grassroots.core.official.qr import qr_svg_data_uri

from .models import Delegate


def checkin_path(delegate: Delegate) -> str:
    # In the default language (no /en/ or /ru/ prefix): the code is printed once and read by any phone.
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("training:check-in", args=[delegate.conference_id, delegate.checkin_token])


def checkin_url(request: HttpRequest, delegate: Delegate) -> str:
    return request.build_absolute_uri(checkin_path(delegate))


def qr_data_uri(url: str) -> str:
    """An inline SVG image (a data: URI, which the content security policy allows for images)."""
    return qr_svg_data_uri(url)
