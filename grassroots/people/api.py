from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from grassroots.core.pagination import BoundedPagination, error_responses
from grassroots.core.phone import mask_phone

from .access import access_register_unit
from .models import Household, Representation

router = Router(tags=["register"])


class HouseholdOut(Schema):
    id: int
    code: str
    unit_code: str
    address: str
    representative: str | None
    representative_phone: str | None

    @staticmethod
    def resolve_unit_code(obj: Household) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_representative(obj: Household) -> str | None:
        reps = getattr(obj, "current_reps", [])
        return reps[0].resident.full_name if reps else None

    @staticmethod
    def resolve_representative_phone(obj: Household) -> str | None:
        # Personal data stays minimal on the wire: the phone number is masked.
        reps = getattr(obj, "current_reps", [])
        return mask_phone(reps[0].resident.phone) if reps else None


@router.get(
    "/{code}/households",
    response=list[HouseholdOut],
    summary="Households of a commune or village (officials)",
    openapi_extra=error_responses(401, 404, 422),
)
@paginate(BoundedPagination, page_size=100)
def list_households(request: HttpRequest, code: str) -> QuerySet[Household]:
    unit = access_register_unit(request.user, code)  # 404 outside the caller's communes
    reps = Representation.objects.filter(valid_to__isnull=True).select_related("resident")
    return (
        Household.objects.active()
        .filter(unit__path__startswith=unit.path)
        .select_related("unit")
        .prefetch_related(Prefetch("representations", queryset=reps, to_attr="current_reps"))
        .order_by("code")
    )
