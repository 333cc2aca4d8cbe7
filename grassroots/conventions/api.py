"""JSON API for village conventions: the public register as open data (auth=None: the posted drafts, the
versions in force and their history, the province's statistics, D61 Arts 9, 15, 16), and the console's list
of the caller's conventions with their late steps (a token or a verified session, scoped to the caller's units)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from grassroots.accounts.http import AuthedRequest
from grassroots.core.pagination import BoundedPagination, error_responses

from .access import console_paths
from .deadlines import late_rulings, late_steps, province_statistics
from .models import Convention, Version

router = Router(tags=["conventions"])


class ConventionOut(Schema):
    id: int
    village: str
    village_name: str
    kind: str
    title: str
    status: str
    in_force_version: int | None
    in_force_from: str | None

    @staticmethod
    def resolve_village(obj: Convention) -> str:
        return obj.village.code

    @staticmethod
    def resolve_village_name(obj: Convention) -> str:
        return obj.village.name

    @staticmethod
    def resolve_in_force_version(obj: Convention) -> int | None:
        current = obj.current()
        return current.number if current else None

    @staticmethod
    def resolve_in_force_from(obj: Convention) -> str | None:
        current = obj.current()
        return current.effective_on.isoformat() if current and current.effective_on else None


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


def _version(v: Version) -> dict[str, Any]:
    return {
        "id": v.pk,
        "number": v.number,
        "status": v.status,
        "change_note": v.change_note,
        "posted_on": _day(v.posted_on),
        "posting_ends_on": _day(v.posting_ends_on),
        "matter": v.matter_id,
        "adopted_on": _day(v.adopted_on),
        "dossier_filed_on": _day(v.dossier_filed_on),
        "recognized_on": _day(v.recognized_on),
        "effective_on": _day(v.effective_on),
        "decision_number": v.decision_number,
        "refused_on": _day(v.refused_on),
        "refusal_reason": v.refusal_reason,
        "distributed_on": _day(v.distributed_on),
        "superseded_on": _day(v.superseded_on),
    }


@router.get(
    "/",
    auth=None,
    response=list[ConventionOut],
    summary="The public register of village conventions (open data)",
    openapi_extra=error_responses(422),
)
@paginate(BoundedPagination, page_size=50)
def list_conventions(request: HttpRequest, village: str = Query("", max_length=32)) -> QuerySet[Convention]:
    conventions = Convention.objects.public().select_related("village")
    if village:
        conventions = conventions.filter(village__code=village)
    return conventions.order_by("village__path", "pk")


@router.get(
    "/statistics",
    auth=None,
    summary="Conventions by province: D61 Art 16 statistics (open data)",
    openapi_extra=error_responses(422),
)
def get_statistics(request: HttpRequest, year: int = Query(0, ge=0, le=9999)) -> list[dict[str, Any]]:
    rows = province_statistics(year or timezone.localdate().year)
    return [{"province": r.province.code, "name": r.province.name, "recognized": r.recognized,
             "not_recognized": r.not_recognized, "amended": r.amended, "suspended": r.suspended,
             "abolished": r.abolished} for r in rows]  # fmt: skip


@router.get(
    "/console",
    summary="The conventions of the caller's units with their late steps",
    openapi_extra=error_responses(401, 422),
)
def console(request: AuthedRequest) -> list[dict[str, Any]]:
    today = timezone.localdate()
    out = []
    for convention in Convention.objects.in_units(console_paths(request.user)).select_related("village"):
        latest = convention.latest()
        late = (late_steps(latest, today) if latest else []) + late_rulings(convention, today)
        out.append({"id": convention.pk, "village": convention.village.code, "title": convention.title,
                    "status": convention.status, "latest_version": _version(latest) if latest else None,
                    "late": [{"what": item.what, "due_on": item.due_on.isoformat(), "article": item.article}
                             for item in late]})  # fmt: skip
    return out


@router.get("/{convention_id}", auth=None, summary="A convention with every version and its history (open data)",
            openapi_extra=error_responses(404, 422))  # fmt: skip
def get_convention(request: HttpRequest, convention_id: int) -> dict[str, Any]:
    convention = Convention.objects.public().filter(pk=convention_id).select_related("village").first()
    if convention is None:
        raise HttpError(404, "Not Found")
    versions = convention.versions.filter(posted_on__isnull=False).order_by("number")
    return {
        "id": convention.pk,
        "village": convention.village.code,
        "title": convention.title,
        "kind": convention.kind,
        "status": convention.status,
        "review_day": f"{convention.review_day:02d}-{convention.review_month:02d}",
        "versions": [_version(v) for v in versions],
        "rulings": [
            {
                "kind": r.kind,
                "whole": r.whole,
                "articles": r.articles,
                "received_on": _day(r.received_on),
                "due_on": _day(r.due_on),
                "outcome": r.outcome,
                "decided_on": _day(r.decided_on),
                "reasons": r.reasons,
                "fix_by": _day(r.fix_by),
            }
            for r in convention.rulings.all()
        ],
        "reviews": [{"held_on": _day(r.held_on), "summary": r.summary} for r in convention.reviews.all()],
    }


@router.get("/versions/{version_id}", auth=None, summary="A posted version's text by article, with its comments (open data)",
            openapi_extra=error_responses(404, 422))  # fmt: skip
def get_version(request: HttpRequest, version_id: int) -> dict[str, Any]:
    version = Version.objects.filter(pk=version_id, posted_on__isnull=False).first()
    if version is None:
        raise HttpError(404, "Not Found")
    comments = [
        {"article": c.article.number if c.article else None, "channel": c.channel, "given_on": _day(c.given_on),
         "hidden": c.hidden_at is not None, "hidden_reason": c.hidden_reason,
         "body": "" if c.hidden_at else c.body}
        for c in version.comments.select_related("article")
    ]  # fmt: skip
    return {**_version(version), "convention": version.convention_id,
            "articles": [{"number": a.number, "title": a.title, "body": a.body} for a in version.articles.all()],
            "comments": comments}  # fmt: skip
