"""Telling people about disclosures, from background tasks (core.notices): subscribers of a unit when an
item is published or changed, the commune's officials when a resident asks, the resident when answered.

Notices go out in Vietnamese, as every message of the platform does (core.notices). Subscribers who
asked for it also get an e-mail. The tasks run after the commit and carry ids only.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from grassroots.accounts.models import RoleAssignment
from grassroots.core.notices import notify

logger = logging.getLogger(__name__)
LANGUAGE = "vi"


def _subscriber_ids(unit_id: int, parent_id: int | None) -> tuple[list[int], list[str]]:
    """Those subscribed to the item's unit, or to its commune (a commune's page lists its villages' items)."""
    from .models import Subscription

    units = [unit_id] + ([parent_id] if parent_id else [])
    rows = list(Subscription.objects.filter(unit_id__in=units).select_related("user"))
    ids = sorted({s.user_id for s in rows})
    emails = sorted({s.user.email for s in rows if s.by_email and s.user.email and s.user.is_active})
    return ids, emails


@task()
def tell_subscribers(item_id: int, changed: bool = False) -> int:
    from .models import Item

    item = Item.objects.filter(pk=item_id, status=Item.Status.PUBLISHED).select_related("unit").first()
    if item is None:
        return 0
    ids, emails = _subscriber_ids(item.unit_id, item.unit.parent_id)
    with translation.override(LANGUAGE):
        if changed:
            text = _("%(unit)s changed a disclosure: %(title)s") % {"unit": item.unit.name, "title": item.title}
        else:
            text = _("%(unit)s disclosed: %(title)s") % {"unit": item.unit.name, "title": item.title}
        url = reverse("disclosure:item", args=[item.pk])
    told = notify(ids, key=f"disclosure.item:{item.pk}:{item.version}", text=text, url=url)
    if emails:
        body = f"{text}\n{settings.SITE_URL.rstrip('/')}{url}"
        try:
            with mail.get_connection() as connection:
                for address in emails:
                    mail.send_mail(text[:150], body, None, [address], connection=connection)
        except Exception as exc:
            logger.error("disclosure: e-mail for item %s failed: %s", item.pk, type(exc).__name__)
    return told


@task()
def tell_officials_of_request(request_id: int, commune_id: int) -> int:
    from .access import EDITOR_ROLES

    official_ids = sorted(
        set(
            RoleAssignment.objects.active_on(timezone.localdate())
            .filter(unit_id=commune_id, role__in=list(EDITOR_ROLES))
            .values_list("user_id", flat=True)
        )
    )
    with translation.override(LANGUAGE):
        text = _("A resident asked the commune about disclosed information.")
        url = reverse("disclosure:request", args=[request_id])
    return notify(official_ids, key=f"disclosure.request:{request_id}", text=text, url=url)


@task()
def tell_asker(request_id: int) -> int:
    from .models import Request

    request = Request.objects.filter(pk=request_id).first()
    if request is None:
        return 0
    with translation.override(LANGUAGE):
        text = _("The commune answered your question.")
        url = reverse("disclosure:my-requests")
    return notify([request.asked_by_id], key=f"disclosure.answer:{request_id}", text=text, url=url)
