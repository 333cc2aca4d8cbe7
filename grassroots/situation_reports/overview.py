"""The reads the pages, the CSV, the API, the reminders and the indicator share: each reporting unit of a
round with its report and its standing, the villages rolled up for their commune, the round's totals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
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


def paper_summary(unit: Unit, start: dt.date, end: dt.date, today: dt.date) -> list[tuple[str, str]]:
    """The rounds whose period meets [start, end], summed for the reporting units at or below `unit`, as
    (heading, text) lines of a periodic report (in Vietnamese: the paper is an official document). Counts and
    the trend of complaints only; the unit's own report adds its main concerns and proposals, which describe
    the unit. Nothing of a unit above or beside `unit`: a village head's report holds the village's facts,
    not the commune's."""
    rounds = (
        ReportRound.objects.filter(starts_on__lte=end, ends_on__gte=start)
        # A round opened at or above the unit (it reports in it), or below it (a commune's, in a province's paper).
        .filter(Q(unit__code__in=[*unit.ancestor_codes(), unit.code]) | Q(unit__path__startswith=unit.path))
        .select_related("unit")
        .order_by("starts_on", "pk")
    )
    lines: list[tuple[str, str]] = []
    for round_ in rounds:
        heading = f"Kỳ báo cáo {round_.starts_on:%d/%m/%Y} – {round_.ends_on:%d/%m/%Y}"
        if unit.is_village_level:
            if not access.in_round(round_, unit):
                continue
            own = row(round_, unit, _reports(round_, [unit]).get(unit.pk), today)
            rows = [own]
            lines.append((heading, _villages_words(rows, rollup_of(rows))))
        else:
            units = list(access.communes_of(round_).filter(path__startswith=unit.path))
            if not units:
                continue
            communes_ = communes(round_, units, today)
            t = totals(communes_)
            lines.append(
                (
                    heading,
                    f"Cấp xã đã nộp {t.communes_submitted}/{t.communes} báo cáo (nộp muộn {t.communes_late}); "
                    f"thôn, tổ dân phố đã nộp {t.villages_submitted}/{t.villages} (nộp muộn {t.villages_late}). "
                    f"Khiếu nại, kiến nghị: tăng {t.trends.get('up', 0)}, như cũ {t.trends.get('same', 0)}, "
                    f"giảm {t.trends.get('down', 0)} đơn vị; điểm nóng: {t.hot_spots}.",
                )
            )
            rows = flat(communes_)
        for row_ in rows:
            report = row_.report
            if row_.unit.pk == unit.pk and report is not None and report.is_submitted:
                if report.main_concerns:
                    lines.append(("Những vấn đề nhân dân quan tâm", report.main_concerns))
                if report.proposals:
                    lines.append(("Đề xuất, kiến nghị", report.proposals))
    return lines


def _villages_words(rows: list[Row], rollup: rules.Rollup) -> str:
    late = sum(1 for v in rows if v.standing == Standing.LATE)
    return (
        f"Thôn, tổ dân phố đã nộp {rollup.submitted}/{rollup.villages} báo cáo (nộp muộn {late}). "
        f"Khiếu nại, kiến nghị: tăng {rollup.trends.get('up', 0)}, như cũ {rollup.trends.get('same', 0)}, "
        f"giảm {rollup.trends.get('down', 0)} đơn vị; điểm nóng: {rollup.hot_spots}."
    )
