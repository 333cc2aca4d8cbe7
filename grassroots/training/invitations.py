"""The invitation e-mail of a training conference (run by the task in `training.notify`, never in a request).

Each delegate is told once: the delegates still to be told are marked (`invitation_sent_at`) in one
transaction holding a lock on the conference, and only those marked by this run are then sent an
e-mail. A task that runs twice, or two that run side by side, send nothing new. As in
`decisions.notifications`, the price is at-most-once delivery: an e-mail lost by the mail server is
not resent, but the invitation stays in the app, on the delegate's invitation page.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .models import Conference, Delegate
from .notify import TOLD_STATUSES

logger = logging.getLogger(__name__)

# Messages go out in Vietnamese, the language of the communes (accounts have no language of their own).
LANGUAGE = "vi"


def send_for_conference(conference_id: int, delegate_ids: Sequence[int] | None = None) -> int:
    """Invite every delegate of the conference (or those of `delegate_ids`) not yet told; return how many were told."""
    with transaction.atomic():
        # The lock makes two runs for the same conference take turns (SQLite: BEGIN IMMEDIATE does the same).
        conference = Conference.objects.select_for_update().filter(pk=conference_id).first()
        if conference is None or (conference.ends_on or conference.starts_on) < timezone.localdate():
            return 0  # a task that runs after the conference invites nobody
        waiting = Delegate.objects.filter(
            conference=conference, invitation_sent_at__isnull=True, status__in=TOLD_STATUSES, user__is_active=True
        )
        if delegate_ids is not None:
            waiting = waiting.filter(pk__in=list(delegate_ids))
        delegates = list(waiting.select_related("user", "unit").order_by("pk"))
        Delegate.objects.filter(pk__in=[d.pk for d in delegates]).update(invitation_sent_at=timezone.now())
    if delegates:
        _deliver(conference, delegates)
    logger.info("training: invitations for conference %s: %d delegates told", conference.pk, len(delegates))
    return len(delegates)


def _deliver(conference: Conference, delegates: Sequence[Delegate]) -> None:
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
