"""Telling household representatives about a matter: in the app, by e-mail and by SMS.

Runs in the background tasks of `decisions.notify` (enqueued on commit by the actions and by the
scheduled commands), never in a request. Who is told: the account of the current representative of
every household of the matter's villages (Law Art 18(2): the household decides through its
representative) — every village of the commune for a commune-wide matter.

Each representative is told at most once per matter and kind: the `Notification` rows are written
first, under a unique constraint and a lock on the matter, and only the users written by this run
are then sent an e-mail and an SMS. A task that runs twice, or two that run side by side, send
nothing new. The price is at-most-once delivery: an e-mail lost by the mail server is not resent,
but the notification stays in the app.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from grassroots.accounts.models import User
from grassroots.core import sms
from grassroots.people.models import Representation

from .models import Matter, Notification, NotificationKind, Status

logger = logging.getLogger(__name__)

# Messages go out in Vietnamese, the language of the communes (accounts have no language of their own).
LANGUAGE = "vi"
# An SMS carries the start of a long title only; the link leads to the whole matter.
SMS_TITLE_CHARS = 60


def representatives(matter: Matter) -> QuerySet[User]:
    """Active accounts linked to the current representative of a household (not dissolved) of the
    matter's villages."""
    current = Representation.objects.filter(
        valid_to__isnull=True,
        household__dissolved_on__isnull=True,
        household__unit__path__startswith=matter.unit.path,
    ).values("resident_id")
    return User.objects.filter(is_active=True, resident_id__in=current)


def _still_true(matter: Matter, kind: NotificationKind) -> bool:
    """A task that runs late sends nothing that is no longer true (an "open" notice for a closed vote)."""
    if kind == NotificationKind.OPENED:
        return matter.status == Status.OPEN
    if kind == NotificationKind.CLOSING_SOON:
        return matter.status == Status.OPEN and matter.closes_at is not None and matter.closes_at > timezone.now()
    return matter.result is not None


def send_for_matter(matter_id: int, kind: str) -> int:
    """Notify every representative not yet told of this matter and kind; return how many were told."""
    notice = NotificationKind(kind)  # ValueError for an unknown kind
    with transaction.atomic():
        # The lock makes two runs for the same matter take turns (SQLite: BEGIN IMMEDIATE does the same).
        matter = Matter.objects.select_for_update(of=("self",)).select_related("unit").filter(pk=matter_id).first()
        if matter is None or not _still_true(matter, notice):
            return 0
        told = Notification.objects.filter(matter=matter, kind=notice).values("user_id")
        users = list(representatives(matter).exclude(pk__in=told).only("pk", "email", "phone").order_by("pk"))
        Notification.objects.bulk_create(
            [Notification(user=user, matter=matter, kind=notice) for user in users], batch_size=500
        )
    if users:
        _deliver(matter, notice, users)
    logger.info("decisions: %s notification for matter %s: %d users told", notice.value, matter.pk, len(users))
    return len(users)


def _deliver(matter: Matter, kind: NotificationKind, users: Sequence[User]) -> None:
    with translation.override(LANGUAGE):
        url = settings.SITE_URL.rstrip("/") + reverse("decisions:matter", args=[matter.pk])
        subject = _subject(kind, matter.title)
        body = _text(kind, matter, matter.title, url)
        short = _text(kind, matter, Truncator(matter.title).chars(SMS_TITLE_CHARS), url)
    addresses = [user.email for user in users if user.email]
    phones = [user.phone for user in users if user.phone]
    # Failures are logged by kind only: the exceptions of mail servers and gateways name the recipients.
    if addresses:
        try:
            # One message per recipient (never one message to all: that would show every address),
            # over one connection.
            with mail.get_connection() as connection:
                for address in addresses:
                    mail.send_mail(subject, body, None, [address], connection=connection)
        except Exception as exc:
            logger.error("decisions: e-mail for matter %s failed: %s", matter.pk, type(exc).__name__)
    if phones:
        try:
            sms.send_messages([sms.Message(phone=phone, text=short) for phone in phones])
        except Exception as exc:
            logger.error("decisions: SMS for matter %s failed: %s", matter.pk, type(exc).__name__)


def _subject(kind: NotificationKind, title: str) -> str:
    if kind == NotificationKind.OPENED:
        return _("Open for decision: %(title)s") % {"title": title}
    if kind == NotificationKind.CLOSING_SOON:
        return _("Voting closes soon: %(title)s") % {"title": title}
    return _("Result published: %(title)s") % {"title": title}


def _text(kind: NotificationKind, matter: Matter, title: str, url: str) -> str:
    if kind == NotificationKind.OPENED:
        return _("“%(title)s” is open for your household's decision: %(url)s") % {"title": title, "url": url}
    if kind == NotificationKind.CLOSING_SOON:
        closes_at = matter.closes_at or timezone.now()  # always set: checked by _still_true
        when = formats.date_format(timezone.localtime(closes_at), "SHORT_DATETIME_FORMAT")
        return _("Voting on “%(title)s” closes at %(time)s. If your household has not voted yet: %(url)s") % {
            "title": title,
            "time": when,
            "url": url,
        }
    return _("The result of “%(title)s” is published: %(url)s") % {"title": title, "url": url}


def mark_read(user: User, notification_id: int | None = None) -> int:
    """Mark the user's unread notifications read, or only one of them; nobody else's are touched."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
