"""The annual evaluation of a province's communes: who may see and edit a scheme, and the scores it gives.

A criterion's score is `weight × min(1, standing / target)`, where the standing is the commune's figure of the
year (its ratio; 1 − ratio for an indicator where lower is better) and the target is a percentage. Exact
arithmetic (`Fraction`): a ranking must not move on a rounding. A criterion whose indicator has no figure for the
commune scores nothing and says "no data yet": the total is shown beside the weights that had data, never as if
the missing figure were zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.http import Http404
from django.urls import NoReverseMatch, reverse

from grassroots.accounts.models import AnyUser, Role
from grassroots.accounts.roles import role_units
from grassroots.core.indicators import Indicator
from grassroots.territory.models import COMMUNE_KINDS, Unit

from . import registry
from .evaluation_models import EvaluationCriterion, EvaluationScheme
from .figures import Tally, children_figures
from .models import PeriodKind
from .periodic import _access_unit

# --- access ----------------------------------------------------------------------------------------------


def province_of(unit: Unit) -> Unit | None:
    """The province (the top of the tree) the unit lies in."""
    return Unit.objects.filter(code=unit.path.strip("/").split("/")[0], parent__isnull=True).first()


def can_see_evaluation(user: AnyUser, unit: Unit) -> bool:
    """A steering committee member of the province (or of the unit's province above it) sets and reads the
    province's evaluation."""
    province = province_of(unit)
    if province is None:
        return False
    return any(province.path.startswith(u.path) for u in role_units(user, [Role.STEERING_MEMBER]))


def access_province(user: AnyUser, code: str) -> Unit:
    """The province whose evaluation the user may set and read, or 404."""
    unit = _access_unit(user, code)
    # The evaluation belongs to a province (the top of the tree), not to a commune or a village.
    if unit.parent_id is not None:
        raise Http404
    # Only a steering committee member sets it (a commune official reaches no province anyway).
    if not can_see_evaluation(user, unit):
        raise Http404
    return unit


def access_scheme(user: AnyUser, pk: int) -> EvaluationScheme:
    scheme = EvaluationScheme.objects.select_related("province").filter(pk=pk).first()
    if scheme is None:
        raise Http404
    access_province(user, scheme.province.code)
    return scheme


def access_criterion(scheme: EvaluationScheme, pk: int) -> EvaluationCriterion:
    criterion = scheme.criteria.filter(pk=pk).first()
    if criterion is None:
        raise Http404
    return criterion


# --- scores ----------------------------------------------------------------------------------------------


def standing(tally: Tally | None, *, higher_is_better: bool = True) -> Fraction | None:
    if tally is None or tally.ratio is None:
        return None
    return tally.ratio if higher_is_better else 1 - tally.ratio


def criterion_score(weight: int, target_percent: int, standing: Fraction | None) -> Fraction | None:
    """weight × min(1, standing / target); None (no score, "no data yet") without a figure."""
    if standing is None:
        return None
    return weight * min(Fraction(1), standing * 100 / target_percent)


def evidence_url(unit: Unit, indicator: str, year: int) -> str:
    """The drill-down page of the indicator for the unit (the page the dashboards build as `reporting:indicator`).
    The one place to fix when that page lands: until it exists there is no link."""
    try:
        return reverse("reporting:indicator", args=[unit.code, indicator]) + f"?kind={PeriodKind.YEAR}&year={year}"
    except NoReverseMatch:
        return ""


@dataclass(frozen=True)
class CriterionScore:
    criterion: EvaluationCriterion
    title: str
    tally: Tally | None
    score: Fraction | None
    evidence: str

    @property
    def has_data(self) -> bool:
        return self.score is not None

    @property
    def points(self) -> str:
        return points(self.score)


@dataclass
class UnitScore:
    unit: Unit
    scores: list[CriterionScore]
    rank: int | None = None

    @property
    def total(self) -> Fraction:
        return sum((s.score for s in self.scores if s.score is not None), Fraction(0))

    @property
    def weights_with_data(self) -> int:
        return sum(s.criterion.weight for s in self.scores if s.score is not None)

    @property
    def total_points(self) -> str:
        return points(self.total)

    @property
    def weights_total(self) -> int:
        return sum(s.criterion.weight for s in self.scores)


def communes_of(province: Unit, year: int) -> list[Unit]:
    """The communes of the province that existed during the year."""
    return list(
        Unit.objects.filter(path__startswith=province.path, kind__in=COMMUNE_KINDS)
        .exclude(valid_to__lte=dt.date(year, 1, 1))
        .exclude(valid_from__gt=dt.date(year, 12, 31))
        .order_by("name")
    )


def _indicator(code: str) -> Indicator | None:
    return registry.get(code)


def title_of(code: str) -> str:
    indicator = _indicator(code)
    return str(indicator.title) if indicator else code


def score_units(scheme: EvaluationScheme, units: list[Unit] | None = None) -> list[UnitScore]:
    """Every commune's scores for the scheme's year, ranked by total (units with no data at all unranked, last)."""
    units = communes_of(scheme.province, scheme.year) if units is None else units
    criteria = list(scheme.criteria.all())
    figures = children_figures([u.pk for u in units], PeriodKind.YEAR, dt.date(scheme.year, 1, 1))
    rows = []
    for unit in units:
        own = figures.get(unit.pk, {})
        scores = []
        for c in criteria:
            indicator = _indicator(c.indicator)
            tally = own.get(c.indicator)
            s = standing(tally, higher_is_better=indicator.higher_is_better if indicator else True)
            scores.append(
                CriterionScore(
                    c, title_of(c.indicator), tally, criterion_score(c.weight, c.target_percent, s),
                    evidence_url(unit, c.indicator, scheme.year),
                )
            )  # fmt: skip
        rows.append(UnitScore(unit, scores))
    rows.sort(key=lambda r: (r.weights_with_data == 0, -r.total, -r.weights_with_data, r.unit.name))
    for n, row in enumerate(r for r in rows if r.weights_with_data):
        row.rank = n + 1
    return rows


def points(value: Fraction | None) -> str:
    """A score with two decimals ("7.50"), or "" without one."""
    if value is None:
        return ""
    hundredths = round(value * 100)
    return f"{hundredths // 100}.{hundredths % 100:02d}"
