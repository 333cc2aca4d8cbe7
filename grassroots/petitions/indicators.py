"""What the board's casework tells the steering committee (core.indicators): the People's Inspection Board's
recommendations answered by the commune People's Committee within 15 days of receipt (Law Art 40)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grassroots.core.indicators import Indicator, Item, commune_committee, deadline_item
from grassroots.territory.models import Unit

from . import rules
from .models import Petition

ANSWER_TIME = dt.timedelta(days=rules.ANSWER_WITHIN_DAYS)


def recommendations_answered(commune: Unit, start: dt.date, end: dt.date, today: dt.date) -> Iterator[Item]:
    """One item per recommendation the commune received (certified by the Front and sent, Law Art 40)
    whose answer is due (`rules.answer_due`, 15 days after receipt) in [start, end], on its due day, in the
    petition's village if it names one: 1 / 1 answered by the due day, 0 / 1 answered later; unanswered, it
    is left out up to its due day, then counts 0 / 1 and is overdue, the commune People's Committee
    responsible. An answer dated after `today` is not counted yet.

    The title names the petition's number, never its subject or petitioner (Law Art 9(2)). One query."""
    rows = (
        Petition.objects.filter(commune_id=commune.pk, sent_on__gte=start - ANSWER_TIME, sent_on__lte=end - ANSWER_TIME)
        .order_by("sent_on", "pk")
        .values_list("pk", "village_id", "sent_on", "answered_on")
    )
    responsible = commune_committee(commune.name)
    for pk, village_id, sent_on, answered_on in rows:
        if sent_on is None:  # not sent to the commune: filtered out above, narrowed here for the types
            continue
        item = deadline_item(
            unit_id=village_id or commune.pk,
            title=gettext("Recommendation on petition no. %(number)s") % {"number": pk},
            url=reverse("petitions:case", args=[pk]),
            steps=[(rules.answer_due(sent_on), answered_on, responsible)],
            today=today,
        )
        if item is not None:
            yield item


INDICATORS = [
    Indicator(
        code="recommendations_answered",
        title=_("Inspection board recommendations answered within 15 days"),
        definition=_(
            "Of the People's Inspection Board's recommendations whose answer was due in the period (15 days "
            "after the commune People's Committee received them, certified by the Fatherland Front): how "
            "many the committee answered by that day. One not answered once the day has passed is overdue."
        ),
        citation="Law Art 40",
        numerator_label=_("answered within 15 days"),
        denominator_label=_("recommendations due"),
        items=recommendations_answered,
        order=45,
    )
]
