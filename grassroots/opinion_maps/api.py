"""JSON API of opinion maps: the caller's maps (staff of the commune), one map with its report, and, as
open data (auth=None), a published map's report. Aggregates only: never a vote, a participant or an
author's identity (except the name a resident chose to sign a statement with)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from grassroots.accounts.http import AuthedRequest
from grassroots.core.pagination import BoundedPagination, error_responses

from . import access, reports
from .models import OpinionMap

router = Router(tags=["opinion maps"])


class MapOut(Schema):
    id: int
    unit: str
    title: str
    question: str
    status: str
    opens_on: str
    closes_on: str
    published: bool


def _map(m: OpinionMap) -> dict[str, Any]:
    return {
        "id": m.pk, "unit": m.unit.code, "title": m.title, "question": m.question, "status": m.status,
        "opens_on": m.opens_on.isoformat(), "closes_on": m.closes_on.isoformat(), "published": m.is_published,
    }  # fmt: skip


def _report(m: OpinionMap) -> dict[str, Any] | None:
    view = reports.view(m)
    if view is None:
        return None
    data = view.report.data
    return {
        "computed_at": view.report.computed_at.isoformat(),
        "participants": data["participants"],
        "placed": data["placed"],
        "groups": [{k: g[k] for k in ("label", "size", "centre", "representative")} for g in view.groups],
        "consensus": view.consensus,
        "statements": [
            {
                "id": r.statement.pk,
                "text": r.statement.text,
                "signed_by": r.author or None,
                "agree": r.agree,
                "disagree": r.disagree,
                "pass": r.passes,
                "groups": r.groups,
            }
            for r in view.rows
        ],
    }


@router.get(
    "/", response=list[MapOut], summary="The opinion maps the caller sees", openapi_extra=error_responses(401, 422)
)
@paginate(BoundedPagination, page_size=50)
def list_opinion_maps(request: AuthedRequest) -> list[dict[str, Any]]:
    return [_map(m) for m in access.console_maps(request.user)]


@router.get("/{map_id}", summary="One opinion map and its latest report", openapi_extra=error_responses(401, 404, 422))
def get_opinion_map(request: AuthedRequest, map_id: int) -> dict[str, Any]:
    try:
        m = access.access_map(request.user, map_id)
    except Http404 as exc:  # outside the caller's units: the same answer as a missing map
        raise HttpError(404, "Not Found") from exc
    return {**_map(m), "report": _report(m)}


@router.get(
    "/open/{map_id}", auth=None, summary="Open data: a published opinion map and its report",
    openapi_extra=error_responses(404, 422),
)  # fmt: skip
def open_opinion_map(request: HttpRequest, map_id: int) -> dict[str, Any]:
    try:
        m = access.published_map(map_id)
    except Http404 as exc:
        raise HttpError(404, "Not Found") from exc
    return {**_map(m), "report": _report(m)}
