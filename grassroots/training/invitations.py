"""The invitation of a training conference by e-mail, in the app and by SMS, sent by the action
`training.actions.send_for_conference` (run by a background task, never in a request)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import formats, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from grassroots.core import notices

from .models import Conference, Delegate

logger = logging.getLogger(__name__)

# Messages go out in Vietnamese, the language of the communes (accounts have no language of their own).
LANGUAGE = "vi"
# An SMS carries the start of a long title only; the link leads to the whole invitation.
SMS_TITLE_CHARS = 60


def notice_key(conference: Conference) -> str:
    return f"training.invitation:{conference.pk}"


def tell_in_app(conference: Conference, delegates: Sequence[Delegate]) -> int:
    """The invitation on the delegates' notifications page, and by SMS to those with a phone number."""
    path = reverse("training:invitation", args=[conference.pk])
    with translation.override(LANGUAGE):
        when = formats.date_format(conference.starts_on, "DATE_FORMAT")
        place = conference.venue or conference.online_link or "—"
        text = _("You are invited to the training conference “%(title)s” on %(date)s, %(place)s.") % {
            "title": conference.title,
            "date": when,
            "place": place,
        }
        short = _("Invitation to “%(title)s” on %(date)s: %(url)s") % {
            "title": Truncator(conference.title).chars(SMS_TITLE_CHARS),
            "date": when,
            "url": settings.SITE_URL.rstrip("/") + path,
        }
    return notices.notify(
        [d.user_id for d in delegates], key=notice_key(conference), text=text, url=path, sms_text=short
    )


def deliver(conference: Conference, delegates: Sequence[Delegate]) -> None:
    with translation.override(LANGUAGE):
        url = settings.SITE_URL.rstrip("/") + reverse("training:invitation", args=[conference.pk])
        when = formats.date_format(conference.starts_on, "DATE_FORMAT")
        where = conference.venue or conference.online_link or "—"
        subject = _("Invitation: %(title)s") % {"title": conference.title}
        bodies = {
            d.pk: _(
                "You are invited to “%(title)s” on %(date)s, %(place)s, as the delegate of %(unit)s.\n\n"
                "Answer the invitation, read the programme and the materials, and keep the QR code you will show "
                "at the door: %(url)s"
            )
            % {"title": conference.title, "date": when, "place": where, "unit": d.unit.name, "url": url}
            for d in delegates
        }
    # Failures are logged by kind only: the exceptions of mail servers name the recipients.
    try:
        # One message per recipient (never one message to all: that would show every address).
        with mail.get_connection() as connection:
            for delegate in delegates:
                if delegate.user.email:
                    mail.send_mail(subject, bodies[delegate.pk], None, [delegate.user.email], connection=connection)
    except Exception as exc:
        logger.error("training: invitation e-mail for conference %s failed: %s", conference.pk, type(exc).__name__)
