"""JSON API of the steering committee's figures: a unit's figures for one period with those of the units
below it, and the overdue list below it. Same access as the pages (access.py): outside the caller's units,
404. Authenticated (a token or a verified session), never open data: the figures name communes' lapses."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError

from grassroots.accounts.http import AuthedRequest
from grassroots.core.pagination import error_responses
from grassroots.territory.models import Unit

from . import access, dashboard, refresh
from .figures import Tally

router = Router(tags=["reporting"])
MAX_OVERDUE = 1000


def _unit(request: AuthedRequest, code: str) -> Unit:
    try:
        return access.access_unit(request.user, code)
    except Http404 as exc:  # outside the caller's units: the same answer as a missing unit
        raise HttpError(404, "Not Found") from exc


def _tally(tally: Tally | None) -> dict[str, Any] | None:
    """None: "no data yet" (never zero)."""
    if tally is None or not tally.denominator:
        return None
    return {"numerator": tally.numerator, "denominator": tally.denominator, "items": tally.items,
            "percent": tally.percent}  # fmt: skip


@router.get(
    "/units/{code}/figures",
    summary="A unit's figures for a period, and those of the units directly below it",
    openapi_extra=error_responses(401, 404, 422),
)
def reporting_unit_figures(
    request: AuthedRequest,
    code: str,
    period: str = Query("Q", pattern="^[MQY]$"),
    start: str = Query("", max_length=10),
) -> dict[str, Any]:
    unit = _unit(request, code)
    p = dashboard.parse_period({"period": period, "start": start})
    board = dashboard.build(unit, p)
    refreshed = refresh.last_refreshed()
    return {
        "unit": {"code": unit.code, "name": unit.name, "kind": unit.kind},
        "period": {"kind": p.kind, "start": p.start.isoformat(), "end": p.end.isoformat(), "label": p.label},
        "refreshed_at": refreshed.isoformat() if refreshed else None,
        "indicators": [
            {"code": r.indicator.code, "title": str(r.indicator.title), "citation": r.indicator.citation}
            for r in board.rows
        ],
        "figures": {r.indicator.code: _tally(r.tally) for r in board.rows},
        "children": [
            {
                "code": c.unit.code,
                "name": c.unit.name,
                "kind": c.unit.kind,
                "figures": {i.code: _tally(c.tallies.get(i.code)) for i in board.indicators},
            }
            for c in board.children
        ],
    }


@router.get(
    "/units/{code}/overdue",
    summary="Everything past a statutory deadline in the unit and below it (at most 1000, oldest deadline first)",
    openapi_extra=error_responses(401, 404, 422),
)
def reporting_unit_overdue(
    request: AuthedRequest,
    code: str,
    indicator: str = Query("", max_length=64),
    responsible: str = Query("", max_length=100),
) -> dict[str, Any]:
    unit = _unit(request, code)
    today = timezone.localdate()
    rows = dashboard.overdue(unit, indicator=indicator, responsible=responsible)[:MAX_OVERDUE]
    return {
        "unit": unit.code,
        "today": today.isoformat(),
        "items": [
            {
                "unit": o.unit.code,
                "unit_name": o.unit.name,
                "indicator": o.indicator,
                "title": o.title,
                "deadline": o.deadline.isoformat() if o.deadline else None,
                "days_overdue": dashboard.days_overdue(o.deadline, today),
                "responsible": o.responsible,
                "url": o.url,
            }
            for o in rows
        ],
    }
