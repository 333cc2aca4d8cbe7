"""What village conventions tell the steering committee (core.indicators): conventions in force reviewed every
year, as D61 Art 15(2) asks. A commune is read in two queries, whatever the number of its villages."""

from __future__ import annotations

import calendar
import datetime as dt

from django.db.models import Min
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import Role
from grassroots.core.indicators import Indicator, Item
from grassroots.territory.models import Unit

from . import rules
from .models import Convention, ConventionStatus, Review

# The conventions that are reviewed (deadlines.review_due): in force, wholly or in part.
REVIEWED_STATUSES = (ConventionStatus.IN_FORCE, ConventionStatus.PARTLY_SUSPENDED)


def _review_day(year: int, month: int, day: int) -> dt.date:
    """D61 Art 15(2) (`rules.review_day`); a review day chosen as 29 February falls on the 28th in other years."""
    return rules.review_day(year, (month, min(day, calendar.monthrange(year, month)[1])))


def conventions_reviewed(commune: Unit, start: dt.date, end: dt.date, today: dt.date) -> list[Item]:
    """One item per convention in force and each of its yearly review days in [start, end], in its village,
    placed on the review day (18 November unless the community chose another, D61 Art 15(2)): 1/1 when a
    review was recorded that year, 0/1 and overdue once the day has passed without one; left out before the
    day. A convention first in force after a year's review day is reviewed from the next year on, as
    `deadlines.review_due` reads it."""
    conventions = list(
        Convention.objects.filter(village__path__startswith=commune.path, status__in=REVIEWED_STATUSES)
        .annotate(first_in_force=Min("versions__effective_on"))
        .values("pk", "title", "village_id", "village__name", "review_month", "review_day", "first_in_force")
        .order_by("village__path", "pk")
    )
    if not conventions:
        return []
    years = range(start.year, end.year + 1)
    reviewed = set(
        Review.objects.filter(convention_id__in=[c["pk"] for c in conventions], held_on__year__in=list(years))
        .values_list("convention_id", "held_on__year")
        .distinct()
    )
    items = []
    for c in conventions:
        for year in years:
            day = _review_day(year, c["review_month"], c["review_day"])
            if not start <= day <= end or c["first_in_force"] is None or c["first_in_force"] > day:
                continue
            done = (c["pk"], year) in reviewed
            if not done and today <= day:
                continue
            items.append(
                Item(
                    unit_id=c["village_id"],
                    day=day,
                    title=c["title"],
                    numerator=1 if done else 0,
                    denominator=1,
                    url=reverse("conventions:convention", args=[c["pk"]]),
                    deadline=day,
                    overdue=not done,
                    responsible="" if done else _village_head(c["village__name"]),
                )
            )
    return items


def _village_head(village_name: str) -> str:
    """The village head convenes the review (D61 Art 15(2)), in words: the role and the village."""
    return gettext("%(role)s, %(unit)s") % {"role": Role.VILLAGE_HEAD.label, "unit": village_name}


INDICATORS = [
    Indicator(
        code="conventions_in_force_reviewed",
        title=_("Village conventions in force reviewed each year"),
        definition=_(
            "Of the village conventions (hương ước, quy ước) in force on their review day, those reviewed that "
            "year, at a meeting or at the community conference: the review is held every year on 18 November, "
            "National Great Unity Day, or on the day the community chose (D61 Art 15(2)). A convention is "
            "counted once its review day has passed, or earlier when the review is already recorded."
        ),
        citation="D61 Art 15(2)",
        numerator_label=_("reviewed"),
        denominator_label=_("conventions in force"),
        items=conventions_reviewed,
        order=30,
    ),
]
