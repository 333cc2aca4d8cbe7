"""What village conventions tell the steering committee (core.indicators): conventions in force reviewed every
year, as D61 Art 15 asks. A commune is read in two queries, whatever the number of its villages."""

from __future__ import annotations

import calendar
import datetime as dt

from django.db.models import Min, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import Role
from grassroots.core.indicators import Indicator, Item, acting, deadline_item
from grassroots.territory.models import Unit

from . import rules
from .models import Outcome, Review, RulingKind, Version


def _review_day(year: int, month: int, day: int) -> dt.date:
    """D61 Art 15 (`rules.review_day`); a review day chosen as 29 February falls on the 28th in other years."""
    return rules.review_day(year, (month, min(day, calendar.monthrange(year, month)[1])))


def _in_force_on(version: dict[str, dt.date | None], day: dt.date) -> bool:
    """A recognized version is in force from its `effective_on` until it is replaced or abolished
    (`superseded_on`) or wholly suspended (its first whole suspension decided, D61 Art 12: that lapses only
    when a corrected version is recognized, which supersedes this one). A partial suspension leaves the
    rest in force, and the rest is reviewed."""
    starts, replaced, suspended = version["effective_on"], version["superseded_on"], version["suspended_on"]
    return (
        starts is not None
        and starts <= day
        and (replaced is None or day < replaced)
        and (suspended is None or day < suspended)
    )


def conventions_reviewed(commune: Unit, start: dt.date, end: dt.date, today: dt.date) -> list[Item]:
    """One item per convention in force on one of its yearly review days in [start, end], in its village,
    placed on the review day (18 November unless the community chose another, D61 Art 15), judged on the
    first review recorded that calendar year: 1/1 held by the review day, 0/1 held later (late), 0/1 and
    overdue once the day has passed without one; left out before the day while none is recorded.

    "In force on the review day" is read from the versions' history (in force from, replaced or abolished
    on, wholly suspended on), so a convention suspended or abolished later still owes the reviews it
    missed before; one first in force after a year's review day is reviewed from the next year on. The
    review day is the one the community chose as the convention stores it now (no history is kept)."""
    versions = list(
        Version.objects.filter(convention__village__path__startswith=commune.path, effective_on__isnull=False)
        .filter(effective_on__lte=dt.date(end.year, 12, 31))
        .filter(Q(superseded_on__isnull=True) | Q(superseded_on__gt=dt.date(start.year, 1, 1)))
        .annotate(
            suspended_on=Min(
                "rulings__decided_on",
                filter=Q(rulings__kind=RulingKind.SUSPENSION, rulings__whole=True, rulings__outcome=Outcome.DONE),
            )
        )
        .values(
            "convention_id",
            "convention__title",
            "convention__village_id",
            "convention__village__name",
            "convention__review_month",
            "convention__review_day",
            "effective_on",
            "superseded_on",
            "suspended_on",
        )
        .order_by("convention__village__path", "convention_id", "number")
    )
    if not versions:
        return []
    years = range(start.year, end.year + 1)
    first_review = {
        (r["convention_id"], r["held_on__year"]): r["first"]
        for r in Review.objects.filter(
            convention_id__in={v["convention_id"] for v in versions}, held_on__year__in=list(years)
        )
        .values("convention_id", "held_on__year")
        .annotate(first=Min("held_on"))
    }
    items = []
    seen: set[tuple[int, int]] = set()
    for v in versions:
        for year in years:
            day = _review_day(year, v["convention__review_month"], v["convention__review_day"])
            key = (v["convention_id"], year)
            if not start <= day <= end or key in seen or not _in_force_on(v, day):
                continue
            seen.add(key)
            item = deadline_item(
                unit_id=v["convention__village_id"],
                title=v["convention__title"],
                url=reverse("conventions:convention", args=[v["convention_id"]]),
                # The village head convenes the review meeting or the community conference (D61 Art 15).
                steps=[(day, first_review.get(key), acting(Role.VILLAGE_HEAD.label, v["convention__village__name"]))],
                today=today,
            )
            if item is not None:
                items.append(item)
    return items


INDICATORS = [
    Indicator(
        code="conventions_in_force_reviewed",
        title=_("Village conventions in force reviewed each year"),
        definition=_(
            "Of the village conventions (hương ước, quy ước) in force on their review day, those reviewed by "
            "that day, at a meeting or at the community conference: the review is held every year on 18 "
            "November, National Great Unity Day, or on the day the community chose (D61 Art 15). A review held "
            "later in the year counts as late. A convention is counted once its review day has passed, or "
            "earlier when the review is already recorded."
        ),
        citation="D61 Art 15",
        numerator_label=_("reviewed"),
        denominator_label=_("conventions in force"),
        items=conventions_reviewed,
        order=25,
    ),
]
