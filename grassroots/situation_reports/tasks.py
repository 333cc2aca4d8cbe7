"""Background task of situation reports (Django's Tasks API): the daily reminders, outside any request."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from . import reminders


@task()
def send_reminders() -> int:
    """Remind the writers of units that have not submitted (reminders.remind); return how many were told."""
    return sum(r.told for r in reminders.remind(timezone.localdate()))
