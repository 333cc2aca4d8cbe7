"""JSON API of the casework: the caller's cases (the console, or a resident's own), one case, and as open
data (auth=None) a commune's aggregate figures. The same reads as the pages (overview.py): a hidden
petitioner is never in an answer (Law Art 9(2)); nobody's name is in the open data."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from grassroots.accounts.http import AuthedRequest
from grassroots.accounts.models import AnyUser
from grassroots.core.pagination import BoundedPagination, error_responses

from . import access, overview, rules
from .models import Petition

router = Router(tags=["petitions"])


class CaseOut(Schema):
    id: int
    commune: str
    subject: str
    state: str
    channel: str
    received_on: str
    identity_hidden: bool
    petitioner: str | None
    answer_due: str | None
    answer_overdue: bool


def _case(user: AnyUser, p: Petition) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "id": p.pk,
        "commune": p.commune.code,
        "subject": p.subject,
        "state": p.state,
        "channel": p.channel,
        "received_on": p.received_on.isoformat(),
        "identity_hidden": p.identity_hidden,
        "petitioner": overview.petitioner_for(user, p),
        "answer_due": rules.answer_due(p.sent_on).isoformat() if p.sent_on else None,
        "answer_overdue": bool(p.sent_on) and rules.answer_overdue(p.sent_on, p.answered_on, today),  # type: ignore[arg-type]
    }


@router.get("/", response=list[CaseOut], summary="The caller's cases (board, Front, commune) or own petitions",
            openapi_extra=error_responses(401, 422))  # fmt: skip
@paginate(BoundedPagination, page_size=50)
def list_petitions(request: AuthedRequest) -> list[dict[str, Any]]:
    user = request.user
    cases = access.console_cases(user) if access.may_use_console(user) else access.my_petitions(user)
    return [_case(user, p) for p in cases.order_by("-received_on", "-pk")[:1000]]


@router.get("/{case_id}", summary="One case and its progress", openapi_extra=error_responses(401, 404, 422))
def get_petition(request: AuthedRequest, case_id: int) -> dict[str, Any]:
    try:
        p = access.access_case(request.user, case_id)
    except Http404 as exc:  # outside the caller's communes: the same answer as a missing case
        raise HttpError(404, "Not Found") from exc
    return {
        **_case(request.user, p),
        "body": p.body,
        "findings": p.findings,
        "recommendation": p.recommendation,
        "certified_on": p.certified_on.isoformat() if p.certified_on else None,
        "answer": p.answer,
        "answered_on": p.answered_on.isoformat() if p.answered_on else None,
        "result": p.result,
        "rating": p.rating,
    }


@router.get("/open/{code}", auth=None, summary="Open data: a commune's figures (no personal data)",
            openapi_extra=error_responses(404, 422))  # fmt: skip
def open_figures(request: HttpRequest, code: str) -> dict[str, Any]:
    try:
        commune = access.commune_by_code(code)
    except Http404 as exc:
        raise HttpError(404, "Not Found") from exc
    return {"commune": commune.code, **asdict(overview.figures(overview.commune_cases(commune), timezone.localdate()))}
