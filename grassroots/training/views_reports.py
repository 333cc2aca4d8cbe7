"""Pages of the training coverage report (issue 5, item 9), and its CSV exports."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from grassroots.accounts.http import AuthedRequest
from grassroots.core import csvexport
from grassroots.core.downloads import streaming_attachment
from grassroots.territory.models import unit_by_code

from . import reports
from .access import can_organize
from .models import Topic

PAGE_SIZE = 100


class _Echo:
    """A file-like object whose write returns the line, for streaming CSV."""

    def write(self, value: str) -> str:
        return value


def _stream_csv(rows: Iterable[list[Any]], filename: str) -> StreamingHttpResponse:
    writer = csvexport.writer(_Echo())
    # A byte-order mark so that spreadsheet programs read the Vietnamese letters as UTF-8.
    lines = (writer.writerow(row) for row in rows)
    return streaming_attachment(_with_bom(lines), filename)


def _with_bom(lines: Iterable[str]) -> Iterable[str]:
    yield "\ufeff"
    yield from lines


def _choices(request: AuthedRequest) -> dict[str, Any]:
    """The unit (?unit=<code>, one the user organizes for, or below) and the topic (?topic=)."""
    units = reports.report_units(request.user)
    code = request.GET.get("unit", "")[:32]
    if code:
        unit = unit_by_code(code)
        if unit is None or not can_organize(request.user, unit):
            raise Http404
    elif units:
        unit = units[0]
    else:
        raise Http404
    topic = request.GET.get("topic", Topic.DECREE_59)
    if topic not in reports.REPORT_TOPICS:
        topic = Topic.DECREE_59
    topics = [(t, Topic(t).label) for t in reports.REPORT_TOPICS]
    # Drilling down from a unit the user organizes for: a link back up to the parent.
    parent = None
    if unit.parent_id is not None and unit.pk not in {u.pk for u in units}:
        parent = unit.parent
    return {
        "unit": unit,
        "units": units,
        "parent": parent,
        "topic": topic,
        "topic_label": Topic(topic).label,
        "topics": topics,
    }


def coverage(request: AuthedRequest) -> HttpResponse:
    """Coverage per unit one level down and per role, by year."""
    choices = _choices(request)
    today = timezone.localdate()
    years = reports.report_years(today)
    rows = reports.coverage(choices["unit"], years=years, today=today, topic=choices["topic"])
    context = {**choices, "years": years, "rows": rows, "totals": reports.totals(rows, years)}
    return render(request, "training/reports/coverage.html", context)


def coverage_csv(request: AuthedRequest) -> HttpResponseBase:
    choices = _choices(request)
    today = timezone.localdate()
    rows = reports.coverage(choices["unit"], years=reports.report_years(today), today=today, topic=choices["topic"])
    return _stream_csv(reports.coverage_rows(rows), f"training-coverage-{choices['unit'].code}-{choices['topic']}.csv")


def never_trained(request: AuthedRequest) -> HttpResponse:
    """Who, holding a role today in the unit or below, has never been trained on the topic."""
    choices = _choices(request)
    holders = reports.never_trained(choices["unit"], day=timezone.localdate(), topic=choices["topic"])
    page = Paginator(holders, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/reports/never_trained.html", {**choices, "page": page})


def never_trained_csv(request: AuthedRequest) -> HttpResponseBase:
    choices = _choices(request)
    holders = reports.never_trained(choices["unit"], day=timezone.localdate(), topic=choices["topic"])
    return _stream_csv(
        reports.never_trained_rows(holders), f"never-trained-{choices['unit'].code}-{choices['topic']}.csv"
    )
