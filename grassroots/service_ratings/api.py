"""JSON API of the satisfaction ratings: the console's results of a commune (officials, chair, Front;
an official sees only their own row among the officials) and, as open data (auth=None), a commune's
results per service and per official from 5 ratings. The same reads as the pages (overview.py); no
rater is ever named, and no comment leaves the pages but the published ones."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError

from grassroots.accounts.http import AuthedRequest
from grassroots.core.pagination import error_responses

from . import access, overview, rules

router = Router(tags=["satisfaction ratings"])


def _period(year: int | None, quarter: int | None) -> overview.Period:
    if year is None:
        y, q = rules.quarter_of(timezone.localdate())
        return overview.Period(y, q)
    return overview.Period(year, quarter)


def _row(row: overview.Row) -> dict[str, Any]:
    return {"name": row.name, "ratings": row.count, "timeliness": row.timeliness, "guidance": row.guidance,
            "official": row.official, "shown": row.shown}  # fmt: skip


def _results(commune: Any, period: overview.Period, officials: list[overview.Row]) -> dict[str, Any]:
    return {
        "commune": commune.code,
        "year": period.year,
        "quarter": period.quarter,
        "small_count_floor": rules.SMALL_COUNT_FLOOR,
        "services": [_row(r) for r in overview.by_service(commune, period)],
        "officials": [_row(r) for r in officials],
    }


@router.get(
    "/communes/{code}",
    summary="A commune's results for its console (officials, chair, Front)",
    openapi_extra=error_responses(401, 404, 422),
)
def commune_results(
    request: AuthedRequest,
    code: str,
    year: int | None = Query(None, ge=2000, le=2100),
    quarter: int | None = Query(None, ge=1, le=4),
) -> dict[str, Any]:
    try:
        commune = access.access_console_commune(request.user, code)
    except Http404 as exc:  # outside the caller's communes: the same answer as a missing commune
        raise HttpError(404, "Not Found") from exc
    period = _period(year, quarter)
    every = access.sees_every_official(request.user, commune)
    officials = overview.by_official(commune, period, only=None if every else request.user.pk)
    return _results(commune, period, officials)


@router.get(
    "/open/{code}",
    auth=None,
    summary="Open data: a commune's results per service and per official (from 5 ratings), and published comments",
    openapi_extra=error_responses(404, 422),
)
def open_results(
    request: HttpRequest,
    code: str,
    year: int | None = Query(None, ge=2000, le=2100),
    quarter: int | None = Query(None, ge=1, le=4),
) -> dict[str, Any]:
    try:
        commune = access.public_commune(code)
    except Http404 as exc:
        raise HttpError(404, "Not Found") from exc
    period = _period(year, quarter)
    officials = [r for r in overview.by_official(commune, period) if r.shown]
    return {
        **_results(commune, period, officials),
        "comments": [
            {"service": r.service.name, "rated_on": r.rated_on.isoformat(), "comment": r.comment}
            for r in overview.published_comments(commune, period)[:200]
        ],
    }
