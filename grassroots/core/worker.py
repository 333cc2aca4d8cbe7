"""Is the background worker running? Django Tasks' database backend keeps no heartbeat, so the sign is the
queue itself: work that has waited longer than WORKER_LATE_SECONDS was not picked up by any worker."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def waiting_since(now: dt.datetime | None = None) -> dt.datetime | None:
    """When the oldest task still waiting for a worker was queued, if it has waited too long; else None."""
    now = now or timezone.now()
    late = now - dt.timedelta(seconds=settings.WORKER_LATE_SECONDS)
    # Only when the database backend queues the work: the immediate backend (tests) needs no worker.
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return None
    oldest = (
        DBTaskResult.objects.ready()
        .filter(enqueued_at__lt=late)
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    return oldest
