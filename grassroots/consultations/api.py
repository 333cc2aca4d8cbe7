"""JSON API of the consultations: the caller's consultations and one of them (staff of the commune and
its residents), and, as open data (auth=None), the published consultations of a unit with their drafts,
aggregated results and synthesis. Never an individual's identity, not even a publicly signed name: open
data carries counts and the answered groups, not opinions."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from grassroots.accounts.http import AuthedRequest
from grassroots.core.pagination import BoundedPagination, error_responses

from . import access, overview
from .models import Consultation

router = Router(tags=["consultations"])


class SummaryOut(Schema):
    id: int
    commune: str
    village: str | None
    kind: str
    title: str
    status: str
    published_on: str | None
    closes_on: str | None
    days_left: int


def _summary(c: Consultation) -> dict[str, Any]:
    return {
        "id": c.pk,
        "commune": c.commune.code,
        "village": c.village.code if c.village else None,
        "kind": c.kind,
        "title": c.title,
        "status": str(c.status()),
        "published_on": c.published_on.isoformat() if c.published_on else None,
        "closes_on": c.closes_on.isoformat() if c.closes_on else None,
        "days_left": c.days_left,
    }


def _full(c: Consultation) -> dict[str, Any]:
    """The consultation with its plan, drafts, aggregated results and, once published, its synthesis."""
    tally = overview.tally(c)
    published = c.synthesis_published_at is not None
    return {
        **_summary(c),
        "summary": c.summary,
        "channels": c.channels,
        "timeline": c.timeline,
        "responsible": c.responsible,
        "window_days": c.window_days,
        "other_law": c.other_law,
        "plan_to_council_on": c.plan_to_council_on.isoformat() if c.plan_to_council_on else None,
        "plan_to_front_on": c.plan_to_front_on.isoformat() if c.plan_to_front_on else None,
        "drafts": [
            {
                "version": d.number,
                "title": d.title,
                "note": d.note,
                "articles": [
                    {"section": a.section, "number": a.number, "title": a.title, "body": a.body}
                    for a in d.articles.all()
                ],
            }
            for d in c.drafts.prefetch_related("articles")
        ],
        "opinions": {
            "total": tally.total,
            "hidden": tally.hidden,
            "by_stance": {label: count for label, count, _p in tally.by_stance},
            "majority": tally.majority,
        },
        "questionnaire": [
            {
                "question": r.text,
                "kind": r.kind,
                "answered": r.answered,
                "average": r.average,
                "counts": [{"option": o, "count": n} for o, n, _p in r.rows],
            }
            for r in overview.questionnaire(c, with_texts=False)
        ],
        "synthesis": {
            "summary": c.synthesis_summary,
            "published_at": c.synthesis_published_at.isoformat() if c.synthesis_published_at else None,
            "groups": [
                {
                    "title": g.title,
                    "take_up": g.take_up,
                    "explanation": g.explanation,
                    "opinions": g.opinions.filter(hidden_at__isnull=True).count(),
                }
                for g in c.groups.all()
            ],
            "outcome": c.outcome,
            "decision": c.decision_text,
            "departure_explanation": c.departure_explanation,
        }
        if published
        else None,
    }


@router.get(
    "/", response=list[SummaryOut], summary="The consultations the caller sees", openapi_extra=error_responses(401, 422)
)
@paginate(BoundedPagination, page_size=50)
def list_consultations(request: AuthedRequest) -> list[dict[str, Any]]:
    return [_summary(c) for c in access.visible_to(request.user).order_by("-published_on", "-pk")]


@router.get("/{consultation_id}", summary="One consultation", openapi_extra=error_responses(401, 404, 422))
def get_consultation(request: AuthedRequest, consultation_id: int) -> dict[str, Any]:
    try:
        c = access.access_consultation(request.user, consultation_id)
    except Http404 as exc:  # outside the caller's units: the same answer as a missing one
        raise HttpError(404, "Not Found") from exc
    return _full(c)


@router.get(
    "/open/unit/{code}",
    auth=None,
    summary="Open data: the published consultations of a commune or village",
    openapi_extra=error_responses(404, 422),
)
def open_consultations(request: HttpRequest, code: str) -> dict[str, Any]:
    unit = overview.unit_by_code(code)
    if unit is None:
        raise HttpError(404, "Not Found")
    return {"unit": unit.code, "consultations": [_summary(c) for c in overview.published_in(unit)[:500]]}


@router.get(
    "/open/{consultation_id}",
    auth=None,
    summary="Open data: one published consultation, its drafts, aggregated results and synthesis",
    openapi_extra=error_responses(404, 422),
)
def open_consultation(request: HttpRequest, consultation_id: int) -> dict[str, Any]:
    c = (
        Consultation.objects.filter(pk=consultation_id, published_on__isnull=False)
        .select_related("commune", "village")
        .first()
    )
    if c is None:
        raise HttpError(404, "Not Found")
    return _full(c)
