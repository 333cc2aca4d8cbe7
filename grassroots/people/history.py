"""A household's history, read from the audit trail: what changed, from which date, who recorded it, when.

The register's actions (people.actions, people.keeping) record their events with the household as
target and ids and dates only in their data; names are looked up here, when the page is shown.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from grassroots.accounts.models import User
from grassroots.core.models import AuditEvent
from grassroots.territory.models import Unit

from .keeping import DIED, HISTORY_VERBS
from .models import Household, Resident


def history_of(household: Household) -> list[dict[str, Any]]:
    """The household's changes, newest first, as rows {event, what, on, who}."""
    events = list(
        AuditEvent.objects.filter(
            target_type=Household._meta.label_lower, target_id=str(household.pk), verb__in=HISTORY_VERBS
        )
        .select_related("actor")
        .order_by("-seq")
    )
    resident_ids = {int(e.data.get("resident") or 0) for e in events if isinstance(e.data, dict)}
    unit_ids = {int(e.data.get("to_unit") or 0) for e in events if isinstance(e.data, dict)}
    residents = Resident.objects.in_bulk(resident_ids - {0})
    units = Unit.objects.in_bulk(unit_ids - {0})
    return [
        {
            "event": e,
            "what": _describe(e, residents, units),
            "on": _day((e.data or {}).get("on")),
            "who": _actor_name(e.actor),
        }
        for e in events
    ]


def _describe(event: AuditEvent, residents: dict[int, Resident], units: dict[int, Unit]) -> str:
    data = event.data or {}
    resident = residents.get(int(data.get("resident") or 0))
    name = resident.full_name if resident else _("a member")
    if event.verb == "people.birth_recorded":
        return _("Birth of %(name)s") % {"name": name}
    if event.verb == "people.member_moved_in":
        return _("%(name)s moved in") % {"name": name}
    if event.verb == "people.household_moved_in":
        unit = units.get(int(data.get("to_unit") or 0))
        return _("The household moved in to %(unit)s, represented by %(name)s") % {
            "unit": unit.name if unit else "",
            "name": name,
        }
    if event.verb == "people.member_left":
        text = (_("Death of %(name)s") if data.get("reason") == DIED else _("%(name)s moved out")) % {"name": name}
        if data.get("household_ended"):
            text += " " + _("(the last member: the household ended)")
        return text
    if event.verb == "people.household_moved_out":
        return _("The household moved out of the commune")
    if event.verb == "people.representative_changed":
        return _("%(name)s became the representative") % {"name": name}
    if event.verb == "people.household_moved":
        unit = units.get(int(data.get("to_unit") or 0))
        return _("The household moved to %(unit)s") % {"unit": unit.name if unit else ""}
    if event.verb == "people.household_split":
        return _("Formed by splitting from another household")
    if event.verb == "people.households_merged":
        return _("Other households merged into this one")
    return event.verb


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _actor_name(actor: User | None) -> str:
    if actor is None:
        return _("the system (file import)")
    return actor.get_full_name() or actor.username
