"""Who may see and run a conference. Everything else is a 404."""

from __future__ import annotations

from django.http import Http404

from grassroots.accounts.models import Role, User
from grassroots.accounts.roles import role_unit_ids
from grassroots.territory.models import Unit

from .models import Conference, Delegate

# Steering committees run training; trainers help them (PRODUCT.md).
ORGANIZER_ROLES = frozenset({Role.STEERING_MEMBER, Role.TRAINER, Role.SYSTEM_ADMIN})


def _organizer_paths(user: User) -> list[str]:
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return ["/"]
    return [u.path for u in Unit.objects.filter(id__in=role_unit_ids(user, ORGANIZER_ROLES))]


def can_organize(user: User, unit: Unit) -> bool:
    """Steering-committee members and trainers organize for their unit and the units below it."""
    return any(unit.path.startswith(p) for p in _organizer_paths(user))


def conferences_for(user: User) -> list[Conference]:
    paths = _organizer_paths(user)
    organized = [c for c in Conference.objects.select_related("organizer_unit") if any(c.organizer_unit.path.startswith(p) for p in paths)]
    attending = list(Conference.objects.filter(delegates__user=user).select_related("organizer_unit")) if user.is_authenticated else []
    return sorted({c.pk: c for c in organized + attending}.values(), key=lambda c: c.starts_on, reverse=True)


def access_conference(user: User, pk: int, *, organize: bool = False) -> Conference:
    conference = Conference.objects.filter(pk=pk).select_related("organizer_unit").first()
    if conference is None:
        raise Http404
    if can_organize(user, conference.organizer_unit):
        return conference
    if not organize and Delegate.objects.filter(conference=conference, user=user).exists():
        return conference
    raise Http404


def my_delegation(user: User, conference: Conference) -> Delegate | None:
    return Delegate.objects.filter(conference=conference, user=user).first()
