"""Who writes and who reads situation reports. Everything else is a 404.

- A village's report: written by its village head and the head of its Front work committee.
- A commune's report: written by the commune's officials and the chair of its People's Committee.
- Read by the unit's writers, by the commune above a village (its writers), and by the steering committee
  (STEERING_MEMBER) of the report's unit or of any unit above it: a steering committee sees its unit and
  everything below it. Nobody beside it or elsewhere sees it.
- A round is opened, and a submitted report reopened, by a steering member of the round's unit or of a unit
  above it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from grassroots.accounts.models import AnyUser, Role, RoleAssignment
from grassroots.accounts.roles import role_unit_ids
from grassroots.territory.models import COMMUNE_KINDS, VILLAGE_KINDS, Unit, UnitKind, under

from .models import ReportRound, SituationReport

VILLAGE_WRITER_ROLES = frozenset({Role.VILLAGE_HEAD, Role.VILLAGE_FRONT_HEAD})
COMMUNE_WRITER_ROLES = frozenset({Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR})
STEERING_ROLES = frozenset({Role.STEERING_MEMBER})
WRITER_ROLES = VILLAGE_WRITER_ROLES | COMMUNE_WRITER_ROLES
# Everyone the navigation shows the section to.
SEEING_ROLES = WRITER_ROLES | STEERING_ROLES
# A round is opened on a province or city (or, for old data, a district) by its steering committee.
ROUND_UNIT_KINDS = frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT})


def _paths(user: AnyUser, roles: frozenset[str]) -> list[str]:
    ids = role_unit_ids(user, roles)
    return list(Unit.objects.filter(pk__in=ids).values_list("path", flat=True)) if ids else []


def steering_units(user: AnyUser) -> list[Unit]:
    """The units where the user sits on the steering committee and may open a round."""
    return list(steering_unit_choices(user))


def steering_unit_choices(user: AnyUser) -> QuerySet[Unit]:
    ids = role_unit_ids(user, STEERING_ROLES)
    return Unit.objects.filter(pk__in=ids, kind__in=ROUND_UNIT_KINDS).order_by("path")


def steered_reporting_units(user: AnyUser) -> list[Unit]:
    """The communes and villages where the user sits on the steering committee: they read their own unit's
    report (and, for a commune, its villages'), though they open no round there."""
    ids = role_unit_ids(user, STEERING_ROLES)
    if not ids:
        return []
    units = Unit.objects.filter(pk__in=ids, kind__in=COMMUNE_KINDS | VILLAGE_KINDS)
    return list(units.select_related("parent").order_by("path"))


def may_steer(user: AnyUser, unit: Unit) -> bool:
    """A steering member of `unit` or of a unit above it."""
    return any(unit.path.startswith(p) for p in _paths(user, STEERING_ROLES))


def may_write(user: AnyUser, unit: Unit) -> bool:
    if unit.kind in VILLAGE_KINDS:
        return unit.pk in role_unit_ids(user, VILLAGE_WRITER_ROLES)
    if unit.kind in COMMUNE_KINDS:
        return unit.pk in role_unit_ids(user, COMMUNE_WRITER_ROLES)
    return False


def reader(user: AnyUser) -> Callable[[Unit], bool]:
    """Whether the user may read a unit's report, as a predicate computed once (for long lists)."""
    villages = set(role_unit_ids(user, VILLAGE_WRITER_ROLES))
    communes = set(role_unit_ids(user, COMMUNE_WRITER_ROLES))
    steering = _paths(user, STEERING_ROLES)

    def may(unit: Unit) -> bool:
        if unit.kind in VILLAGE_KINDS and (unit.pk in villages or unit.parent_id in communes):
            return True
        if unit.kind in COMMUNE_KINDS and unit.pk in communes:
            return True
        return any(unit.path.startswith(p) for p in steering)

    return may


def may_read(user: AnyUser, unit: Unit) -> bool:
    return reader(user)(unit)


def communes_of(round_: ReportRound) -> QuerySet[Unit]:
    """The communes that report in the round: those under its unit, valid at the end of the period."""
    return Unit.objects.descendants_of(round_.unit).communes().valid_on(round_.ends_on).order_by("path")


def villages_of(round_: ReportRound, commune: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(parent=commune).villages().valid_on(round_.ends_on).order_by("path")


def in_round(round_: ReportRound, unit: Unit) -> bool:
    """Whether the unit reports in the round (a commune under the round's unit, or one of its villages)."""
    if not unit.path.startswith(round_.unit.path) or not unit.is_current(round_.ends_on):
        return False
    if unit.kind in COMMUNE_KINDS:
        return True
    return unit.kind in VILLAGE_KINDS and unit.parent is not None and unit.parent.kind in COMMUNE_KINDS


def visible_rounds(user: AnyUser) -> QuerySet[ReportRound]:
    """Rounds the user steers (at or under their steering units), writes in or reads (over their units)."""
    steering = _paths(user, STEERING_ROLES)
    query = under(steering, "unit__path")
    above = {code for path in [*_paths(user, WRITER_ROLES), *steering] for code in path.strip("/").split("/")}
    if above:
        query |= Q(unit__code__in=above)
    return ReportRound.objects.filter(query).select_related("unit").order_by("-starts_on", "-pk")


def steered_rounds(user: AnyUser) -> QuerySet[ReportRound]:
    return ReportRound.objects.filter(under(_paths(user, STEERING_ROLES), "unit__path")).select_related("unit")


def access_round(user: AnyUser, pk: int) -> ReportRound:
    """A round the user steers (the round page, the CSV, reopening); anything else is a 404."""
    round_ = ReportRound.objects.filter(pk=pk).select_related("unit").first()
    if round_ is None or not may_steer(user, round_.unit):
        raise Http404
    return round_


def access_unit_in_round(user: AnyUser, pk: int, code: str) -> tuple[ReportRound, Unit]:
    """A round and one of its reporting units the user may read; anything else is a 404."""
    round_ = ReportRound.objects.filter(pk=pk).select_related("unit").first()
    unit = Unit.objects.filter(code=code).select_related("parent").first()
    if round_ is None or unit is None or not in_round(round_, unit) or not may_read(user, unit):
        raise Http404
    return round_, unit


def writer_units(user: AnyUser) -> list[Unit]:
    """The villages and communes the user writes reports for."""
    villages = role_unit_ids(user, VILLAGE_WRITER_ROLES)
    communes = role_unit_ids(user, COMMUNE_WRITER_ROLES)
    units = Unit.objects.filter(pk__in=villages, kind__in=VILLAGE_KINDS) | Unit.objects.filter(
        pk__in=communes, kind__in=COMMUNE_KINDS
    )
    return list(units.select_related("parent").order_by("path"))


def writers_of(unit: Unit, day: dt.date | None = None) -> list[int]:
    """Ids of the users who write the unit's report on the day (the reminders' recipients)."""
    roles = VILLAGE_WRITER_ROLES if unit.kind in VILLAGE_KINDS else COMMUNE_WRITER_ROLES
    return sorted(
        set(
            RoleAssignment.objects.active_on(day or timezone.localdate())
            .filter(unit=unit, role__in=roles)
            .values_list("user_id", flat=True)
        )
    )


def report_of(round_: ReportRound, unit: Unit) -> SituationReport | None:
    return SituationReport.objects.filter(round=round_, unit=unit).select_related("submitted_by").first()
