"""The public page of a commune's satisfaction ratings and its CSV (open data): results per service and
per quarter, each official's only from 5 ratings (rules.shown), and the comments published after
moderation, never with their author (Law Art 35(2)(a))."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render

from grassroots.accounts.http import PublicRequest
from grassroots.core import csvexport
from grassroots.core.downloads import csv_attachment

from . import access, overview
from .views import period_of, results_context

CSV_HEADER = ["commune", "period", "kind", "name", "ratings", "timeliness", "guidance", "official"]


@login_not_required
def public(request: PublicRequest, code: str) -> HttpResponse:
    commune = access.public_commune(code)
    period = period_of(request)
    context = {
        **results_context(commune, period),
        "officials": [r for r in overview.by_official(commune, period) if r.shown],
        "comments": overview.published_comments(commune, period)[:100],
        "resident_commune": access.resident_commune(request.user),
    }
    return render(request, "service_ratings/public.html", context)


@login_not_required
def public_csv(request: PublicRequest, code: str) -> HttpResponse:
    """Open data: the results per service and per official (from 5 ratings) over the period asked for."""
    commune = access.public_commune(code)
    period = period_of(request)
    response = csv_attachment(f"service-ratings-{commune.code}-{period.slug}.csv", public=True)
    writer = csvexport.writer(response)
    writer.writerow(CSV_HEADER)
    for kind, rows in (("service", overview.by_service(commune, period)),
                       ("official", [r for r in overview.by_official(commune, period) if r.shown])):  # fmt: skip
        for r in rows:
            writer.writerow([commune.code, period.slug, kind, r.name, r.count, r.timeliness or "", r.guidance or "",
                             r.official or ""])  # fmt: skip
    return response
