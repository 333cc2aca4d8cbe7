"""Village conventions (hương ước, quy ước), Decree 61/2023/ND-CP.

A `Convention` is one village's convention through time; each `Version` is one text of it (the first
draft, an amendment, a replacement), split into `Article`s (Điều), posted for comment, adopted through a
community-decisions matter (item 3, `decisions.Matter`), filed, recognized and distributed. `Comment`s
are given per article online or entered by staff with their channel; `Ruling`s answer written reports
(suspension, abolition); `Review`s record the yearly review. Nothing is deleted: a hidden comment keeps
its text and the reason it was hidden.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.territory.models import under


class Kind(models.TextChoices):
    """D61 Art 6(4): the community names its convention."""

    HUONG_UOC = "huong_uoc", _("hương ước (village convention)")
    QUY_UOC = "quy_uoc", _("quy ước (residential-group convention)")


class ProposedVia(models.TextChoices):
    """D61 Art 7(1)."""

    VILLAGE_HEAD = "village_head", _("the village head, with the Front work committee head's agreement")
    CITIZENS = "citizens", _("citizens, with the consent of at least a tenth of all households")


class ConventionStatus(models.TextChoices):
    PREPARING = "preparing", _("being drafted")
    IN_FORCE = "in_force", _("in force")
    SUSPENDED = "suspended", _("suspended")
    PARTLY_SUSPENDED = "partly_suspended", _("partly suspended")
    ABOLISHED = "abolished", _("abolished")


class ConventionQuerySet(models.QuerySet["Convention"]):
    def in_units(self, unit_paths: list[str]) -> ConventionQuerySet:
        return self.filter(under(unit_paths, "village__path"))

    def public(self) -> ConventionQuerySet:
        """Conventions the public sees: those with at least one posted version (D61 Art 9)."""
        return self.filter(versions__posted_on__isnull=False).distinct()


class Convention(models.Model):
    village = models.ForeignKey(
        "territory.Unit", verbose_name=_("village"), on_delete=models.PROTECT, related_name="conventions"
    )
    kind = models.CharField(_("name of the convention"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    proposed_via = models.CharField(_("proposed by"), max_length=16, choices=ProposedVia.choices)
    front_agreed = models.BooleanField(_("the Front work committee head agreed"), default=False)
    consents = models.PositiveIntegerField(_("households consenting"), null=True, blank=True)
    households = models.PositiveIntegerField(_("households of the village when proposed"))
    ethnic_minority = models.BooleanField(_("ethnic-minority community"), default=False)
    review_month = models.PositiveSmallIntegerField(_("review month"), default=11)
    review_day = models.PositiveSmallIntegerField(_("review day"), default=18)
    status = models.CharField(
        _("status"), max_length=20, choices=ConventionStatus.choices, default=ConventionStatus.PREPARING
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConventionQuerySet.as_manager()

    class Meta:
        ordering = ["village__code", "-created_at"]
        verbose_name = _("village convention")
        verbose_name_plural = _("village conventions")

    def __str__(self) -> str:
        return self.title

    def current(self) -> Version | None:
        """The version in force (or suspended), if any."""
        return self.versions.filter(recognized_on__isnull=False, superseded_on__isnull=True).order_by("-number").first()

    def latest(self) -> Version | None:
        return self.versions.order_by("-number").first()


class DraftingMember(models.Model):
    """A member of the drafting team (Tổ soạn thảo, D61 Art 8)."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="team")
    name = models.CharField(_("full name"), max_length=120)
    role = models.CharField(_("organisation or standing"), max_length=160, blank=True)
    is_elder = models.BooleanField(_("village elder or village chief"), default=False)
    speaks_language = models.BooleanField(_("speaks the ethnic language"), default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    POSTED = "posted", _("posted for comment")
    VOTING = "voting", _("put to the households")
    NOT_ADOPTED = "not_adopted", _("not adopted")
    FILED = "filed", _("dossier filed with the commune")
    IN_FORCE = "in_force", _("in force")
    REFUSED = "refused", _("recognition refused")
    SUPERSEDED = "superseded", _("replaced by a later version")
    ABOLISHED = "abolished", _("abolished")


class Version(models.Model):
    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    change_note = models.TextField(_("what this version changes"), blank=True)
    text = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # D61 Art 9: posting for comment.
    posted_on = models.DateField(_("posted on"), null=True, blank=True)
    posting_place = models.CharField(_("posted at"), max_length=200, blank=True)
    posting_ends_on = models.DateField(_("posting ends"), null=True, blank=True)
    # D61 Art 10: adoption through a community-decisions matter (item 3).
    matter = models.OneToOneField(
        "decisions.Matter", null=True, blank=True, on_delete=models.PROTECT, related_name="convention_version"
    )
    # D61 Art 11: the dossier and the decision.
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    dossier_due_on = models.DateField(_("dossier due"), null=True, blank=True)
    dossier_filed_on = models.DateField(_("dossier filed on"), null=True, blank=True)
    request_text = models.TextField(_("the request (Form 01)"), blank=True)
    recognition_due_on = models.DateField(_("recognition due"), null=True, blank=True)
    recognized_on = models.DateField(_("recognized on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=40, blank=True)
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    refused_on = models.DateField(_("refused on"), null=True, blank=True)
    refusal_reason = models.TextField(_("reasons for refusal"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # D61 Art 18(1)(a): distribution of the recognized text.
    distribution_due_on = models.DateField(_("distribution due"), null=True, blank=True)
    distributed_on = models.DateField(_("distributed on"), null=True, blank=True)
    # D61 Art 15(1): dissemination channels besides the culture house.
    disseminated_via = models.CharField(_("also disseminated by"), max_length=200, blank=True)
    superseded_on = models.DateField(_("replaced or abolished on"), null=True, blank=True)

    class Meta:
        ordering = ["convention", "number"]
        constraints = [models.UniqueConstraint(fields=["convention", "number"], name="one_number_per_version")]

    def __str__(self) -> str:
        return f"{self.convention} v{self.number}"


class Article(models.Model):
    """An article (Điều) of one version; number 0 holds the text before the first article."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="articles")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="one_article_number_per_version")]

    def __str__(self) -> str:
        return f"Điều {self.number}. {self.title}"


class CommentChannel(models.TextChoices):
    """D61 Art 9(2): how comments are collected."""

    ONLINE = "online", _("online, on this site")
    PAPER = "paper", _("on the copy sent to the household")
    BOX = "box", _("suggestion box")
    MEETING = "meeting", _("at a meeting")
    SOCIAL = "social", _("the agreed social network")


class Comment(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="comments")
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    channel = models.CharField(_("channel"), max_length=10, choices=CommentChannel.choices)
    author_name = models.CharField(_("from"), max_length=120)
    body = models.TextField(_("comment"))
    given_on = models.DateField(_("given on"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField(_("why it is hidden"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.version}: {self.author_name}"


class RulingKind(models.TextChoices):
    SUSPENSION = "suspension", _("suspension")
    ABOLITION = "abolition", _("abolition")


class Outcome(models.TextChoices):
    PENDING = "pending", _("waiting for the commune's answer")
    UNFOUNDED = "unfounded", _("answered: the report is unfounded")
    DONE = "done", _("decided")


class Ruling(models.Model):
    """A written report asking the commune to suspend or abolish a convention, and the commune's answer
    (Form 04 suspension, Form 05 abolition)."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="rulings")
    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="rulings")
    kind = models.CharField(_("kind"), max_length=12, choices=RulingKind.choices)
    whole = models.BooleanField(_("the whole convention"), default=True)
    articles = models.CharField(_("articles concerned"), max_length=200, blank=True)
    report = models.TextField(_("the written report"))
    reported_by = models.CharField(_("reported by"), max_length=200)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("answer due"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=40, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    fix_by = models.DateField(_("to be corrected by"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.convention}: {self.kind}"


class Review(models.Model):
    """The yearly review (D61 Art 15(2))."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField(_("held on"))
    summary = models.TextField(_("evaluation, praise and criticism, proposed amendments"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.convention}: {self.held_on}"
