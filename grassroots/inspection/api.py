"""JSON API of the People's Inspection Board: the board of one of the caller's communes (the console), and,
as open data (auth=None), a commune's composition: aggregates and the names, seats and villages of its
members, nothing else personal (Law Art 36: the composition is announced to residents)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router
from ninja.errors import HttpError

from grassroots.accounts.http import AuthedRequest
from grassroots.core.pagination import error_responses

from . import access, overview

router = Router(tags=["inspection board"])


def _composition(view: overview.BoardView) -> dict[str, Any]:
    board, comp = view.board, view.composition
    if board is None or comp is None:
        return {"commune": view.commune.code, "name": view.commune.name, "board": None}
    return {
        "commune": view.commune.code,
        "name": view.commune.name,
        "board": {
            "term_starts_on": board.term_starts_on.isoformat(),
            "term_ends_on": board.term_ends_on.isoformat(),
            "villages": comp.villages,
            "seats": comp.seats,
            "members_serving": comp.filled,
            "vacancies": comp.vacancies,
            "villages_not_represented": len(comp.unrepresented),
            "deputies_allowed": board.deputies_allowed,
            "announced_on": board.announced_on.isoformat() if board.announced_on else None,
            "members": [{"full_name": m.full_name, "seat": m.seat, "village": m.village.code} for m in view.members],
        },
    }


@router.get(
    "/open/{code}",
    auth=None,
    summary="Open data: a commune's People's Inspection Board (aggregates and members' names)",
    openapi_extra=error_responses(404, 422),
)
def open_inspection_board(request: HttpRequest, code: str) -> dict[str, Any]:
    commune = overview.commune_by_code(code)
    if commune is None:
        raise HttpError(404, "Not Found")
    return _composition(overview.board_view(commune))


@router.get(
    "/{code}",
    summary="The board of one of the caller's communes, with its candidacies",
    openapi_extra=error_responses(401, 404, 422),
)
def get_inspection_board(request: AuthedRequest, code: str) -> dict[str, Any]:
    try:
        commune = access.access_commune(request.user, code)
    except Http404 as exc:  # outside the caller's communes: the same answer as a missing one
        raise HttpError(404, "Not Found") from exc
    view = overview.board_view(commune)
    data = _composition(view)
    if data["board"] is not None:
        data["board"]["candidacies"] = [
            {"full_name": c.full_name, "village": c.village.code, "status": c.status, "matter": c.matter_id,
             "by_election": c.replaces_id is not None}
            for c in view.candidacies
        ]  # fmt: skip
        data["board"]["by_elections_due"] = len(view.by_elections_due)
    return data
