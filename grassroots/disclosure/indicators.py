"""What the disclosure register tells the steering committee (core.indicators): disclosures made on time
and kept up for the full period (Law Arts 12(3), 13), judged by `compliance` as the console judges them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from grassroots.core.indicators import Indicator, Item, commune_committee
from grassroots.territory.models import Unit, under

from . import compliance, rules
from .calendar import working_days
from .models import Item as Disclosure

# Law Art 12(3): 5 working days after the document; with weekends and the longest run of days off (Tết)
# the deadline falls well within a month of it. Items decided earlier cannot be due in the span.
LONGEST_WAY_TO_THE_DEADLINE = dt.timedelta(days=31)


def disclosures_on_time(commune: Unit, start: dt.date, end: dt.date, today: dt.date) -> Iterator[Item]:
    """One item per disclosure of the commune or its villages whose deadline (Law Art 12(3)) is in
    [start, end] and has passed (before `today`): 1 / 1 when it is published and every channel Law Art 13
    requires started by the deadline and stayed up for its minimum period (or is still up), 0 / 1
    otherwise. Overdue while a required channel has never been used (a draft: all of them). On its
    deadline day and before, an item is left out. The quarterly index (Art 13(2)) is not counted here.

    Three queries: the commune's setup, the items, their postings."""
    loudspeaker = compliance.has_loudspeaker(commune.pk)
    items = (
        Disclosure.objects.filter(under([commune.path], "unit__path"), index_of="")
        .filter(decided_on__gte=start - LONGEST_WAY_TO_THE_DEADLINE, decided_on__lte=end)
        .prefetch_related("postings")
        .order_by("decided_on", "pk")
    )
    responsible = commune_committee(commune.name)
    for item in items:
        days = working_days(item.decided_on)
        due_on = rules.disclose_by(item.decided_on, days)
        if not (start <= due_on <= end) or due_on >= today:
            continue
        verdict = compliance.judge(item, item.postings.all(), today=today, days=days, loudspeaker=loudspeaker)
        missing = any(rules.Problem.MISSING in c.problems for c in verdict.channels)
        yield Item(
            unit_id=item.unit_id,
            day=due_on,
            title=item.title,
            numerator=1 if item.is_published and verdict.ok else 0,
            denominator=1,
            url=reverse("disclosure:item", args=[item.pk]),
            deadline=due_on,
            overdue=missing,
            responsible=responsible if missing else "",
        )


INDICATORS = [
    Indicator(
        code="disclosure_on_time",
        title=_("Disclosures made on time and for the full period"),
        definition=_(
            "Of the disclosures whose deadline (5 working days after the document, unless another law sets "
            "one) fell in the period and has passed: how many were published on time on every required "
            "channel and stayed posted for the full period (30 consecutive days on notice boards, 3 days on "
            "the loudspeaker, for good for the regulation and the procedures)."
        ),
        citation="Law Arts 12(3), 13",
        numerator_label=_("on time and for the full period"),
        denominator_label=_("disclosures due"),
        items=disclosures_on_time,
        order=10,
    )
]
