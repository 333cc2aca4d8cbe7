"""Situation reports (báo cáo nắm tình hình): a steering committee opens a round (kỳ báo cáo) on its unit;
each village and commune under it writes one report about the unit, never about a person."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import PeriodKind, ReportStatus, Trend

# The free-text fields of a report, checked for personal numbers before they are kept (rules.py).
TEXT_FIELDS = ("main_concerns", "hot_spots", "complaints_notes", "community_notes", "religious_notes", "proposals")


class ReportRound(models.Model):
    unit = models.ForeignKey(
        "territory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="situation_rounds"
    )
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    starts_on = models.DateField(_("period starts on"))
    ends_on = models.DateField(_("period ends on"))
    village_deadline = models.DateField(_("deadline for villages"))
    commune_deadline = models.DateField(_("deadline for communes"))
    instructions = models.TextField(_("instructions"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("report round")
        verbose_name_plural = _("report rounds")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="situation_round_period"),
            models.CheckConstraint(
                condition=Q(commune_deadline__gt=F("village_deadline")), name="situation_round_commune_after_villages"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.starts_on:%m/%Y}"

    def deadline_for(self, is_village: bool) -> dt.date:
        return self.village_deadline if is_village else self.commune_deadline


class SituationReport(models.Model):
    round = models.ForeignKey(ReportRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(
        "territory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="situation_reports"
    )
    main_concerns = models.TextField(_("Residents' main concerns"), blank=True)
    hot_spot_count = models.PositiveIntegerField(_("Number of hot spots"), default=0)
    hot_spots = models.TextField(_("Hot spots"), blank=True)
    complaints_trend = models.CharField(_("Complaints and petitions"), max_length=10, choices=Trend.choices, blank=True)
    complaints_notes = models.TextField(_("Complaints: notes"), blank=True)
    community_notes = models.TextField(_("Community activity"), blank=True)
    religious_notes = models.TextField(_("Religious activity in the unit"), blank=True)
    proposals = models.TextField(_("Proposals"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["unit__path"]
        verbose_name = _("situation report")
        verbose_name_plural = _("situation reports")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="situation_report_once_per_round"),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="situation_report_submitted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.round})"

    @property
    def is_submitted(self) -> bool:
        return self.status == ReportStatus.SUBMITTED
