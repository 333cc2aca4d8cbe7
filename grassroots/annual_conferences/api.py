"""JSON API of the annual conferences: the caller's villages with the year's standing (the console), one
village's conferences, and, as open data (auth=None), the standing of every village under a unit with its
last conference held. The same reads as the pages (overview.py)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from grassroots.accounts.http import AuthedRequest
from grassroots.core.pagination import BoundedPagination, error_responses
from grassroots.territory.models import VILLAGE_KINDS, Unit

from . import access, overview
from .models import Conference

# Every route needs a bearer token or a verified session (the API's default, config/api.py), except
# the open data, which says auth=None.
router = Router(tags=["annual conferences"])


class StandingOut(Schema):
    village: str
    name: str
    commune: str | None
    year: int
    status: str
    flagged: bool
    planned_on: str | None
    held_on: str | None
    households_present: int | None
    households: int | None
    report_sent_on: str | None
    report_overdue: bool


def _standing(row: overview.VillageYear) -> dict[str, Any]:
    c = row.conference
    return {
        "village": row.village.code,
        "name": row.village.name,
        "commune": row.village.parent.code if row.village.parent else None,
        "year": row.year,
        "status": str(row.status),
        "flagged": row.flagged,
        "planned_on": c.planned_on.isoformat() if c else None,
        "held_on": c.held_on.isoformat() if c and c.held_on else None,
        "households_present": c.households_present if c else None,
        "households": c.households_total if c else None,
        "report_sent_on": c.report_sent_on.isoformat() if c and c.report_sent_on else None,
        "report_overdue": row.report_overdue,
    }


def _conference(c: Conference) -> dict[str, Any]:
    return {
        "id": c.pk,
        "year": c.year,
        "planned_on": c.planned_on.isoformat(),
        "venue": c.venue,
        "content": c.content,
        "agreed_by": sorted(c.agreements.values_list("party", flat=True)),
        "notice_sent_on": c.notice_sent_on.isoformat() if c.notice_sent_on else None,
        "held_on": c.held_on.isoformat() if c.held_on else None,
        "households_present": c.households_present,
        "households": c.households_total,
        "reports": c.reports(),
        "proposals": c.proposals,
        "answers": c.answers,
        "approved_contents": c.approved_contents,
        "praise": c.praise,
        "convention_review": c.convention_review,
        "minutes_closed": c.is_closed,
        "report_sent_on": c.report_sent_on.isoformat() if c.report_sent_on else None,
    }


def _year(year: int | None) -> int:
    return year or timezone.localdate().year


@router.get(
    "/",
    response=list[StandingOut],
    summary="The caller's villages and their conference of the year",
    openapi_extra=error_responses(401, 422),
)
@paginate(BoundedPagination, page_size=50)
def list_village_conferences(
    request: AuthedRequest, year: int | None = Query(None, ge=2000, le=2100)
) -> list[dict[str, Any]]:
    return [_standing(row) for row in overview.villages_in_year(access.console_villages(request.user), _year(year))]


@router.get("/villages/{code}", summary="One village's conferences", openapi_extra=error_responses(401, 404, 422))
def get_village_conferences(request: AuthedRequest, code: str) -> dict[str, Any]:
    try:
        village = access.access_village(request.user, code)
    except Http404 as exc:  # outside the caller's units: the same answer as a missing village
        raise HttpError(404, "Not Found") from exc
    return {"village": village.code, "conferences": [_conference(c) for c in overview.conferences_of(village)]}


@router.get(
    "/open/{code}",
    auth=None,
    summary="Open data: every village under a unit with its conference of the year and its last one held",
    openapi_extra=error_responses(404, 422),
)
def open_conferences(
    request: HttpRequest, code: str, year: int | None = Query(None, ge=2000, le=2100)
) -> dict[str, Any]:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise HttpError(404, "Not Found")
    villages = list(Unit.objects.filter(path__startswith=unit.path, kind__in=VILLAGE_KINDS).order_by("path")[:1000])
    rows = overview.villages_in_year(villages, _year(year))
    last = {v.pk: overview.last_held(v) for v in villages} if len(villages) <= 50 else {}
    return {
        "unit": unit.code,
        "year": _year(year),
        "villages": [
            {
                **_standing(row),
                "last_held_on": (lh.held_on.isoformat() if (lh := last.get(row.village.pk)) and lh.held_on else None),
            }
            for row in rows
        ],
    }
