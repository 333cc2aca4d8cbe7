"""JSON API of the steering committee's figures: a unit's figures for one period with those of the units
below it, and the overdue list below it (paginated). Same access as the pages (access.py): outside the
caller's units, 404. Authenticated (a token or a verified session), never open data: the figures name communes'
lapses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from grassroots.accounts.http import AuthedRequest
from grassroots.core.pagination import BoundedPagination, error_responses
from grassroots.territory.models import Unit

from . import access, dashboard, refresh
from .figures import Tally
from .models import OverdueItem

router = Router(tags=["reporting"])
# The span of days the figures are kept for (as the pages' `dashboard.parse_period`).
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _unit(request: AuthedRequest, code: str) -> Unit:
    try:
        return access.access_unit(request.user, code)
    except Http404 as exc:  # outside the caller's units: the same answer as a missing unit
        raise HttpError(404, "Not Found") from exc


def _period(kind: str, start: str) -> dashboard.Period:
    """The period asked for; a `start` that is not a day is refused (the pages fall back to this quarter, an
    API caller would not notice that they got another period than the one they asked for)."""
    if start:
        try:
            day = dt.date.fromisoformat(start)
        except ValueError:
            raise HttpError(422, _("start: not a date. Write a day of the period as YYYY-MM-DD.")) from None
        if not FIRST_DAY <= day <= LAST_DAY:
            raise HttpError(422, _("start: choose a day between 2000-01-01 and 2100-12-31.")) from None
    return dashboard.parse_period({"period": kind, "start": start})


def _tally(tally: Tally | None) -> dict[str, Any] | None:
    """None: "no data yet" (never zero)."""
    if tally is None or not tally.denominator:
        return None
    return {"numerator": tally.numerator, "denominator": tally.denominator, "items": tally.items,
            "percent": tally.percent}  # fmt: skip


@router.get(
    "/units/{code}/figures",
    summary="A unit's figures for a period, and those of the units directly below it",
    description=(
        "`period`: M, Q or Y; `start`: any day of the period (YYYY-MM-DD; this quarter when left out). Each "
        'indicator gives `citation`, the rule in the code\'s shorthand ("Law Art 12(3)", empty when no article '
        "sets it), and `citation_text`, the same in the official form of the request's language."
    ),
    openapi_extra=error_responses(401, 404, 422),
)
def reporting_unit_figures(
    request: AuthedRequest,
    code: str,
    period: str = Query("Q", pattern="^[MQY]$"),
    start: str = Query("", max_length=10),
) -> dict[str, Any]:
    unit = _unit(request, code)
    p = _period(period, start)
    board = dashboard.build(unit, p)
    refreshed = refresh.last_refreshed()
    language = get_language()
    return {
        "unit": {"code": unit.code, "name": unit.name, "kind": unit.kind},
        "period": {"kind": p.kind, "start": p.start.isoformat(), "end": p.end.isoformat(), "label": p.label},
        "refreshed_at": refreshed.isoformat() if refreshed else None,
        "indicators": [
            {
                "code": r.indicator.code,
                "title": str(r.indicator.title),
                "citation": r.indicator.citation,
                "citation_text": dashboard.citation_words(r.indicator, language),
            }
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


class OverdueOut(Schema):
    """One item past its statutory deadline and not done, as the last refresh of its commune found it."""

    unit: str = Field(description="Code of the unit the item belongs to")
    unit_name: str
    indicator: str = Field(description="Code of the indicator that counts it")
    title: str
    deadline: str | None = Field(description="YYYY-MM-DD")
    days_overdue: int | None = Field(description="Days since the deadline, today in the platform's time zone")
    responsible: str = Field(description="Who must act, as an office and a unit")
    url: str = Field(description="The item's page (it checks its own access)")

    @staticmethod
    def resolve_unit(o: OverdueItem) -> str:
        return o.unit.code

    @staticmethod
    def resolve_unit_name(o: OverdueItem) -> str:
        return o.unit.name

    @staticmethod
    def resolve_deadline(o: OverdueItem) -> str | None:
        return o.deadline.isoformat() if o.deadline else None

    @staticmethod
    def resolve_days_overdue(o: OverdueItem) -> int | None:
        return dashboard.days_overdue(o.deadline, timezone.localdate())


@router.get(
    "/units/{code}/overdue",
    response=list[OverdueOut],
    summary="Everything past a statutory deadline in the unit and below it, oldest deadline first",
    description="Paginated: `page` and `page_size` (at most 500); `count` is the total of the list.",
    openapi_extra=error_responses(401, 404, 422),
)
@paginate(BoundedPagination, page_size=50)
def reporting_unit_overdue(
    request: AuthedRequest,
    code: str,
    indicator: str = Query("", max_length=64),
    responsible: str = Query("", max_length=100),
) -> Any:
    unit = _unit(request, code)
    return dashboard.overdue(unit, indicator=indicator, responsible=responsible)
