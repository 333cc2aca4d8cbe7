"""What the annual community conferences tell the steering committee (core.indicators): every village holds its
conference once a year, by 31 December (Law Art 33; D59 Art 10). A commune is read in two queries."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import Role
from grassroots.core.indicators import Indicator, Item, acting, deadline_item
from grassroots.territory.models import VILLAGE_KINDS, Unit

from . import rules
from .models import Conference


def conferences_held(commune: Unit, start: dt.date, end: dt.date, today: dt.date) -> list[Item]:
    """One item per village of the commune and per year whose deadline (`rules.year_deadline`, 31 December:
    Law Art 33) falls in [start, end], placed on that day: 1/1 when the year's conference was held by the
    deadline (the actions hold it by then only), 0/1 held later, 0/1 and overdue once the deadline has passed
    without it, the village head responsible (he convenes it); left out before the deadline. A village
    counts for a year when it exists on its deadline, or held a conference that year before it was merged."""
    years = [y for y in range(start.year, end.year + 1) if start <= rules.year_deadline(y) <= end]
    if not years:
        return []
    villages = list(
        Unit.objects.filter(path__startswith=commune.path, kind__in=VILLAGE_KINDS)
        .values("pk", "code", "name", "valid_from", "valid_to")
        .order_by("path")
    )
    conferences = {
        (c["village_id"], c["year"]): c
        for c in Conference.objects.filter(village__path__startswith=commune.path, year__in=years).values(
            "pk", "village_id", "year", "held_on"
        )
    }
    items = []
    for year in years:
        deadline = rules.year_deadline(year)
        for v in villages:
            conference = conferences.get((v["pk"], year))
            held = conference is not None and conference["held_on"] is not None
            exists = (v["valid_from"] is None or v["valid_from"] <= deadline) and (
                v["valid_to"] is None or deadline < v["valid_to"]
            )
            if not (exists or held):
                continue
            url = (
                reverse("annual_conferences:conference", args=[conference["pk"]])
                if conference is not None
                else reverse("annual_conferences:village", args=[v["code"]])
            )
            held_on = conference["held_on"] if conference is not None else None
            item = deadline_item(
                unit_id=v["pk"],
                title=gettext("Annual community conference %(year)s") % {"year": year},
                url=url,
                steps=[(deadline, held_on, acting(Role.VILLAGE_HEAD.label, v["name"]))],
                today=today,
            )
            if item is not None:
                items.append(item)
    return items


INDICATORS = [
    Indicator(
        code="annual_conferences_held",
        title=_("Annual community conferences held"),
        definition=_(
            "Of the villages and residential groups of the commune, those that held their annual community "
            "conference of the year: once a year, at the end of the year, convened and chaired by the village "
            "head (Law Art 33; D59 Art 10). A village is counted in December; one without a conference is "
            "counted as missing once 31 December has passed."
        ),
        citation="Law Art 33; D59 Art 10",
        numerator_label=_("held"),
        denominator_label=_("villages"),
        items=conferences_held,
        order=40,
    ),
]
