"""Who may see and do what with annual conferences. Everything outside the caller's units is a 404.

- The village head convenes and chairs (Law Art 33(2)): notice, holding, closing the minutes, the report.
- The village head and the Front work committee prepare the plan and keep the minutes (D59 Art 10).
- Each party agrees the plan itself (D59 Art 10): UBND xã (the commune chair or a commune official),
  MTTQ xã (the commune Front), the People's Inspection Board (a member over the village).
- Commune officials, the chair, the commune Front and the Inspection Board see every village of their
  commune; the village head and Front head see their own village.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from grassroots.accounts.models import AnyUser, Role
from grassroots.accounts.roles import holds_over, role_units
from grassroots.territory.models import VILLAGE_KINDS, Unit

from .choices import Party
from .models import Conference

COMMUNE_ROLES = frozenset({Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR, Role.COMMUNE_FRONT, Role.INSPECTION_BOARD})
VILLAGE_ROLES = frozenset({Role.VILLAGE_HEAD, Role.VILLAGE_FRONT_HEAD})
SEEING_ROLES = COMMUNE_ROLES | VILLAGE_ROLES
# D59 Art 10: who records each party's agreement (the party itself).
AGREEING_ROLES: dict[str, frozenset[str]] = {
    Party.COMMUNE: frozenset({Role.COMMUNE_CHAIR, Role.COMMUNE_OFFICIAL}),
    Party.FRONT: frozenset({Role.COMMUNE_FRONT}),
    Party.INSPECTION: frozenset({Role.INSPECTION_BOARD}),
}


_holds = holds_over  # the user holds one of the roles in the unit or above it today


def console_villages(user: AnyUser) -> QuerySet[Unit]:
    """The current villages the user sees in the console: every village under a commune role's unit,
    the village of a village role."""
    units = role_units(user, SEEING_ROLES)
    if not units:
        return Unit.objects.none()
    under = Q()
    for unit in units:
        under |= Q(path__startswith=unit.path)
    today = timezone.localdate()
    return (
        Unit.objects.filter(under, kind__in=VILLAGE_KINDS)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
        .select_related("parent")
        .order_by("path")
    )


def may_use_console(user: AnyUser) -> bool:
    return bool(role_units(user, SEEING_ROLES))


def access_village(user: AnyUser, code: str) -> Unit:
    village = Unit.objects.filter(code=code, kind__in=VILLAGE_KINDS).select_related("parent").first()
    if village is None or not _holds(user, village, SEEING_ROLES):
        raise Http404
    return village


def access_conference(user: AnyUser, pk: int) -> Conference:
    conference = Conference.objects.filter(pk=pk).select_related("village", "village__parent").first()
    if conference is None or not _holds(user, conference.village, SEEING_ROLES):
        raise Http404
    return conference


def can_plan(user: AnyUser, village: Unit) -> bool:
    """D59 Art 10: the village head and the Front work committee prepare the plan (and keep the minutes)."""
    return _holds(user, village, VILLAGE_ROLES)


def can_convene(user: AnyUser, village: Unit) -> bool:
    """Law Art 33(2): the village head convenes and chairs (notice, holding, closing, the report)."""
    return _holds(user, village, frozenset({Role.VILLAGE_HEAD}))


def can_agree(user: AnyUser, village: Unit, party: str) -> bool:
    """D59 Art 10: each party records its own agreement to the plan."""
    roles = AGREEING_ROLES.get(party)
    return roles is not None and _holds(user, village, roles)


def agreeable_parties(user: AnyUser, village: Unit) -> list[Party]:
    return [party for party in Party if can_agree(user, village, party)]


def can_see_village(user: AnyUser, village: Unit) -> bool:
    return _holds(user, village, SEEING_ROLES)
