"""What the steering committee's pages show, read from the stored figures (figures.py) in a fixed number of
queries whatever the number of units below: the period asked for, a unit's figures and trends, the units
below it ranked by one indicator, and, for one commune only, the items behind a figure (computed live)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Protocol

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from grassroots.core.indicators import Indicator, Item
from grassroots.library.citations import parse_citations
from grassroots.territory.models import COMMUNE_KINDS, VILLAGE_KINDS, Unit

from . import figures, periods, registry
from .figures import Tally
from .models import OverdueItem, PeriodKind

TREND_PERIODS = 12


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date

    @property
    def end(self) -> dt.date:
        return periods.period_end(self.kind, self.start)

    @property
    def label(self) -> str:
        return periods.label(self.kind, self.start)

    def query(self) -> str:
        return f"period={self.kind}&start={self.start.isoformat()}"


def parse_period(params: Mapping[str, str], today: dt.date | None = None) -> Period:
    """`?period=M|Q|Y&start=YYYY-MM-DD`, any day of the period; the current quarter by default or when
    either is not understood."""
    today = today or timezone.localdate()
    kind = params.get("period") or PeriodKind.QUARTER
    if kind not in PeriodKind.values:
        kind = PeriodKind.QUARTER
    try:
        day = dt.date.fromisoformat(params.get("start") or "")
    except ValueError:
        day = today
    if not dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31):
        day = today
    return Period(kind, periods.period_start(kind, day))


def sort_key(tally: Tally | None, higher_is_better: bool) -> tuple[int, Fraction]:
    """Best first; "no data yet" after every unit that has a figure, whatever the direction."""
    ratio = tally.ratio if tally is not None else None
    if ratio is None:
        return (1, Fraction(0))
    return (0, -ratio if higher_is_better else ratio)


@dataclass(frozen=True)
class Bar:
    """One period of a trend, with the geometry of its bar in a 0–100 high chart."""

    start: dt.date
    label: str
    tally: Tally | None
    x: int
    height: float

    @property
    def y(self) -> float:
        return 100 - self.height


BAR_STEP = 30
BAR_WIDTH = 22


@dataclass
class IndicatorRow:
    indicator: Indicator
    tally: Tally | None
    trend: list[Bar]


@dataclass
class ChildRow:
    unit: Unit
    tallies: dict[str, Tally]
    rank: int | None = None
    ranked_tally: Tally | None = None
    cells: list[Tally | None] = field(default_factory=list)


@dataclass
class Dashboard:
    unit: Unit
    period: Period
    rows: list[IndicatorRow]
    children: list[ChildRow]
    rank_by: Indicator | None
    indicators: tuple[Indicator, ...] = field(default=())

    @property
    def chart_width(self) -> int:
        return TREND_PERIODS * BAR_STEP


class Span(Protocol):
    """Any period with a first and a last day (a dashboard's, a periodic report's half-year)."""

    @property
    def start(self) -> dt.date: ...

    @property
    def end(self) -> dt.date: ...


def children_of(unit: Unit, period: Span) -> list[Unit]:
    """The units directly below `unit` that existed at some time in the period (a commune merged in 2025
    still shows in the quarters before it)."""
    return list(
        Unit.objects.filter(parent=unit)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=period.start))
        .order_by("name", "code")
    )


@dataclass(frozen=True)
class Cited:
    """One article an indicator cites: in the official form of a language, and its page in the library."""

    text: str
    url: str | None


def citations_of(indicator: Indicator, language: str | None = None) -> list[Cited]:
    """The indicator's rule, article by article, through the one citation type (`library.citations.Citation`):
    "Law Arts 12(3), 13" → "khoản 3 Điều 12 Luật Thực hiện dân chủ ở cơ sở", "Điều 13 Luật …" (vi), each linked
    to its article. Empty when no article sets the indicator (a "—" on the pages and the paper)."""
    language = language or get_language()
    cited = [Cited(c.official(language), c.url()) for c in parse_citations(indicator.citation)]
    if not cited and indicator.citation.strip():  # a rule the parser does not read: shown as written
        return [Cited(indicator.citation.strip(), None)]
    return cited


def citation_words(indicator: Indicator, language: str | None = None) -> str:
    """The indicator's rule as text in the official form of `language` ("" when no article sets it)."""
    return "; ".join(c.text for c in citations_of(indicator, language))


def trend_bars(trend: list[tuple[dt.date, dict[str, Tally]]], kind: str, code: str) -> list[Bar]:
    bars = []
    for i, (start, by_code) in enumerate(trend):
        tally = by_code.get(code)
        percent = tally.percent if tally is not None else None
        # A zero still shows as a sliver, unlike "no data yet" (a dash, no bar).
        height = max(percent, 1.0) if percent is not None else 0.0
        bars.append(Bar(start, periods.label(kind, start), tally, i * BAR_STEP + 4, height))
    return bars


def rank(children: list[ChildRow], indicator: Indicator | None) -> list[ChildRow]:
    if indicator is None:
        return children
    for row in children:
        row.ranked_tally = row.tallies.get(indicator.code)
    ordered = sorted(children, key=lambda r: (sort_key(r.ranked_tally, indicator.higher_is_better), r.unit.name))
    for position, row in enumerate(ordered, start=1):
        row.rank = position if row.ranked_tally is not None and row.ranked_tally.ratio is not None else None
    return ordered


def build(unit: Unit, period: Period, rank_code: str = "") -> Dashboard:
    """The whole dashboard of a unit: five queries, however many indicators and units below."""
    indicators = registry.all_indicators()
    own = figures.unit_figures(unit, period.kind, period.start)
    trend = figures.trend(unit, period.kind, period.start, TREND_PERIODS)
    rows = [IndicatorRow(i, own.get(i.code), trend_bars(trend, period.kind, i.code)) for i in indicators]
    below = children_of(unit, period)
    by_unit = figures.children_figures([u.pk for u in below], period.kind, period.start) if below else {}
    rank_by = registry.get(rank_code) if rank_code else None
    if rank_by is None and indicators:
        rank_by = indicators[0]
    children = rank([ChildRow(u, by_unit.get(u.pk, {})) for u in below], rank_by)
    for child in children:
        child.cells = [child.tallies.get(i.code) for i in indicators]
    return Dashboard(unit, period, rows, children, rank_by, indicators)


def drill(unit: Unit, period: Period, indicator: Indicator) -> tuple[Tally | None, list[ChildRow]]:
    """One indicator: the unit's figure and its children's, children ranked by it."""
    own = figures.unit_figures(unit, period.kind, period.start).get(indicator.code)
    below = children_of(unit, period)
    by_unit = figures.children_figures([u.pk for u in below], period.kind, period.start) if below else {}
    return own, rank([ChildRow(u, by_unit.get(u.pk, {})) for u in below], indicator)


def has_items(unit: Unit) -> bool:
    """At commune and village level the items behind a figure are listed (one commune computed live)."""
    return unit.kind in COMMUNE_KINDS or unit.kind in VILLAGE_KINDS


def live_items(unit: Unit, period: Period, indicator: Indicator, today: dt.date | None = None) -> list[Item]:
    """The items behind the figure of a commune or a village, asked of the indicator now (one commune)."""
    today = today or timezone.localdate()
    commune = unit if unit.kind in COMMUNE_KINDS else unit.parent
    if commune is None:
        return []
    units = {u.pk: u for u in Unit.objects.filter(path__startswith=unit.path)}
    items = [
        i
        for i in indicator.items(commune, period.start, period.end, today)
        if i.unit_id in units and period.start <= i.day <= period.end
    ]
    return sorted(items, key=lambda i: (i.day, i.title))


def unit_names(ids: set[int]) -> dict[int, str]:
    return dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))


def overdue(
    unit: Unit, *, indicator: str = "", below: Unit | None = None, responsible: str = ""
) -> QuerySet[OverdueItem]:
    rows = figures.overdue_below(below or unit)
    if indicator:
        rows = rows.filter(indicator=indicator)
    if responsible:
        rows = rows.filter(responsible__icontains=responsible)
    return rows


def days_overdue(deadline: dt.date | None, today: dt.date) -> int | None:
    return (today - deadline).days if deadline is not None else None
