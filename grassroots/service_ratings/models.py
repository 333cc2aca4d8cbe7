"""Satisfaction ratings of the commune's administrative services and of the officials who handled them
(Law Art 34(1), Art 35(2)(a)). Rows change only through `actions` (every write audited)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import CommentStatus


class Service(models.Model):
    """An administrative service (thủ tục hành chính) of the commune; the commune official keeps the list.
    A service is withdrawn, never deleted, so its past results stay."""

    commune = models.ForeignKey(
        "territory.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="rated_services"
    )
    name = models.CharField(_("service"), max_length=200)
    active = models.BooleanField(_("offered"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("administrative service")
        verbose_name_plural = _("administrative services")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["commune", "name"], name="service_rating_unique_service")]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """One resident's rating of one service in one quarter (the one-rating rule, rules.may_rate).

    `rater` is kept only to enforce that rule and to show residents their own ratings: it never leaves the
    resident's own pages (not in the console, public pages, CSV or API)."""

    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="ratings")
    commune = models.ForeignKey("territory.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("rated by"), on_delete=models.PROTECT, related_name="+"
    )
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("official who served"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    rated_on = models.DateField(_("rated on"))
    timeliness = models.PositiveSmallIntegerField(_("on time"))
    guidance = models.PositiveSmallIntegerField(_("clear guidance"))
    official_score = models.PositiveSmallIntegerField(_("official's conduct"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    comment_status = models.CharField(
        _("comment status"), max_length=10, choices=CommentStatus.choices, blank=True, default=""
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("moderated by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")
        ordering = ["-rated_on", "-pk"]
        constraints = [
            # The one-rating rule: one rating per resident per service per quarter.
            models.UniqueConstraint(
                fields=["rater", "service", "year", "quarter"], name="service_rating_once_a_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(timeliness__gte=1, timeliness__lte=5, guidance__gte=1, guidance__lte=5),
                name="service_rating_scale",
            ),
        ]
        indexes = [models.Index(fields=["commune", "year", "quarter"])]

    def __str__(self) -> str:
        return f"{self.service} {self.year}Q{self.quarter}"
