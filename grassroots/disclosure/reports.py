"""Reads for the console and the documents: residents' requests with the time they took (Law Art 14),
the items of a quarter (Art 13(2)), the disclosure plan and the report to the People's Council (Art 14)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from grassroots.core.official.paper import Paper
from grassroots.territory.models import Unit, under

from . import compliance, documents, rules
from .calendar import working_days
from .models import Item, Request


@dataclass(frozen=True)
class RequestRow:
    request: Request
    answer_by: dt.date
    # Days from the question to the answer (or to today while unanswered).
    days_taken: int
    overdue: bool


def request_row(request: Request, *, today: dt.date) -> RequestRow:
    asked_on = timezone.localdate(request.asked_at)
    due = rules.answer_by(asked_on, working_days(asked_on))
    until = timezone.localdate(request.answered_at) if request.answered_at else today
    return RequestRow(request, due, (until - asked_on).days, request.answered_at is None and today > due)


def unanswered(paths: list[str], *, today: dt.date) -> list[RequestRow]:
    """Requests not yet answered in these communes, oldest first, flagged when past the answer deadline."""
    found = Request.objects.filter(under(paths, "unit__path"), answered_at__isnull=True).select_related("unit", "item")
    return [request_row(r, today=today) for r in found.order_by("asked_at")[:200]]


def quarter_items(commune: Unit, year: int, quarter: int) -> list[Item]:
    """Law Art 13(2): what was disclosed in the quarter (not earlier indexes), with its postings."""
    first, last = rules.quarter_bounds(year, quarter)
    return list(
        Item.objects.published()
        .filter(under([commune.path], "unit__path"), published_on__gte=first, published_on__lte=last, index_of="")
        .select_related("unit")
        .prefetch_related("postings")
        .order_by("published_on", "pk")
    )


def plan(commune: Unit, year: int) -> Paper:
    return documents.disclosure_plan(commune, year, timezone.localdate(), compliance.has_loudspeaker(commune.pk))


def council_report(commune: Unit, first: dt.date, last: dt.date) -> Paper:
    today = timezone.localdate()
    items = list(
        Item.objects.published()
        .filter(under([commune.path], "unit__path"), published_on__gte=first, published_on__lte=last, index_of="")
        .select_related("unit")
        .prefetch_related("postings")
        .order_by("published_on", "pk")
    )
    verdicts = compliance.for_items(items, commune_id=commune.pk, today=today)
    requests = list(
        Request.objects.filter(under([commune.path], "unit__path"), asked_at__date__gte=first, asked_at__date__lte=last)
    )
    return documents.council_report(commune, first, last, verdicts, requests, today)
