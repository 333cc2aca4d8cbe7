"""JSON API for village heads: the head in office and a village's elections are open data (auth=None);
an election's console read needs a token or a verified session and the caller's access."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from grassroots.accounts.http import AuthedRequest
from grassroots.core.pagination import error_responses
from grassroots.territory.models import Unit, unit_by_code

from . import access, reads
from .models import Election

router = Router(tags=["village heads"])


def _village(code: str) -> Unit:
    village = unit_by_code(code)
    if village is None or not village.is_village_level:
        raise HttpError(404, "Not Found")
    return village


@router.get(
    "/villages/{code}/head",
    auth=None,
    summary="The village head in office (open data)",
    openapi_extra=error_responses(404, 422),
)
def get_village_head(request: HttpRequest, code: str) -> dict[str, object]:
    return reads.public_head(_village(code))


@router.get(
    "/villages/{code}/elections",
    auth=None,
    summary="A village's head elections (open data)",
    openapi_extra=error_responses(404, 422),
)
def list_village_elections(request: HttpRequest, code: str) -> list[dict[str, object]]:
    village = _village(code)
    elections = Election.objects.filter(village=village).select_related("village", "winner")[:20]
    return [reads.public_election(e) for e in elections]


@router.get(
    "/elections/{election_id}",
    summary="One election, as its console shows it",
    openapi_extra=error_responses(401, 404, 422),
)
def get_election(request: AuthedRequest, election_id: int) -> dict[str, Any]:
    election = access.access_election(request.user, election_id)
    data = reads.public_election(election)
    data["team"] = [{"name": m.full_name, "leads": m.leads} for m in election.team.all()]
    data["plan"] = election.plan
    return data
