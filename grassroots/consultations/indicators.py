"""What the consultations tell the steering committee (core.indicators): consultations whose window closed
with the synthesis of the opinions and the explanation published (Law Art 28)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.indicators import Indicator, Item
from grassroots.territory.models import Unit

from .models import Consultation


def syntheses_published(commune: Unit, start: dt.date, end: dt.date, today: dt.date) -> Iterator[Item]:
    """One item per consultation of the commune whose last day for opinions is in [start, end] and has
    passed (before `today`), on that day, in its village if only one village was asked: 1 / 1 when the
    synthesis and the explanation are published (by `today`), 0 / 1 while they are not.

    Law Art 28 sets no number of days for the synthesis (nor does the digest, law.md §4.4), so an item is
    never overdue and has no deadline: the share says how many closed consultations have their answer
    published. One query."""
    rows = (
        Consultation.objects.filter(commune_id=commune.pk, closes_on__gte=start, closes_on__lte=end)
        .filter(closes_on__lt=today)
        .order_by("closes_on", "pk")
        .values_list("pk", "title", "village_id", "closes_on", "synthesis_published_at")
    )
    for pk, title, village_id, closes_on, published_at in rows:
        if closes_on is None:  # a draft: filtered out above, narrowed here for the types
            continue
        published = published_at is not None and timezone.localdate(published_at) <= today
        yield Item(
            unit_id=village_id or commune.pk,
            day=closes_on,
            title=title,
            numerator=1 if published else 0,
            denominator=1,
            url=reverse("consultations:public", args=[pk]),
        )


INDICATORS = [
    Indicator(
        code="consultations_synthesis",
        title=_("Consultations answered with a published synthesis"),
        definition=_(
            "Of the consultations whose period for opinions ended in the period: how many have the synthesis "
            "of the opinions and the explanation of what was taken up published. The law sets no number of "
            "days for it, so none is counted as overdue."
        ),
        citation="Law Art 28",
        numerator_label=_("synthesis published"),
        denominator_label=_("consultations closed"),
        items=syntheses_published,
        order=30,
    )
]
