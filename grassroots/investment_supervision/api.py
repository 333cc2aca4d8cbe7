"""JSON API of community investment supervision: the caller's projects (the console) and one project in full; as
open data (auth=None), a commune's projects with the checklist's progress, the recommendations sent and the
commune's answers. No personal data beyond the members' names and roles. The same reads as the pages."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from grassroots.accounts.http import AuthedRequest
from grassroots.core.pagination import BoundedPagination, error_responses
from grassroots.territory.models import COMMUNE_KINDS, Unit

from . import access, overview
from .models import Project

router = Router(tags=["investment supervision"])


def _project(project: Project, *, full: bool = False) -> dict[str, Any]:
    board = project.board
    items = overview.items_of(board)
    progress = overview.progress(items)
    out: dict[str, Any] = {
        "id": project.pk,
        "commune": project.commune.code,
        "title": project.title,
        "kind": project.kind,
        "board_status": board.status,
        "investor_notified_on": board.investor_notified_on.isoformat() if board.investor_notified_on else None,
        "supervision_starts_on": board.supervision_starts_on.isoformat() if board.supervision_starts_on else None,
        "ended_on": project.ended_on.isoformat() if project.ended_on else None,
        "progress": {"checked": progress.checked, "total": progress.total},
        "members": [
            {"name": m.full_name, "seat": m.seat, "position": m.position} for m in overview.members_on_board(board)
        ],
        "checklist": [{"item": i.key, "status": i.status} for i in items],
        "recommendations": [
            {
                "kind": r.recommendation.kind,
                "text": r.recommendation.text,
                "sent_on": r.recommendation.sent_on.isoformat() if r.recommendation.sent_on else None,
                "answer_due_on": r.due_on.isoformat() if r.due_on else None,
                "answer": r.recommendation.answer,
                "answered_on": r.recommendation.answered_on.isoformat() if r.recommendation.answered_on else None,
                "overdue": r.overdue,
            }
            for r in overview.recommendation_rows(board, sent_only=not full, today=timezone.localdate())
        ],
    }
    if full:
        out["parties"] = [{"role": p.role, "name": p.name} for p in project.parties.all()]
        out["notes"] = {i.key: i.notes for i in items}
    return out


@router.get("/", response=list[dict[str, Any]], summary="The caller's supervised projects",
            openapi_extra=error_responses(401, 422))  # fmt: skip
@paginate(BoundedPagination, page_size=50)
def list_supervised_projects(request: AuthedRequest) -> list[dict[str, Any]]:
    return [_project(p) for p in access.visible_projects(request.user).order_by("-pk")]


@router.get("/{project_id}", summary="One supervised project in full", openapi_extra=error_responses(401, 404, 422))
def get_supervised_project(request: AuthedRequest, project_id: int) -> dict[str, Any]:
    try:
        project = access.access_project(request.user, project_id)
    except Http404 as exc:  # outside the caller's units: the same answer as a missing project
        raise HttpError(404, "Not Found") from exc
    return _project(project, full=True)


@router.get(
    "/open/{code}",
    auth=None,
    summary="Open data: a commune's supervised projects, their progress, recommendations and answers",
    openapi_extra=error_responses(404, 422),
)
def open_supervised_projects(request: HttpRequest, code: str) -> dict[str, Any]:
    commune = Unit.objects.filter(code=code, kind__in=COMMUNE_KINDS).first()
    if commune is None:
        raise HttpError(404, "Not Found")
    projects = list(overview.projects_of(commune).select_related("commune")[:200])
    return {"commune": commune.code, "projects": [_project(p) for p in projects]}
