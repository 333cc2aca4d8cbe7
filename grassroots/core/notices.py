"""Notices in the app, and by SMS where the account has a phone number, for any app (core.Notice).

`notify` runs in a background task (`core.tasks.send_notices`, or a task of the app that calls it),
never in a request. A user is told of one thing (`key`) once: the notices are written first, under a
unique constraint, and only the users written by this run are sent an SMS, so a task that runs twice
sends nothing new (at-most-once, as `decisions.notifications`). Phone numbers and texts never reach
the logs (docs/privacy.md).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import sms
from .models import Notice

logger = logging.getLogger(__name__)


def notify(user_ids: Sequence[int], *, key: str, text: str, url: str = "", sms_text: str = "") -> int:
    """Write a notice for every active user of `user_ids` not yet told of `key`, and send those who have
    a phone number `sms_text` (the notice's text and link when empty); return how many were told."""
    users_model = get_user_model()
    with transaction.atomic():
        told = Notice.objects.filter(key=key, user_id__in=list(user_ids)).values("user_id")
        users = list(
            users_model.objects.filter(pk__in=list(user_ids), is_active=True)
            .exclude(pk__in=told)
            .only("pk", "phone")
            .order_by("pk")
        )
        Notice.objects.bulk_create(
            [Notice(user=user, key=key, text=text[:500], url=url[:500]) for user in users], batch_size=500
        )
    phones = [phone for phone in (getattr(user, "phone", None) for user in users) if phone]
    if phones:
        body = sms_text or (f"{text} {settings.SITE_URL.rstrip('/')}{url}" if url else text)
        try:
            sms.send_messages([sms.Message(phone=phone, text=body) for phone in phones])
        except Exception as exc:
            # By kind only: a gateway's exception may name the number.
            logger.error("core: SMS for notice %s failed: %s", key, type(exc).__name__)
    logger.info("core: notice %s: %d users told, %d by SMS", key, len(users), len(phones))
    return len(users)


def for_user(user_id: int) -> QuerySet[Notice]:
    """The user's own notices, newest first."""
    return Notice.objects.filter(user_id=user_id).order_by("-created_at", "-pk")


def unread_count(user_id: int) -> int:
    return Notice.objects.filter(user_id=user_id, read_at__isnull=True).count()


def mark_read(user_id: int, notice_id: int | None = None) -> int:
    """Mark the user's unread notices read, or only one of them; nobody else's are touched."""
    unread = Notice.objects.filter(user_id=user_id, read_at__isnull=True)
    if notice_id is not None:
        unread = unread.filter(pk=notice_id)
    return unread.update(read_at=timezone.now())
