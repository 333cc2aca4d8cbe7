"""An opinion map (like Pol.is): residents write short statements and vote agree, disagree or pass on
the statements of others; a report, computed in the background, shows the groups that vote alike, the
statements each group holds, and those with broad agreement across groups. Owned by a commune or a
village; a consultation (Law Arts 25–29) may point to one. Rows change only through `actions`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules
from .choices import Choice, MapStatus


class OpinionMap(models.Model):
    unit = models.ForeignKey(
        "territory.Unit", verbose_name=_("commune or village"), on_delete=models.PROTECT, related_name="opinion_maps"
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(_("status"), max_length=10, choices=MapStatus.choices, default=MapStatus.DRAFT)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The report is public (with the statements and their counts, never who voted) once published.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("opinion map")
        verbose_name_plural = _("opinion maps")
        ordering = ["-opens_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def accepts_votes(self) -> bool:
        return rules.accepts_votes(self.status, self.closes_on, timezone.localdate())


class Participant(models.Model):
    """A resident taking part in one map: votes and statements point here, so a report row is a number."""

    map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE, related_name="participants")
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="+")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["map", "resident"], name="opinion_map_one_participant")]

    def __str__(self) -> str:
        return f"{self.map_id}/{self.pk}"


class Statement(models.Model):
    map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE, related_name="statements")
    # None: a seed statement written by the commune to start the discussion.
    author = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(_("statement"), max_length=rules.STATEMENT_MAX_CHARS)
    # The author's name is public only if they chose so (signed); otherwise it is shown nowhere.
    signed = models.BooleanField(_("signed with my name"), default=False)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    # Moderation: a statement is hidden with a reason, never deleted.
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("hidden by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["pk"]
        indexes = [models.Index(fields=["map", "hidden_at"])]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Vote(models.Model):
    """One vote per participant per statement (the unique constraint), changed in place while open."""

    map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE, related_name="+")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(_("vote"), choices=Choice.choices)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "participant"], name="opinion_map_one_vote_per_statement")
        ]
        indexes = [models.Index(fields=["map"])]

    def __str__(self) -> str:
        return f"{self.participant_id}:{self.statement_id}={self.value}"


class Report(models.Model):
    """A computed report (analysis.build_report): aggregates only, never a vote or a person."""

    map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE, related_name="reports")
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)
    seconds = models.FloatField(_("seconds to compute"), default=0)
    data = models.JSONField(_("data"), default=dict)

    class Meta:
        verbose_name = _("opinion map report")
        verbose_name_plural = _("opinion map reports")
        ordering = ["-computed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.map_id} {self.computed_at:%Y-%m-%d %H:%M}"
