"""Who sees which unit's figures. Everything outside the caller's units is a 404, as if it did not exist.

- A steering committee member (Ban chỉ đạo) sits on a unit (a province, a district before July 2025, a
  commune): they follow that unit and everything below it, nothing beside it or above it.
- A commune official and the commune chair: the commune People's Committee is the main implementer (Law
  Arts 14, 21–23, 28, 35, 40, 86), so they see their commune and its villages.
- A village head convenes and chairs the village's meetings, publishes their results and reports to the
  commune (Law Arts 18–20, 23(2), 33): the village's figures are about their own work, so they see their
  village, and nothing else. A village's
  Front work committee head, the boards and residents see no dashboard: they follow the items themselves in
  their own sections.

The definition pages (`public_indicator`) describe rules, not data: they are public.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from grassroots.accounts.models import AnyUser, Role
from grassroots.accounts.roles import role_unit_ids
from grassroots.core.indicators import Indicator
from grassroots.territory.models import COMMUNE_KINDS, VILLAGE_KINDS, Unit

from . import registry

STEERING_ROLES = frozenset({Role.STEERING_MEMBER})
COMMUNE_ROLES = frozenset({Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR})
VILLAGE_ROLES = frozenset({Role.VILLAGE_HEAD})


def dashboard_roots(user: AnyUser, day: dt.date | None = None) -> list[Unit]:
    """The highest units whose dashboards the user sees (each with everything below it), by path.

    A commune role counts on a commune-level unit only, a village head's on a village only: a role granted
    on the wrong level opens nothing larger than it was meant to."""
    day = day or timezone.localdate()
    steering = set(role_unit_ids(user, STEERING_ROLES, day))
    commune = set(role_unit_ids(user, COMMUNE_ROLES, day))
    village = set(role_unit_ids(user, VILLAGE_ROLES, day))
    if not (steering or commune or village):
        return []
    units = [
        u
        for u in Unit.objects.filter(pk__in=steering | commune | village).order_by("path")
        if u.pk in steering
        or (u.pk in commune and u.kind in COMMUNE_KINDS)
        or (u.pk in village and u.kind in VILLAGE_KINDS)
    ]
    roots: list[Unit] = []
    for unit in units:  # by path: an ancestor comes before the units under it
        if not any(unit.path.startswith(r.path) for r in roots):
            roots.append(unit)
    return roots


def may_see_dashboards(user: AnyUser) -> bool:
    """Whether to show the dashboard link: `bool(dashboard_roots(user))`, cheaply, since it runs on every page.

    From the role assignments fetched once per request; a steering role opens a dashboard at any level, so only
    a commune or village role costs one query (is it on a unit of its level?), and no role none."""
    day = timezone.localdate()
    if role_unit_ids(user, STEERING_ROLES, day):
        return True
    commune = role_unit_ids(user, COMMUNE_ROLES, day)
    village = role_unit_ids(user, VILLAGE_ROLES, day)
    if not (commune or village):
        return False
    return Unit.objects.filter(
        Q(pk__in=commune, kind__in=COMMUNE_KINDS) | Q(pk__in=village, kind__in=VILLAGE_KINDS)
    ).exists()


def access_unit(user: AnyUser, code: str) -> Unit:
    """The unit, if it lies at or under one of the user's dashboard units; otherwise 404."""
    roots = dashboard_roots(user)
    unit = Unit.objects.filter(code=code).select_related("parent").first() if roots else None
    if unit is None or not any(unit.path.startswith(r.path) for r in roots):
        raise Http404
    return unit


def access_below(user: AnyUser, unit: Unit, code: str) -> Unit | None:
    """A unit below `unit` (a filter of the overdue list); None when the code names nothing below it."""
    if not code:
        return None
    below = Unit.objects.filter(code=code, path__startswith=unit.path).exclude(pk=unit.pk).first()
    if below is None:
        raise Http404
    return below


def public_indicator(code: str) -> Indicator:
    indicator = registry.get(code)
    if indicator is None:
        raise Http404
    return indicator
