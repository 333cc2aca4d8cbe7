"""Training conferences for the people who run grassroots democracy (PRODUCT.md: the 2024 Thanh Hóa
city conference): sessions on four topics, delegates invited by role and unit, attendance by QR code,
questions and answers, difficulties raised, quizzes and feedback."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import Role
from grassroots.territory.models import UnitKind

from . import rules


class Topic(models.TextChoices):
    """The four standard topics of the conference, and the exchange session (PRODUCT.md)."""

    LAW = "law", _("The main content of the Law on Implementation of Democracy at the Grassroots Level")
    DECREE_59 = "decree59", _("Decree 59/2023/ND-CP detailing the Law")
    TASKS = "tasks", _("Key tasks and solutions for grassroots democracy in the new situation")
    SITUATION = "situation", _("Methods for grasping the situation of the people, of the grassroots and of religion")
    EXCHANGE = "exchange", _("Exchange: difficulties in mass-mobilization and democracy work, and answers")
    OTHER = "other", _("Other topic")


class Conference(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        INVITING = "inviting", _("invitations sent")
        HELD = "held", _("held")
        CLOSED = "closed", _("closed")

    organizer_unit = models.ForeignKey("territory.Unit", verbose_name=_("organized by the steering committee of"),
                                       on_delete=models.PROTECT, related_name="conferences")  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # How often a delegate may take the test after the course until they pass it (rules.AFTER_TEST_ATTEMPTS).
    after_test_attempts = models.PositiveSmallIntegerField(
        _("attempts at the test after the course"),
        default=rules.AFTER_TEST_ATTEMPTS,
        validators=[MinValueValidator(1), MaxValueValidator(rules.MAX_AFTER_TEST_ATTEMPTS)],
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("training conference")
        verbose_name_plural = _("training conferences")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")), name="conference_dates"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="sessions")
    topic = models.CharField(_("topic"), max_length=12, choices=Topic.choices)
    title = models.CharField(_("title"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "starts_at"]

    def __str__(self) -> str:
        return self.title


class InvitationRule(models.Model):
    """Invite by rule: every holder of `role` in units of `unit_kinds` under `within` on the conference
    date — e.g. the People's Inspection Board of every ward and commune of the city."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="rules")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit_kinds = models.JSONField(_("kinds of unit"), default=list)
    within = models.ForeignKey("territory.Unit", verbose_name=_("within"), on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.get_role_display()} @ {', '.join(self.unit_kinds)} ⊂ {self.within}"

    @property
    def kinds_display(self) -> str:
        return ", ".join(str(UnitKind(k).label) if k in UnitKind.values else k for k in self.unit_kinds)

    @staticmethod
    def kind_choices() -> list[tuple[str, str]]:
        return [(value, str(label)) for value, label in UnitKind.choices]


def material_upload_to(instance: Material, filename: str) -> str:
    # A random folder per file: names of uploads cannot be guessed or collide.
    return f"training/{instance.conference_id}/{secrets.token_hex(8)}/{filename}"


class Material(models.Model):
    """A document of the conference: an uploaded file (PDF, Word, PowerPoint, picture) or a link."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="materials")
    session = models.ForeignKey(
        Session, verbose_name=_("session"), null=True, blank=True, on_delete=models.SET_NULL, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=material_upload_to, max_length=255, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session__position", "added_at", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [
            # Exactly one of the two: a file, or a link.
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")), name="material_file_or_link"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


def _token() -> str:
    return secrets.token_urlsafe(16)


class Delegate(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        REGISTERED = "registered", _("registered")
        DECLINED = "declined", _("declined")
        REPLACED = "replaced", _("replaced by a deputy")
        WITHDRAWN = "withdrawn", _("no longer holds the role")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="delegates")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="delegations")
    unit = models.ForeignKey(
        "territory.Unit", verbose_name=_("representing"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("invited as"), max_length=32, choices=Role.choices, blank=True)
    rule = models.ForeignKey(InvitationRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="delegates")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INVITED)
    substitute_for = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="substitutes"
    )
    # The QR code at the door carries this token (never a personal number).
    checkin_token = models.CharField(max_length=32, unique=True, default=_token, editable=False)
    invited_at = models.DateTimeField(auto_now_add=True)
    checked_in_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    # Set when the invitation e-mail is queued for sending: a second run of the task skips the delegate.
    invitation_sent_at = models.DateTimeField(_("invitation sent at"), null=True, blank=True)

    class Meta:
        ordering = ["unit__path", "role"]
        constraints = [models.UniqueConstraint(fields=["conference", "user"], name="one_delegation_per_conference")]

    def __str__(self) -> str:
        return f"{self.user} ({self.unit})"


# Delegates who are told they are invited: not withdrawn, replaced by a deputy, or declined.
TOLD_STATUSES = (Delegate.Status.INVITED, Delegate.Status.REGISTERED)


class Question(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the moderator")
        QUEUED = "queued", _("in the queue")
        ANSWERED = "answered", _("answered")
        HIDDEN = "hidden", _("hidden")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="questions")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("question"))
    text_folded = models.TextField(editable=False, default="")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    position = models.PositiveIntegerField(default=0)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.CharField(_("answered by"), max_length=200, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    in_faq = models.BooleanField(_("published in the FAQ"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class QuestionVote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "user"], name="one_upvote_per_user")]

    def __str__(self) -> str:
        return f"{self.question_id}+{self.user_id}"


class Difficulty(models.Model):
    """A difficulty a unit meets in its work, tracked to an answer (PRODUCT.md: the exchange session)."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ASSIGNED = "assigned", _("assigned")
        ANSWERED = "answered", _("answered")

    conference = models.ForeignKey(
        Conference, null=True, blank=True, on_delete=models.SET_NULL, related_name="difficulties"
    )
    unit = models.ForeignKey("territory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("difficulty"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    response = models.TextField(_("response"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = _("difficulties")

    def __str__(self) -> str:
        return self.text[:60]


class QuizAttempt(models.Model):
    class Kind(models.TextChoices):
        BEFORE = "before", _("test before the course")
        AFTER = "after", _("test after the course")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="quiz_attempts")
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="quiz_attempts")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # 1 for the first attempt; the test after the course may be taken again until passed
    # (Conference.after_test_attempts); the best attempt counts.
    number = models.PositiveSmallIntegerField(default=1)
    score = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    answers = models.JSONField(default=dict)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["delegate", "kind", "number"], name="one_row_per_attempt"),
            models.CheckConstraint(condition=Q(number__gte=1), name="attempt_number_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.delegate_id} {self.kind} #{self.number}: {self.score}/{self.total}"


class Feedback(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="feedback")
    delegate = models.OneToOneField(Delegate, on_delete=models.CASCADE, related_name="feedback")
    content = models.PositiveSmallIntegerField(_("usefulness of the content"))
    speakers = models.PositiveSmallIntegerField(_("clarity of the speakers"))
    organization = models.PositiveSmallIntegerField(_("organization"))
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    content__gte=1,
                    content__lte=5,
                    speakers__gte=1,
                    speakers__lte=5,
                    organization__gte=1,
                    organization__lte=5,
                ),
                name="feedback_ratings_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.conference_id}/{self.delegate_id}"
