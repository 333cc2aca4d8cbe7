"""The reads the pages, the CSV, the API, the reminders and the indicator share: each reporting unit of a
round with its report and its standing, the villages rolled up for their commune, the round's totals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from grassroots.territory.models import Unit

from . import access, rules
from .choices import Standing
from .models import ReportRound, SituationReport


@dataclass(frozen=True)
class Row:
    unit: Unit
    report: SituationReport | None
    deadline: dt.date
    standing: Standing

    @property
    def submitted(self) -> bool:
        return self.report is not None and self.report.is_submitted


@dataclass(frozen=True)
class CommuneRow:
    row: Row
    villages: list[Row]
    rollup: rules.Rollup


def _submitted_on(report: SituationReport | None) -> dt.date | None:
    if report is None or not report.is_submitted or report.submitted_at is None:
        return None
    return timezone.localtime(report.submitted_at).date()


def row(round_: ReportRound, unit: Unit, report: SituationReport | None, today: dt.date) -> Row:
    deadline = round_.deadline_for(unit.is_village_level)
    return Row(unit, report, deadline, rules.standing(deadline, _submitted_on(report), today))


def _reports(round_: ReportRound, units: Iterable[Unit]) -> dict[int, SituationReport]:
    ids = [u.pk for u in units]
    return {r.unit_id: r for r in SituationReport.objects.filter(round=round_, unit_id__in=ids)}


def rollup_of(villages: list[Row]) -> rules.Rollup:
    return rules.roll_up(
        len(villages),
        [(v.report.complaints_trend, v.report.hot_spot_count) for v in villages if v.submitted and v.report],
    )


def communes(round_: ReportRound, units: list[Unit], today: dt.date) -> list[CommuneRow]:
    """Each commune with its report, its villages' reports and their roll-up (three queries in all)."""
    villages = list(Unit.objects.filter(parent__in=units).villages().valid_on(round_.ends_on).order_by("path"))
    reports = _reports(round_, [*units, *villages])
    by_commune: dict[int, list[Row]] = {u.pk: [] for u in units}
    for v in villages:
        by_commune[v.parent_id or 0].append(row(round_, v, reports.get(v.pk), today))
    out = []
    for c in units:
        rows = by_commune[c.pk]
        out.append(CommuneRow(row(round_, c, reports.get(c.pk), today), rows, rollup_of(rows)))
    return out


def commune(round_: ReportRound, unit: Unit, today: dt.date) -> CommuneRow:
    return communes(round_, [unit], today)[0]


@dataclass(frozen=True)
class Totals:
    communes: int
    communes_submitted: int
    communes_late: int
    villages: int
    villages_submitted: int
    villages_late: int
    trends: dict[str, int]
    hot_spots: int


def all_rows(round_: ReportRound, today: dt.date) -> list[CommuneRow]:
    return communes(round_, list(access.communes_of(round_)), today)


def totals(rows: list[CommuneRow]) -> Totals:
    """The round's totals over every commune: reports submitted and late, and the villages' answers summed."""
    trends: dict[str, int] = {}
    for c in rows:
        for key, n in c.rollup.trends.items():
            trends[key] = trends.get(key, 0) + n
    return Totals(
        communes=len(rows),
        communes_submitted=sum(1 for c in rows if c.row.submitted),
        communes_late=sum(1 for c in rows if c.row.standing == Standing.LATE),
        villages=sum(c.rollup.villages for c in rows),
        villages_submitted=sum(c.rollup.submitted for c in rows),
        villages_late=sum(1 for c in rows for v in c.villages if v.standing == Standing.LATE),
        trends=trends,
        hot_spots=sum(c.rollup.hot_spots for c in rows),
    )


def flat(rows: list[CommuneRow]) -> list[Row]:
    """Every reporting unit of the round, each commune followed by its villages (the CSV, the API)."""
    return [r for c in rows for r in (c.row, *c.villages)]


def rounds_over(unit: Unit) -> list[ReportRound]:
    """Rounds whose unit lies above `unit` (the rounds it reports in), newest first."""
    codes = unit.ancestor_codes()
    return list(ReportRound.objects.filter(unit__code__in=codes).select_related("unit").order_by("-starts_on", "-pk"))
