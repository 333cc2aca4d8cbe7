"""Reads: where each village stands with its conference of a year, the last conference of a village, and
the flags (missing, late, report overdue). Shared by the console, the unit page, the JSON API and the
open data, so they all say the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from grassroots.decisions.calendar import work_calendar
from grassroots.decisions.rules import WorkCalendar
from grassroots.territory.models import Unit

from . import rules
from .choices import YearStatus
from .models import Conference


@dataclass(frozen=True)
class VillageYear:
    village: Unit
    year: int
    status: YearStatus
    conference: Conference | None
    report_due_on: dt.date | None
    report_overdue: bool

    @property
    def flagged(self) -> bool:
        return self.status in rules.FLAGGED or self.report_overdue


def village_year(
    village: Unit, year: int, conference: Conference | None, today: dt.date, calendar: WorkCalendar
) -> VillageYear:
    held_on = conference.held_on if conference else None
    status = rules.year_status(year, today, planned_on=conference.planned_on if conference else None, held_on=held_on)
    due = rules.report_due_on(held_on, calendar) if held_on else None
    overdue = bool(conference and held_on and rules.report_overdue(held_on, conference.report_sent_on, today, calendar))
    return VillageYear(village, year, status, conference, due, overdue)


def villages_in_year(villages: Iterable[Unit], year: int, today: dt.date | None = None) -> list[VillageYear]:
    """Every village's standing for the year, in the order given (one query for the conferences)."""
    today = today or timezone.localdate()
    villages = list(villages)
    by_village = {c.village_id: c for c in Conference.objects.filter(village__in=villages, year=year)}
    calendar = work_calendar(today)
    return [village_year(v, year, by_village.get(v.pk), today, calendar) for v in villages]


def conferences_of(village: Unit) -> QuerySet[Conference]:
    return Conference.objects.filter(village=village).order_by("-year")


def last_held(village: Unit) -> Conference | None:
    """The village's last conference held (the unit page shows it)."""
    return conferences_of(village).filter(held_on__isnull=False).first()


def village_summary(village: Unit, today: dt.date | None = None) -> dict[str, object]:
    """The last conference held and this year's standing: what the unit page and the open data show."""
    today = today or timezone.localdate()
    this_year = villages_in_year([village], today.year, today)[0]
    last_year = villages_in_year([village], today.year - 1, today)[0]
    return {"last": last_held(village), "this_year": this_year, "last_year": last_year}
