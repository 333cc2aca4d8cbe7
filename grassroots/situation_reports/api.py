"""JSON API of situation reports (authenticated): the rounds the caller sees and, for a round, where each
reporting unit the caller may read stands. No free text of a report leaves through the API."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from grassroots.accounts.http import AuthedRequest
from grassroots.core.pagination import error_responses

from . import access, overview
from .models import ReportRound

router = Router(tags=["situation reports"])


def _round(r: ReportRound) -> dict[str, Any]:
    return {
        "id": r.pk,
        "unit": r.unit.code,
        "period": r.period_kind,
        "starts_on": r.starts_on.isoformat(),
        "ends_on": r.ends_on.isoformat(),
        "village_deadline": r.village_deadline.isoformat(),
        "commune_deadline": r.commune_deadline.isoformat(),
    }


@router.get("/rounds", summary="The rounds the caller steers or reports in (newest first, at most 100)",
            openapi_extra=error_responses(401))  # fmt: skip
def list_situation_rounds(request: AuthedRequest) -> list[dict[str, Any]]:
    return [_round(r) for r in access.visible_rounds(request.user)[:100]]


@router.get("/rounds/{round_id}", summary="A round: the status of each reporting unit the caller may read",
            openapi_extra=error_responses(401, 404, 422))  # fmt: skip
def get_situation_round(request: AuthedRequest, round_id: int) -> dict[str, Any]:
    round_ = access.visible_rounds(request.user).filter(pk=round_id).first()
    if round_ is None:
        raise HttpError(404, "Not Found")
    user, today = request.user, timezone.localdate()
    rows = overview.flat(overview.all_rows(round_, today))
    units = []
    may_read = access.reader(user)
    for r in rows:
        if not may_read(r.unit):
            continue
        report = r.report if r.submitted else None
        units.append({
            "code": r.unit.code,
            "name": r.unit.name,
            "kind": r.unit.kind,
            "deadline": r.deadline.isoformat(),
            "status": r.standing.value,
            "submitted_at": report.submitted_at.isoformat() if report and report.submitted_at else None,
            "hot_spot_count": report.hot_spot_count if report else None,
            "complaints_trend": report.complaints_trend if report else None,
        })  # fmt: skip
    return {**_round(round_), "units": units}
