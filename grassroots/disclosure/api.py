"""Open data of the disclosure register: published items only, to anyone (auth=None), as the residents'
pages show them (Law Art 13: the web portal is a channel for every item). Drafts are never listed."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from grassroots.core.pagination import BoundedPagination, error_responses
from grassroots.territory.models import unit_by_code

from .models import Item
from .public import published_for, search

router = Router(tags=["disclosures"])


class ItemOut(Schema):
    id: int
    unit: str
    category: int
    title: str
    source_document: str
    decided_on: str
    published_on: str | None
    version: int

    @staticmethod
    def resolve_unit(obj: Item) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_decided_on(obj: Item) -> str:
        return obj.decided_on.isoformat()

    @staticmethod
    def resolve_published_on(obj: Item) -> str | None:
        return obj.published_on.isoformat() if obj.published_on else None


class ItemDetailOut(ItemOut):
    body: str


@router.get(
    "/", response=list[ItemOut], auth=None, summary="Published disclosures (open data)",
    openapi_extra=error_responses(404, 422),
)  # fmt: skip
@paginate(BoundedPagination, page_size=50)
def list_disclosures(request: HttpRequest, unit: str = "", q: str = "", category: int | None = None) -> QuerySet[Item]:
    """A unit's page (its items and its villages', or its commune's), or every published item; newest first."""
    if unit:
        found = unit_by_code(unit[:32])
        if found is None:
            raise Http404
        items = published_for(found)
    else:
        items = Item.objects.published().select_related("unit")
    return search(items, q[:100], category)


@router.get(
    "/{item_id}", response=ItemDetailOut, auth=None, summary="One published disclosure (open data)",
    openapi_extra=error_responses(404, 422),
)  # fmt: skip
def get_disclosure(request: HttpRequest, item_id: int) -> Item:
    item = Item.objects.published().select_related("unit").filter(pk=item_id).first()
    if item is None:
        raise Http404
    return item
