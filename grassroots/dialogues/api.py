"""JSON API of the dialogues (Law Art 32): a commune's dialogues and yearly standing for its console,
and, as open data (auth=None), a commune's published dialogues with their questions and published
answers. No asker's identity leaves through the API, signed or not."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError

from grassroots.accounts.http import AuthedRequest
from grassroots.core.pagination import error_responses

from . import access, overview
from .models import Dialogue

router = Router(tags=["dialogues"])


def _dialogue(d: Dialogue, *, console: bool) -> dict[str, Any]:
    questions = d.questions.all() if console else overview.public_questions(d)
    return {
        "id": d.pk,
        "planned_on": d.planned_on.isoformat(),
        "venue": d.venue,
        "topics": d.topics,
        "front_agreed_on": d.front_agreed_on.isoformat() if d.front_agreed_on else None,
        "notice_published_on": d.notice_published_on.isoformat() if d.notice_published_on else None,
        "held_on": d.held_on.isoformat() if d.held_on else None,
        "attendance": d.attendance,
        "conclusion": d.conclusion if d.is_closed or console else "",
        "minutes_closed": d.is_closed,
        "questions": [
            {
                "text": q.text,
                "channel": q.channel,
                "received_on": q.received_on.isoformat(),
                "status": q.status,
                "answer": q.answer if console else overview.public_answer(q),
                "answered_by": q.answered_by_name if (console or q.status == "published") else "",
            }
            for q in questions
        ],
    }


def _standing(commune: Any, year: int) -> dict[str, Any]:
    row = overview.communes_in_year([commune], year)[0]
    return {"year": year, "status": str(row.status), "flagged": row.flagged}


@router.get(
    "/communes/{code}",
    summary="A commune's dialogues and its yearly standing (console: officials, chair, Front)",
    openapi_extra=error_responses(401, 404, 422),
)
def commune_dialogues(
    request: AuthedRequest, code: str, year: int | None = Query(None, ge=2000, le=2100)
) -> dict[str, Any]:
    try:
        commune = access.access_console_commune(request.user, code)
    except Http404 as exc:  # outside the caller's communes: the same answer as a missing commune
        raise HttpError(404, "Not Found") from exc
    year = year or timezone.localdate().year
    dialogues = Dialogue.objects.filter(commune=commune).order_by("-planned_on")[:50]
    return {"commune": commune.code, "standing": _standing(commune, year),
            "dialogues": [_dialogue(d, console=True) for d in dialogues]}  # fmt: skip


@router.get(
    "/open/{code}",
    auth=None,
    summary="Open data: a commune's published dialogues, questions and published answers, without identities",
    openapi_extra=error_responses(404, 422),
)
def open_dialogues(request: HttpRequest, code: str, year: int | None = Query(None, ge=2000, le=2100)) -> dict[str, Any]:
    try:
        commune = access.public_commune(code)
    except Http404 as exc:
        raise HttpError(404, "Not Found") from exc
    year = year or timezone.localdate().year
    return {"commune": commune.code, "standing": _standing(commune, year),
            "dialogues": [_dialogue(d, console=False) for d in access.public_dialogues(commune)[:50]]}  # fmt: skip
