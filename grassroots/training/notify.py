"""Telling delegates they are invited: in the app (their invitation page) and by e-mail, from a background task."""

from __future__ import annotations

from django_tasks import task

from .models import Delegate

# Delegates who are told: not withdrawn, replaced by a deputy, or declined.
TOLD_STATUSES = (Delegate.Status.INVITED, Delegate.Status.REGISTERED)


@task()
def send_invitations(conference_id: int, delegate_ids: list[int] | None = None) -> int:
    from .invitations import send_for_conference

    return send_for_conference(conference_id, delegate_ids)
