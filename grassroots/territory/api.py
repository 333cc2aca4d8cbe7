from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from grassroots.core.pagination import BoundedPagination, error_responses
from grassroots.core.text import fold

from .models import Unit
from .stats import household_count

router = Router(tags=["units"])


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    parent_code: str | None

    @staticmethod
    def resolve_parent_code(obj: Unit | dict[str, object]) -> str | None:
        if isinstance(obj, dict):
            return obj["parent_code"]  # type: ignore[return-value]
        return obj.parent.code if obj.parent is not None else None


class UnitDetailOut(UnitOut):
    household_count: int
    valid_from: str | None
    valid_to: str | None
    successor_codes: list[str]


def _out(unit: Unit) -> dict[str, object]:
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "parent_code": unit.parent.code if unit.parent is not None else None,
    }


@router.get(
    "/", response=list[UnitOut], auth=None, summary="List units (open data)", openapi_extra=error_responses(422)
)
@paginate(BoundedPagination, page_size=100)
def list_units(request: HttpRequest, q: str = "", parent: str = "") -> QuerySet[Unit]:
    units = Unit.objects.select_related("parent").order_by("path")
    if parent:
        units = units.filter(parent__code=parent)
    if q:
        units = units.filter(Q(name_folded__contains=fold(q[:100])) | Q(code__iexact=q[:32]))
    return units


@router.get(
    "/{code}",
    response=UnitDetailOut,
    auth=None,
    summary="One unit with its number of households (open data)",
    openapi_extra=error_responses(404, 422),
)
def get_unit(request: HttpRequest, code: str) -> dict[str, object]:
    unit = get_object_or_404(Unit.objects.select_related("parent"), code=code)
    return {
        **_out(unit),
        "household_count": household_count(unit),
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
        "successor_codes": list(unit.successors.values_list("code", flat=True)),
    }
