"""Consultations of residents before the commune decides (Law Arts 25–29): the plan, the drafts by
article, the opinions from every channel, the questionnaire, the synthesis and the response.
Rows change only through `actions` (every write audited)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules
from .choices import AnswerPer, Channel, Kind, Outcome, QuestionKind, Stance, Status, TakeUp

USER = settings.AUTH_USER_MODEL


class Consultation(models.Model):
    commune = models.ForeignKey(
        "territory.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="consultations"
    )
    # Empty: the whole commune; a village: only its residents are asked.
    village = models.ForeignKey(
        "territory.Unit", verbose_name=_("village"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("matter"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("what is consulted"))
    # The plan (Law Art 28(1)): content, forms, timeline, responsibility.
    channels = models.JSONField(_("forms of consultation"), default=list)
    timeline = models.TextField(_("timeline"))
    responsible = models.CharField(_("who is responsible"), max_length=300)
    window_days = models.PositiveSmallIntegerField(_("days open for opinions"), default=rules.MIN_WINDOW_DAYS)
    other_law = models.CharField(_("other law setting the period"), max_length=300, blank=True)
    answer_per = models.CharField(_("questionnaire answers"), max_length=10, choices=AnswerPer.choices,
                                  default=AnswerPer.RESIDENT)  # fmt: skip
    affected_person = models.CharField(_("person affected (Law Art 27)"), max_length=200, blank=True)
    plan_to_council_on = models.DateField(_("plan sent to the People's Council on"), null=True, blank=True)
    plan_to_front_on = models.DateField(_("plan sent to the commune Front on"), null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    closes_on = models.DateField(_("last day for opinions"), null=True, blank=True)
    # The response (Law Art 28(3)).
    synthesis_summary = models.TextField(_("synthesis"), blank=True)
    synthesis_published_at = models.DateTimeField(_("synthesis published at"), null=True, blank=True)
    disclosure_url = models.CharField(_("disclosure register entry"), max_length=300, blank=True)
    outcome = models.CharField(_("final decision"), max_length=12, choices=Outcome.choices, blank=True)
    decision_text = models.TextField(_("the decision"), blank=True)
    departure_explanation = models.TextField(_("why the decision departs from the majority"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Item 5 of the consultation issue: residents also vote on one another's short statements (opinion_maps).
    opinion_map = models.OneToOneField(
        "opinion_maps.OpinionMap",
        verbose_name=_("opinion map"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation",
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def status(self, today: dt.date | None = None) -> Status:
        today = today or timezone.localdate()
        if self.closed_at:
            return Status.CLOSED
        if self.synthesis_published_at:
            return Status.PUBLISHED
        if self.published_on is None or self.closes_on is None:
            return Status.DRAFT
        return Status.OPEN if today <= self.closes_on else Status.SYNTHESIS

    @property
    def is_open(self) -> bool:
        return rules.is_open(self.published_on, self.closes_on, timezone.localdate())

    @property
    def days_left(self) -> int:
        return rules.days_left(self.closes_on, timezone.localdate()) if self.closes_on else 0

    def channel_labels(self) -> list[str]:
        return [str(Channel(value).label) for value in self.channels if value in Channel.values]


class Draft(models.Model):
    """One version of the draft document; earlier versions are kept for comparison."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="drafts")
    number = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    note = models.TextField(_("what this version changes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consultation", "number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="consultation_draft_number")]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class Article(models.Model):
    """An article of a draft, under its section (chapter); each has its own comment thread."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveSmallIntegerField()
    section = models.CharField(_("section"), max_length=300, blank=True)
    number = models.CharField(_("article"), max_length=20)
    title = models.CharField(_("title"), max_length=300, blank=True)
    body = models.TextField(_("text"))

    class Meta:
        ordering = ["draft", "position"]

    def __str__(self) -> str:
        return f"Điều {self.number}. {self.title}"


class OpinionGroup(models.Model):
    """A group of like opinions and what became of it (Law Art 28(3))."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="groups")
    title = models.CharField(_("group"), max_length=300)
    take_up = models.CharField(_("take-up"), max_length=10, choices=TakeUp.choices, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["consultation", "pk"]

    def __str__(self) -> str:
        return self.title


class Opinion(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="opinions")
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="opinions")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    body = models.TextField(_("opinion"))
    given_on = models.DateField(_("given on"))
    village = models.ForeignKey("territory.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Who gave it: an account, or a resident named by the staff who typed it in (optional).
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    resident = models.ForeignKey("people.Resident", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author_name = models.CharField(_("name"), max_length=200, blank=True)
    signed_publicly = models.BooleanField(_("my name is shown with my opinion"), default=False)
    entered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Moderation hides with a reason, never deletes.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField(_("why it is hidden"), blank=True)
    hidden_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    group = models.ForeignKey(OpinionGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="opinions")

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["consultation", "hidden_at"])]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.pk}"

    @property
    def public_name(self) -> str:
        """The name shown to others: only when the resident chose to sign publicly."""
        return self.author_name if self.signed_publicly else ""


class Question(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    options = models.JSONField(_("options"), default=list, blank=True)
    scale_max = models.PositiveSmallIntegerField(_("scale from 1 to"), default=5)

    class Meta:
        ordering = ["consultation", "position"]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One filled questionnaire, online or typed in from a slip; one per resident or household."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    respondent_key = models.CharField(max_length=40)
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    entered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "respondent_key"], name="consultation_one_response_each")
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choices = models.JSONField(default=list, blank=True)
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.response_id}: {self.question_id}"
