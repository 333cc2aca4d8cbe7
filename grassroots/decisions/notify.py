"""Telling household representatives about matters: in the app, by e-mail and SMS, from background tasks."""

from __future__ import annotations

from django_tasks import task


@task()
def matter_opened(matter_id: int) -> int:
    from .notifications import send_for_matter

    return send_for_matter(matter_id, "opened")


@task()
def closing_soon(matter_id: int) -> int:
    from .notifications import send_for_matter

    return send_for_matter(matter_id, "closing_soon")


@task()
def result_published(matter_id: int) -> int:
    from .notifications import send_for_matter

    return send_for_matter(matter_id, "result")
