"""What the steering committee reads: sums kept per unit and period, never recomputed per request.

`Figure` holds, for one unit, one indicator and one period (a month, a quarter or a year), the sums of the
items the owning app gives (`core.indicators`). A village's figure counts its own items; a commune's counts
its own and its villages'; a district's (before July 2025) and a province's are the sums of the communes
below them, kept current by adding the change of one commune (`refresh.refresh_commune`). A figure that is
absent means "no data yet", never zero.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTH = "M", _("month")
    QUARTER = "Q", _("quarter")
    YEAR = "Y", _("year")


class Figure(models.Model):
    unit = models.ForeignKey(
        "territory.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.CharField(_("period"), max_length=1, choices=PeriodKind.choices)
    start = models.DateField(_("first day of the period"))
    indicator = models.CharField(_("indicator"), max_length=64)
    numerator = models.BigIntegerField(_("numerator"), default=0)
    denominator = models.BigIntegerField(_("denominator"), default=0)
    items = models.BigIntegerField(_("items"), default=0)

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        # The dashboard reads one unit's period (and its children's) by this prefix.
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "start", "indicator"], name="figure_unique_key"),
        ]
        indexes = [models.Index(fields=["indicator", "kind", "start"], name="figure_indicator_period")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.kind}{self.start:%Y-%m} {self.numerator}/{self.denominator}"


class OverdueItem(models.Model):
    """An item past its statutory deadline and not done, as the last refresh of its commune found it."""

    commune = models.ForeignKey("territory.Unit", verbose_name=_("commune"), on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("territory.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    # The unit's materialized path, so that "everything below a unit" is one prefix filter.
    path = models.CharField(max_length=255, db_index=True)
    indicator = models.CharField(_("indicator"), max_length=64)
    title = models.CharField(_("what"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    responsible = models.CharField(_("responsible"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("overdue item")
        verbose_name_plural = _("overdue items")
        ordering = ["deadline", "path", "id"]
        # The overdue list of a province or district reads its first rows in this order (bench/dashboard.py).
        indexes = [models.Index(fields=["deadline", "path", "id"], name="overdue_order")]

    def __str__(self) -> str:
        return self.title


class RefreshCursor(models.Model):
    """How far the incremental refresh has read the audit trail (one row)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"audit seq {self.seq}"


class CommuneStart(models.Model):
    """The day the platform first recorded a commune or a unit below it (its first audit event), kept once
    found: the overdue list looks back to its year (`refresh.overdue_since`), and reading it from the audit
    trail at every refresh would read the commune's whole history. The trail only grows, so the day holds as
    long as the units are the same: `units_digest` names them (a village moved in brings its older events, one
    moved out takes its own), and the day is found again when they differ. A commune that has no event yet has
    no row."""

    commune = models.OneToOneField("territory.Unit", on_delete=models.CASCADE, primary_key=True, related_name="+")
    first_recorded_on = models.DateField()
    units_digest = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"commune {self.commune_id} since {self.first_recorded_on}"


# The annual evaluation's models live in their own module; imported here so that Django registers them.
from .evaluation_models import EvaluationCriterion, EvaluationScheme  # noqa: E402

__all__ = [
    "CommuneStart",
    "EvaluationCriterion",
    "EvaluationScheme",
    "Figure",
    "OverdueItem",
    "PeriodKind",
    "RefreshCursor",
]
