"""Reads of the satisfaction ratings, shared by the console, the public page, the CSV and the API, so
they all say the same: results per service and per official for a quarter (or a year), with the
small-count floor applied to officials (rules.shown), and the comments. Nothing here names a rater."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, QuerySet

from grassroots.territory.models import Unit

from . import access, rules
from .choices import CommentStatus
from .models import Rating, Service


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None  # None: the whole year

    def filter(self, qs: QuerySet[Rating]) -> QuerySet[Rating]:
        qs = qs.filter(year=self.year)
        return qs.filter(quarter=self.quarter) if self.quarter else qs

    @property
    def slug(self) -> str:
        return f"{self.year}-q{self.quarter}" if self.quarter else str(self.year)


@dataclass(frozen=True)
class Row:
    """One service's (or one official's) results over the period."""

    key: int
    name: str
    count: int
    timeliness: float | None
    guidance: float | None
    official: float | None
    shown: bool = True

    @property
    def bars(self) -> list[tuple[str, float | None, int]]:
        return [
            ("timeliness", self.timeliness, rules.bar_percent(self.timeliness)),
            ("guidance", self.guidance, rules.bar_percent(self.guidance)),
            ("official", self.official, rules.bar_percent(self.official)),
        ]


def _round(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None


def services(commune: Unit, *, only_active: bool = False) -> QuerySet[Service]:
    qs = Service.objects.filter(commune=commune)
    return qs.filter(active=True) if only_active else qs


def by_service(commune: Unit, period: Period) -> list[Row]:
    """Every service of the commune with its results over the period (one query)."""
    stats = {
        r["service"]: r
        for r in period.filter(Rating.objects.filter(commune=commune))
        .order_by()
        .values("service")
        .annotate(n=Count("pk"), t=Avg("timeliness"), g=Avg("guidance"), o=Avg("official_score"))
    }
    rows = []
    for service in services(commune):
        s = stats.get(service.pk)
        if s is None and not service.active:
            continue
        rows.append(
            Row(service.pk, service.name, s["n"] if s else 0, _round(s["t"]) if s else None,
                _round(s["g"]) if s else None, _round(s["o"]) if s else None)
        )  # fmt: skip
    return rows


def by_official(commune: Unit, period: Period, *, only: int | None = None) -> list[Row]:
    """Each rated official's results; below the small-count floor the averages are withheld (rules.shown).
    `only`: the one official whose own results are read (an official sees only their own)."""
    qs = period.filter(Rating.objects.filter(commune=commune, official__isnull=False))
    if only is not None:
        qs = qs.filter(official_id=only)
    stats = (
        qs.order_by()
        .values("official")
        .annotate(n=Count("pk"), t=Avg("timeliness"), g=Avg("guidance"), o=Avg("official_score"))
    )
    names = {u.pk: access.official_name(u) for u in access.rated_officials(commune)}
    rows = []
    for s in stats:
        show = rules.shown(s["n"])
        rows.append(
            Row(s["official"], names.get(s["official"], "—"), s["n"],
                _round(s["t"]) if show else None, _round(s["g"]) if show else None,
                _round(s["o"]) if show else None, shown=show)
        )  # fmt: skip
    return sorted(rows, key=lambda r: r.name)


def totals(commune: Unit, period: Period) -> Row:
    s = period.filter(Rating.objects.filter(commune=commune)).aggregate(
        n=Count("pk"), t=Avg("timeliness"), g=Avg("guidance"), o=Avg("official_score")
    )
    return Row(0, "", s["n"], _round(s["t"]), _round(s["g"]), _round(s["o"]))


def published_comments(commune: Unit, period: Period) -> QuerySet[Rating]:
    """The comments shown publicly: moderated and published, without their author."""
    return (
        period.filter(Rating.objects.filter(commune=commune, comment_status=CommentStatus.PUBLISHED))
        .select_related("service")
        .order_by("-rated_on", "-pk")
    )


def console_comments(commune: Unit, viewer_id: int) -> QuerySet[Rating]:
    """Every comment for the console, except those about the viewer (who sees only their aggregates)."""
    return (
        Rating.objects.filter(commune=commune)
        .exclude(comment_status=CommentStatus.NONE)
        .exclude(official_id=viewer_id)
        .select_related("service")
        .order_by("comment_status", "-rated_on", "-pk")
    )


def quarters_with_ratings(commune: Unit) -> list[tuple[int, int]]:
    return list(
        Rating.objects.filter(commune=commune).values_list("year", "quarter").distinct().order_by("-year", "-quarter")
    )
