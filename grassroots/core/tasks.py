"""Background tasks of core (Django's Tasks API): notices in the app and by SMS, sent after the request."""

from __future__ import annotations

from django_tasks import task

from .notices import notify


@task()
def send_notices(user_ids: list[int], key: str, text: str, url: str = "", sms_text: str = "") -> int:
    """Tell users in the app and by SMS (`core.notices.notify`); the task carries user ids, never phones."""

    return notify(user_ids, key=key, text=text, url=url, sms_text=sms_text)
