"""A supervised project, its parties, its Community Investment Supervision Board and members (with their
declared relationships), the checklist of Law Art 43(1) and the board's recommendations with the commune's
answers (Law Arts 41–45; D59 Arts 16–19). Rows change only through `actions` (every write audited)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    BoardStatus,
    ItemStatus,
    MemberStatus,
    PartyRole,
    Position,
    ProjectKind,
    RecommendationKind,
    Seat,
)

USER = settings.AUTH_USER_MODEL


class Project(models.Model):
    """A programme or project in the commune (Law Art 41(1)); its villages are where it is located."""

    commune = models.ForeignKey("territory.Unit", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="supervised_projects")  # fmt: skip
    villages = models.ManyToManyField("territory.Unit", verbose_name=_("villages"), related_name="+")
    title = models.CharField(_("project"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=ProjectKind.choices)
    commune_budget = models.BooleanField(_("funded from the commune budget"), default=False)
    location = models.CharField(_("location"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    total_investment = models.CharField(_("total investment"), max_length=100, blank=True)
    ended_on = models.DateField(_("project ended on"), null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("supervised project")
        verbose_name_plural = _("supervised projects")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class ProjectParty(models.Model):
    """A party of the project (Law Art 42): a board member may not be, or be related to, any of them."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role in the project"), max_length=20, choices=PartyRole.choices)
    name = models.CharField(_("name"), max_length=300)
    representative = models.CharField(_("representative"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("project party")
        verbose_name_plural = _("project parties")
        ordering = ["role", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class Board(models.Model):
    """One board per project (Law Art 41(1)), set up by the commune Front; it closes when the project ends."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="board")
    status = models.CharField(_("status"), max_length=20, choices=BoardStatus.choices, default=BoardStatus.FORMING)
    set_up_on = models.DateField(_("set up on"))
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    plan = models.TextField(_("supervision plan"), blank=True)
    investor_notified_on = models.DateField(_("investor notified on"), null=True, blank=True)
    supervision_starts_on = models.DateField(_("supervision starts on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    report = models.TextField(_("the board's report"), blank=True)

    class Meta:
        verbose_name = _("community investment supervision board")
        verbose_name_plural = _("community investment supervision boards")

    def __str__(self) -> str:
        return str(self.project)

    @property
    def is_closed(self) -> bool:
        return self.status == BoardStatus.CLOSED


class Member(models.Model):
    """A member: the Front's or the Inspection Board's representative (appointed), or a residents'
    representative elected at the community meeting of their village (Law Art 15(5), a decisions matter)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("full name"), max_length=200)
    seat = models.CharField(_("represents"), max_length=20, choices=Seat.choices)
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, default=Position.MEMBER)
    village = models.ForeignKey("territory.Unit", verbose_name=_("village"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")  # fmt: skip
    user = models.ForeignKey(USER, verbose_name=_("account"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="investment_board_seats")  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=MemberStatus.choices)
    matter = models.ForeignKey("decisions.Matter", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="investment_board_members")  # fmt: skip
    declared_at = models.DateTimeField(_("relationships declared at"), null=True, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    role_assignment = models.ForeignKey("accounts.RoleAssignment", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        ordering = ["board", "position", "pk"]

    def __str__(self) -> str:
        return self.full_name


class ChecklistItem(models.Model):
    """One thing Law Art 43(1) says the board monitors, on this project."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=30)
    order = models.PositiveSmallIntegerField()
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.NOT_CHECKED)
    notes = models.TextField(_("notes"), blank=True)
    evidence = models.FileField(_("evidence (photo or file)"), upload_to="investment_supervision/%Y/", blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    checked_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["board", "order"]
        constraints = [models.UniqueConstraint(fields=["board", "key"], name="investment_checklist_item_once")]

    def __str__(self) -> str:
        return f"{self.board} {self.key}"


class Recommendation(models.Model):
    """A finding and the board's recommendation (Law Art 43(2)), certified by the Front, then answered by the
    commune People's Committee within 15 days of receipt (Law Arts 44–45; D59 Art 18)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="recommendations")
    kind = models.CharField(_("kind"), max_length=20, choices=RecommendationKind.choices)
    findings = models.TextField(_("findings"))
    text = models.TextField(_("recommendation"))
    drafted_on = models.DateField(_("drafted on"))
    drafted_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_on = models.DateField(_("certified and sent to the commune on"), null=True, blank=True)
    answer = models.TextField(_("the commune's answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["board", "-drafted_on", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def paper(self) -> str:
        """The document kind of this recommendation (documents.py)."""
        return f"recommendation-{self.pk}"
