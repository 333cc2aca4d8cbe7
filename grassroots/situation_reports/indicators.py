"""What situation reports tell the steering committee (core.indicators): the reports submitted on time.

Situation reports are a practice of the steering committees (law.md §8.3), not a rule of the Law or its
decrees: the citation is empty, since no article in the law digest sets them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grassroots.core.indicators import Indicator, Item
from grassroots.territory.models import Unit

from . import overview
from .choices import Standing
from .models import ReportRound


def _responsible(unit: Unit) -> str:
    if unit.is_village_level:
        return gettext("village head / Front work-committee head of %(unit)s") % {"unit": unit.name}
    return gettext("commune officials / chair of %(unit)s") % {"unit": unit.name}


def on_time_items(commune: Unit, start: dt.date, end: dt.date, today: dt.date) -> Iterator[Item]:
    """One item per unit (the commune and its villages) per round whose deadline for that unit falls in
    [start, end]: 1/1 submitted by the deadline; 0/1 submitted late, or missing once the deadline has passed
    (then overdue); left out while it is missing and the deadline is still ahead (today included)."""
    rounds = ReportRound.objects.filter(unit__code__in=commune.ancestor_codes()).filter(
        Q(village_deadline__range=(start, end)) | Q(commune_deadline__range=(start, end))
    ).select_related("unit").order_by("pk")  # fmt: skip
    for round_ in rounds:
        if not commune.is_current(round_.ends_on):
            continue
        c = overview.commune(round_, commune, today)
        for row in (c.row, *c.villages):
            if not start <= row.deadline <= end or row.standing == Standing.DUE:
                continue
            title = gettext("Situation report of %(unit)s, %(start)s – %(end)s") % {
                "unit": row.unit.name,
                "start": formats.date_format(round_.starts_on, "SHORT_DATE_FORMAT"),
                "end": formats.date_format(round_.ends_on, "SHORT_DATE_FORMAT"),
            }
            yield Item(
                unit_id=row.unit.pk,
                day=row.deadline,
                title=title,
                numerator=1 if row.standing == Standing.ON_TIME else 0,
                denominator=1,
                url=reverse("situation_reports:report", args=[round_.pk, row.unit.code]),
                deadline=row.deadline,
                overdue=row.standing == Standing.LATE,
                responsible=_responsible(row.unit) if row.standing == Standing.LATE else "",
            )


INDICATORS = [
    Indicator(
        code="situation_reports_on_time",
        title=_("Situation reports submitted on time"),
        definition=_(
            "Of the villages' and the commune's situation reports whose deadline fell in the period and has "
            "passed (or that were submitted), the share submitted by the deadline the steering committee set."
        ),
        citation="",
        numerator_label=_("submitted on time"),
        denominator_label=_("reports due"),
        items=on_time_items,
        order=900,
    )
]
