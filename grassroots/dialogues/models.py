"""The dialogue between the commune People's Committee and residents (Law Art 32): its schedule with the
Front, the notice, the questions (sent in advance or asked at the dialogue), the answers and the minutes.
Rows change only through `actions` (every write audited)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Channel, QuestionStatus


class Dialogue(models.Model):
    """One dialogue of a commune; a commune holds at least one a year (rules.year_status)."""

    commune = models.ForeignKey(
        "territory.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="dialogues"
    )
    planned_on = models.DateField(_("scheduled day"))
    starts_at = models.TimeField(_("starting time"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200)
    topics = models.TextField(_("topics"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("scheduled by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Law Art 32: held with the commune Fatherland Front committee.
    front_agreed_on = models.DateField(_("agreed with the Front on"), null=True, blank=True)
    front_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("agreed for the Front by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    notice_published_on = models.DateField(_("notice published on"), null=True, blank=True)
    notice_text = models.TextField(_("notice"), blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    attendance = models.PositiveIntegerField(_("people present"), null=True, blank=True)
    chair_name = models.CharField(_("chaired by"), max_length=200, blank=True)
    front_representative = models.CharField(_("for the Front"), max_length=200, blank=True)
    secretary_name = models.CharField(_("secretary"), max_length=200, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    closed_at = models.DateTimeField(_("minutes closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("dialogue with residents")
        verbose_name_plural = _("dialogues with residents")
        ordering = ["-planned_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.commune} {self.planned_on}"

    @property
    def year(self) -> int:
        return self.planned_on.year

    @property
    def is_held(self) -> bool:
        return self.held_on is not None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def is_published(self) -> bool:
        return self.notice_published_on is not None


class Question(models.Model):
    """A resident's question. The asker's identity is public only when they chose to sign; `asker`
    (an online question's account) is never shown outside the resident's own pages and the console."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    channel = models.CharField(_("received"), max_length=12, choices=Channel.choices)
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    asker_name = models.CharField(_("asker's name"), max_length=200, blank=True)
    signed = models.BooleanField(_("signed"), default=False)
    village = models.ForeignKey(
        "territory.Unit", verbose_name=_("village"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_on = models.DateField(_("received on"))
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.RECEIVED
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by_name = models.CharField(_("answered by"), max_length=200, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answer recorded by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    answered_at = models.DateTimeField(_("answer recorded at"), null=True, blank=True)
    published_at = models.DateTimeField(_("answer published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question to the dialogue")
        verbose_name_plural = _("questions to the dialogue")
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def public_name(self) -> str:
        """The name shown publicly: only when the asker chose to sign."""
        return self.asker_name if self.signed else ""
