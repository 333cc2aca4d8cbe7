"""The invitation of a training conference, by e-mail, in the app and by SMS: a background task, never a request.

Each delegate is told once: the delegates still to be told are marked (`invitation_sent_at`) in one
transaction holding a lock on the conference, and only those marked by this run are then sent an
e-mail. A task that runs twice, or two that run side by side, send nothing new. As in
`decisions.notifications`, the price is at-most-once delivery: an e-mail lost by the mail server is
not resent, but the invitation stays in the app, on the delegate's invitation page.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .. import invitations
from ..models import TOLD_STATUSES, Conference, Delegate

logger = logging.getLogger("grassroots.training.invitations")


@task()
def tell_delegates(conference_id: int, delegate_ids: list[int] | None = None) -> int:
    """Tell delegates they are invited: in the app (their invitation page and notifications), by e-mail and by
    SMS where a phone number is known."""
    return send_for_conference(conference_id, delegate_ids)


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
        invitations.tell_in_app(conference, delegates)
        invitations.deliver(conference, delegates)
    logger.info("training: invitations for conference %s: %d delegates told", conference.pk, len(delegates))
    return len(delegates)
