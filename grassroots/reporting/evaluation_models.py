"""The annual evaluation of the communes of a province: a scheme of criteria and weights per province and year.

Kept apart from `models.py` (imported there, so Django sees the models) while the dashboards are built beside it.
A scheme is a draft while the province's steering committee sets its criteria; once published it is locked:
the ranking it gives is the one announced, and a change would rewrite it after the fact.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class EvaluationScheme(models.Model):
    province = models.ForeignKey(
        "territory.Unit", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=10, choices=SchemeStatus.choices, default=SchemeStatus.DRAFT)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation scheme")
        verbose_name_plural = _("evaluation schemes")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="evaluation_scheme_one_per_year"),
            models.CheckConstraint(
                condition=Q(status="draft", published_at__isnull=True)
                | Q(status="published", published_at__isnull=False),
                name="evaluation_scheme_published_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.year}"

    @property
    def is_published(self) -> bool:
        return self.status == SchemeStatus.PUBLISHED


class EvaluationCriterion(models.Model):
    """One criterion: an indicator of the registry, its weight and the target that earns the whole weight.

    score = weight × min(1, ratio / target), the ratio being the unit's figure of the year (for an indicator
    where lower is better, 1 − ratio); no figure, no score ("no data yet", never zero)."""

    scheme = models.ForeignKey(EvaluationScheme, on_delete=models.CASCADE, related_name="criteria")
    indicator = models.CharField(_("indicator"), max_length=64)
    weight = models.PositiveSmallIntegerField(_("weight"), validators=[MinValueValidator(1), MaxValueValidator(1000)])
    target_percent = models.PositiveSmallIntegerField(
        _("target (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "indicator"], name="evaluation_criterion_once"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="evaluation_criterion_weight_positive"),
            models.CheckConstraint(
                condition=Q(target_percent__gte=1, target_percent__lte=100), name="evaluation_criterion_target"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} ×{self.weight}"
