"""What community decisions tell the steering committee (core.indicators): meetings held with the households
the law needs present, decision records filed and recognized on time, and households taking part in
household ballots and online votes.

Each function reads a commune in a fixed number of queries, whatever the number of matters: the rows come
grouped from the database (`values`, `annotate`) and the law is asked through `rules`, never recomputed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import Role
from grassroots.core.indicators import Indicator, Item, Step, acting, deadline_item
from grassroots.people.models import HouseholdLocation
from grassroots.territory.models import Unit

from . import rules
from .models import Form, Matter, Meeting


def _local_span(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The aware instants that bound the local days [start, end] (Asia/Ho_Chi_Minh)."""
    first = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    after = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return first, after


def _local_day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment is not None else None


# --- Meetings held with the households the law needs present ---------------------------------------------
def _households_on(commune: Unit, days: Iterable[tuple[str, dt.date]]) -> dict[tuple[str, dt.date], int]:
    """H under each unit path on each day (people.actions.household_count_on), for many days in one query:
    the household locations under the commune over the days asked, grouped by unit and period."""
    wanted = set(days)
    if not wanted:
        return {}
    first, last = min(d for _p, d in wanted), max(d for _p, d in wanted)
    periods = (
        HouseholdLocation.objects.filter(unit__path__startswith=commune.path, valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=first))
        .values("unit__path", "valid_from", "valid_to")
        .annotate(n=Count("id"))
    )
    rows = list(periods)
    counts: dict[tuple[str, dt.date], int] = {}
    for path, day in wanted:
        counts[(path, day)] = sum(
            r["n"]
            for r in rows
            if r["unit__path"].startswith(path)
            and r["valid_from"] <= day
            and (r["valid_to"] is None or r["valid_to"] > day)
        )
    return counts


def meetings_with_quorum(commune: Unit, start: dt.date, end: dt.date, today: dt.date) -> list[Item]:
    """One item per community meeting held in [start, end], in its village: 1/1 when the households present
    could decide the matter (`rules.meeting_falls_short` is false: Law Art 19(1)(b), Art 21(1); for a
    convention D61 Art 10), 0/1 when too few came. H is counted on the day of the meeting (law.md 10.A.2).

    A meeting counts as held once its count was recorded, or once households were recorded present and its
    day has passed (or the matter went on to ballots); a meeting only scheduled is not counted."""
    first, after = _local_span(start, end)
    meetings = list(
        Meeting.objects.filter(matter__unit__path__startswith=commune.path, starts_at__gte=first, starts_at__lt=after)
        .values(
            "pk",
            "round",
            "starts_at",
            "closed_at",
            "matter_id",
            "matter__round",
            "matter__item",
            "matter__title",
            "matter__unit_id",
            "matter__unit__path",
        )
        .annotate(present=Count("attendance"))
        .order_by("starts_at", "pk")
    )
    held = []
    for m in meetings:
        day = timezone.localdate(m["starts_at"])
        counted = m["closed_at"] is not None
        over = m["present"] > 0 and (day < today or m["round"] < m["matter__round"])
        if counted or over:
            held.append((m, day))
    households = _households_on(commune, ((m["matter__unit__path"], day) for m, day in held))
    items = []
    for m, day in held:
        h = households[(m["matter__unit__path"], day)]
        enough = not rules.meeting_falls_short(rules.Item(m["matter__item"]), m["present"], h)
        items.append(
            Item(
                unit_id=m["matter__unit_id"],
                day=day,
                title=m["matter__title"],
                numerator=1 if enough else 0,
                denominator=1,
                url=reverse("decisions:matter", args=[m["matter_id"]]),
            )
        )
    return items


# --- Decision records filed and recognized on time --------------------------------------------------------
def _filer(item: int, scope: str, unit_name: str, commune_name: str) -> str:
    """Who completes the record and sends it to the commune: the chair of the meeting (D59 Art 3(7), law.md
    §3.4(8); Law Art 20(3)). The commune chair runs a commune-wide matter; the village head chairs a village
    matter, except the election or dismissal of the village head himself (item 4), which the election team
    led by a Front work-committee representative (D59 Arts 6–7) or the head of the Front work committee (D59
    Art 9) runs: the village Front work-committee head is then the one named."""
    if scope == rules.Scope.COMMUNE:
        return acting(Role.COMMUNE_CHAIR.label, commune_name)
    if item == rules.Item.VILLAGE_HEAD:
        return acting(Role.VILLAGE_FRONT_HEAD.label, unit_name)
    return acting(Role.VILLAGE_HEAD.label, unit_name)


def _recognizer(item: int, scope: str, commune_name: str) -> str:
    """Art 21(2): UBND xã recognizes items 3–4, MTTQ xã item 5. UBND xã also dates commune-wide items 1–2;
    the law gives no number of days for that, and we count the same 5 working days (our reading)."""
    if rules.recognizer(rules.Item(item), rules.Scope(scope)) is rules.Recognizer.COMMUNE_FRONT:
        return acting(Role.COMMUNE_FRONT.label, commune_name)
    return acting(Role.COMMUNE_CHAIR.label, commune_name)


def decisions_filed_and_recognized_on_time(commune: Unit, start: dt.date, end: dt.date, today: dt.date) -> list[Item]:
    """One item per counted matter whose filing day falls in [start, end] (placed on that day, which is fixed
    at the count): the record reaches the commune within 5 working days (Law Art 20(3)) and, where the
    result needs recognition, the commune recognizes or refuses it in writing within 5 working days of
    receipt (Law Art 21(2)). The days are the ones decisions stored (`filing_due_on`, `recognition_due_on`).
    For commune-wide items 1–2 the law sets no days for the commune to fix when the result takes effect;
    decisions stores the same 5 working days, our reading (it keeps residents from waiting without end), and
    the indicator's definition says so. Who must act is `_filer`, then `_recognizer`."""
    rows = (
        Matter.objects.in_units([commune.path])
        .counted()
        .filter(filing_due_on__gte=start, filing_due_on__lte=end)
        .values(
            "pk",
            "title",
            "item",
            "scope",
            "unit_id",
            "unit__name",
            "filing_due_on",
            "filed_at",
            "recognition_due_on",
            "decided_at",
        )
        .order_by("filing_due_on", "pk")
    )
    items = []
    for m in rows:
        filing_due: dt.date | None = m["filing_due_on"]
        if filing_due is None:  # filtered out above; the type does not know it
            continue
        steps: list[Step] = [
            (filing_due, _local_day(m["filed_at"]), _filer(m["item"], m["scope"], m["unit__name"], commune.name))
        ]
        if m["recognition_due_on"] is not None:
            steps.append(
                (m["recognition_due_on"], _local_day(m["decided_at"]), _recognizer(m["item"], m["scope"], commune.name))
            )
        item = deadline_item(
            unit_id=m["unit_id"],
            title=m["title"],
            url=reverse("decisions:matter", args=[m["pk"]]),
            steps=steps,
            today=today,
        )
        if item is not None:
            items.append(item)
    return items


# --- Households taking part in ballots and online votes ----------------------------------------------------
def vote_participation(commune: Unit, start: dt.date, end: dt.date, today: dt.date) -> list[Item]:
    """One item per matter decided by household ballots or an online vote and counted in [start, end], in
    its village (or the commune, for a commune-wide ballot): the households that took part in the round
    counted (online and on paper: `compute_result`'s "participants", one per household and round) over the
    households entitled to (its "households", H snapshotted for the round, law.md 10.A.2)."""
    first, after = _local_span(start, end)
    rows = (
        Matter.objects.in_units([commune.path])
        .counted()
        .filter(form__in=[Form.BALLOT, Form.ONLINE], closed_at__gte=first, closed_at__lt=after)
        .values("pk", "title", "unit_id", "closed_at", "result", "household_count")
        .order_by("closed_at", "pk")
    )
    items = []
    for m in rows:
        result = m["result"] or {}
        entitled = result.get("households") or m["household_count"] or 0
        if entitled <= 0:
            continue
        items.append(
            Item(
                unit_id=m["unit_id"],
                day=timezone.localdate(m["closed_at"]),
                title=m["title"],
                numerator=int(result.get("participants") or 0),
                denominator=int(entitled),
                url=reverse("decisions:matter", args=[m["pk"]]),
            )
        )
    return items


INDICATORS = [
    Indicator(
        code="meetings_quorum",
        title=_("Community meetings held with enough households present"),
        definition=_(
            "Of the community meetings held, those where enough household representatives came for the meeting "
            "to decide: at least two-thirds of all households for public works and community funds, more than "
            "half for other matters (Law Art 21(1)); otherwise the matter goes to household ballots (Law Art "
            "19(1)(b)). A meeting on the village convention needs more than half of the households present "
            "(D61 Art 10)."
        ),
        citation="Law Art 19(1)(b), Art 21(1); D61 Art 10",
        numerator_label=_("with enough households present"),
        denominator_label=_("meetings held"),
        items=meetings_with_quorum,
        order=20,
    ),
    Indicator(
        code="decisions_on_time",
        title=_("Community decisions filed and recognized on time"),
        definition=_(
            "Of the matters counted, those whose decision record reached the commune within 5 working days "
            "(Law Art 20(3)) and, where the result needs recognition, were recognized or refused in writing "
            "within 5 working days of receipt (Law Art 21(2)). A matter is counted in the month its record was "
            "due; one whose next deadline is still ahead is not counted yet. For a commune-wide matter on public "
            "works or community funds the law sets no number of days for the commune to fix the day it takes "
            "effect: counting the same 5 working days there is our reading."
        ),
        citation="Law Art 20(3), Art 21(2)",
        numerator_label=_("on time"),
        denominator_label=_("matters due"),
        items=decisions_filed_and_recognized_on_time,
        order=21,
    ),
    Indicator(
        code="vote_participation",
        title=_("Households taking part in household ballots and online votes"),
        definition=_(
            "For each matter decided by household ballot slips or an online vote, the households that took part "
            "(one per household, on paper or online) over all the households of the village on the day of the "
            "vote, the households the adoption threshold counts (Law Art 19, Art 21(1); D59 Arts 4–5)."
        ),
        citation="Law Art 19, Art 21(1); D59 Arts 4–5",
        numerator_label=_("households that took part"),
        denominator_label=_("households entitled"),
        items=vote_participation,
        order=22,
    ),
]
