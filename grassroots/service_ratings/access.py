"""Who may see and do what with satisfaction ratings. Everything outside the caller's commune is a 404.

- The commune official keeps the list of services and, with the chair, moderates comments.
- The chair, the commune officials and the commune Front see the results and the comments (the Front
  supervises the commune government, Law Art 32–33 of the supervision chapter; 10.N).
- An official who is rated never sees the comments or single ratings about themselves, only their own
  aggregates (above the small-count floor), and never moderates a comment about themselves: the residents
  who rated are protected from retaliation (Law Art 9, Art 35(2)(d)).
- A resident (a verified account, member of a household of the commune, holding no official role) rates.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from grassroots.accounts.models import OFFICIAL_ROLES, AnyUser, Role, RoleAssignment, User
from grassroots.accounts.roles import access_role_commune, holds_in, role_communes, role_unit_ids
from grassroots.people.models import Membership
from grassroots.territory.models import COMMUNE_KINDS, Unit

from .models import Rating, Service

# The officials a resident may rate: those holding a commune role of the People's Committee.
RATED_ROLES = frozenset({Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR})
# Who keeps the list of services (the issue: "the commune official keeps the list of services").
KEEPING_ROLES = frozenset({Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR})
# Who moderates comments (never one about themselves).
MODERATING_ROLES = frozenset({Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR})
# Who sees every official's aggregates: the chair (who directs the staff) and the commune Front.
OVERSEEING_ROLES = frozenset({Role.COMMUNE_CHAIR, Role.COMMUNE_FRONT})
CONSOLE_ROLES = KEEPING_ROLES | OVERSEEING_ROLES


def console_communes(user: AnyUser) -> list[Unit]:
    return role_communes(user, CONSOLE_ROLES)


def may_use_console(user: AnyUser) -> bool:
    return bool(console_communes(user))


_holds = holds_in  # the user holds one of the roles in exactly this commune


def access_console_commune(user: AnyUser, code: str) -> Unit:
    return access_role_commune(user, code, CONSOLE_ROLES, exactly=True)


def can_keep_services(user: AnyUser, commune: Unit) -> bool:
    return _holds(user, commune, KEEPING_ROLES)


def can_moderate(user: AnyUser, commune: Unit) -> bool:
    return _holds(user, commune, MODERATING_ROLES)


def sees_every_official(user: AnyUser, commune: Unit) -> bool:
    return _holds(user, commune, OVERSEEING_ROLES)


def rated_officials(commune: Unit) -> QuerySet:  # type: ignore[type-arg]
    """The officials a resident may choose: users holding a commune role of this commune today."""
    ids = (
        RoleAssignment.objects.active_on(timezone.localdate())
        .filter(unit=commune, role__in=RATED_ROLES)
        .values("user_id")
    )
    return get_user_model().objects.filter(pk__in=ids).order_by("last_name", "first_name", "username")


def official_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def resident_commune(user: AnyUser) -> Unit | None:
    """The commune of a verified resident's household today; None for anyone else, and for an account
    holding an official role (an official does not rate their own colleagues)."""
    resident_id: int | None = getattr(user, "resident_id", None)
    if not user.is_authenticated or resident_id is None:
        return None
    if getattr(user, "resident_verified_at", None) is None or role_unit_ids(user, OFFICIAL_ROLES):
        return None
    membership = (
        Membership.objects.filter(resident_id=resident_id, valid_to__isnull=True, household__dissolved_on__isnull=True)
        .select_related("household__unit__parent")
        .first()
    )
    if membership is None:
        return None
    unit: Unit | None = membership.household.unit
    while unit is not None and unit.kind not in COMMUNE_KINDS:
        unit = unit.parent
    return unit


def access_service(user: AnyUser, pk: int) -> Service:
    service = Service.objects.filter(pk=pk).select_related("commune").first()
    if service is None or not _holds(user, service.commune, CONSOLE_ROLES):
        raise Http404
    return service


def access_comment(user: AnyUser, pk: int) -> Rating:
    """A comment in the console; one about the caller is not theirs to see (a 404 like a missing one)."""
    rating = Rating.objects.filter(pk=pk).select_related("commune", "service").first()
    if rating is None or not _holds(user, rating.commune, CONSOLE_ROLES) or rating.official_id == user.pk:
        raise Http404
    return rating


def public_commune(code: str) -> Unit:
    commune = Unit.objects.filter(code=code, kind__in=COMMUNE_KINDS).first()
    if commune is None:
        raise Http404
    return commune
