"""JSON API for community matters: list, detail, cast an online vote, result, public bulletin."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError
from ninja.pagination import paginate

from grassroots.accounts.api_auth import record_token_use, require_scope, verified_session, vote_token_auth
from grassroots.accounts.http import AuthedRequest
from grassroots.accounts.models import TokenScope
from grassroots.core.errors import DomainError
from grassroots.core.pagination import BoundedPagination, error_responses

from . import actions
from .access import access_matter, visible_unit_paths, voting_household
from .bulletin import bulletin, suppress_small_counts
from .models import COUNTED, Matter, Status

# Every route needs a bearer token or a verified session (the API's default, config/api.py),
# except the public bulletin, which says auth=None; the vote writes the token's last use itself.
router = Router(tags=["matters"])


class MatterOut(Schema):
    id: int
    unit: str
    title: str
    item: int
    scope: str
    status: str
    form: str
    households: int | None
    opens: str | None
    closes: str | None
    adopted: bool | None

    @staticmethod
    def resolve_unit(obj: Matter) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_households(obj: Matter) -> int | None:
        return obj.household_count

    @staticmethod
    def resolve_opens(obj: Matter) -> str | None:
        return obj.opened_at.isoformat() if obj.opened_at else None

    @staticmethod
    def resolve_closes(obj: Matter) -> str | None:
        return obj.closes_at.isoformat() if obj.closes_at else None


class MatterDetailOut(MatterOut):
    question: str
    description: str
    can_vote: bool

    @staticmethod
    def resolve_can_vote(obj: Matter, context: Any) -> bool:
        request = context["request"]
        return obj.status == Status.OPEN and obj.form == "online" and voting_household(request.user, obj) is not None


class VoteIn(Schema):
    choice: str = Field(..., pattern="^(agree|disagree|other)$")
    comment: str = Field("", max_length=2000)


class ReceiptOut(Schema):
    matter: int
    receipt: str
    created: bool


@router.get(
    "/",
    response=list[MatterOut],
    summary="Matters of a unit visible to the caller",
    openapi_extra=error_responses(401, 422),
)
@paginate(BoundedPagination, page_size=50)
def list_matters(request: AuthedRequest, unit: str = Query("", max_length=32)) -> QuerySet[Matter]:
    matters = Matter.objects.in_units(visible_unit_paths(request.user)).select_related("unit")
    if unit:
        matters = matters.filter(unit__code=unit)
    return matters.order_by("-created_at")


@router.get(
    "/{matter_id}",
    response=MatterDetailOut,
    summary="One matter",
    openapi_extra=error_responses(401, 404, 422),
)
def get_matter(request: AuthedRequest, matter_id: int) -> Matter:
    return access_matter(request.user, matter_id)


@router.post(
    "/{matter_id}/votes",
    response={200: ReceiptOut, 201: ReceiptOut},
    auth=[vote_token_auth, verified_session],
    summary="Cast the household's online vote (Idempotency-Key honoured)",
    openapi_extra=error_responses(401, 403, 404, 409, 422),
)
def cast_vote(request: AuthedRequest, matter_id: int, payload: VoteIn) -> Reply[dict[str, Any]]:
    """The peak path: one look-up of the caller's household (in the action), one commit with the
    token's last use in it. On success the action has checked access itself (only a household of
    the matter's village may vote, and it sees the matter); a refusal is a 404 for a matter the
    caller may not see, so that the answer does not tell that it exists."""
    try:
        require_scope(request, TokenScope.VOTE)  # a read-only token may not vote (403)
        key = request.headers.get("Idempotency-Key", "").strip()[:100] or None
        try:
            receipt, created = actions.cast_online_vote(matter_id, user=request.user, choice=payload.choice,
                                                        comment=payload.comment, idempotency_key=key,
                                                        in_transaction=lambda: record_token_use(request))  # fmt: skip
        except actions.AlreadyVoted as exc:
            raise HttpError(409, str(exc.message)) from None
        except Matter.DoesNotExist:
            raise Http404 from None
        except DomainError as exc:
            access_matter(request.user, matter_id)  # 404 for matters the caller may not see
            raise HttpError(422, str(exc.message)) from None
    finally:
        record_token_use(request)  # a no-op once the vote wrote it
    return Reply(201 if created else 200, {"matter": matter_id, "receipt": receipt, "created": created})


@router.get("/{matter_id}/result", summary="The counted result", openapi_extra=error_responses(401, 404, 409, 422))
def get_result(request: AuthedRequest, matter_id: int) -> dict[str, Any]:
    matter = access_matter(request.user, matter_id)
    if matter.status not in COUNTED:
        raise HttpError(409, "not counted yet")
    # Whoever may see the matter sees no count per option of fewer than 5 ballots (the counting
    # officials have them in the console and the count minutes).
    return suppress_small_counts(matter.result or {})


@router.get(
    "/{matter_id}/bulletin",
    auth=None,
    summary="Public bulletin of a counted matter (open data)",
    openapi_extra=error_responses(404, 422),
)
def get_bulletin(request: HttpRequest, matter_id: int) -> dict[str, Any]:
    matter = Matter.objects.counted().filter(pk=matter_id).select_related("unit").first()
    if matter is None:
        raise HttpError(404, "Not Found")
    return bulletin(matter)
