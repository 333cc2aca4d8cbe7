"""The People's Inspection Board of a commune, term by term (Law Arts 36–39; D59 Arts 12–15).

A `Board` is one term of one commune's board. Each seat is won by a `Candidacy` that a village decides at its
community meeting (an item-5 community matter of `decisions`, Law Art 15(5)) and the commune Front recognizes;
a recognized candidacy seats a `Member`, who leaves by removal, resignation or the end of the term. The board
writes its `Plan`s (D59 Art 14). Every row changes only through `actions`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import CandidacyStatus, Departure, Period, Seat


class Board(models.Model):
    commune = models.ForeignKey(
        "territory.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="inspection_boards"
    )
    term_starts_on = models.DateField(_("term starts on"))
    # Law Art 36(2): the village head's term; the board's roles end on this day.
    term_ends_on = models.DateField(_("term ends on"))
    # Law Art 36(1): 0 to 2 deputies, the number set by the commune Front.
    deputies_allowed = models.PositiveSmallIntegerField(_("number of deputy heads"), default=1)
    officers_elected_on = models.DateField(_("head and deputies elected on"), null=True, blank=True)
    # Law Art 36: the composition announced to the People's Council, the People's Committee and residents.
    announced_on = models.DateField(_("composition announced on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-term_starts_on"]
        verbose_name = _("People's Inspection Board")
        verbose_name_plural = _("People's Inspection Boards")
        constraints = [
            models.UniqueConstraint(fields=["commune", "term_starts_on"], name="one_board_per_commune_term"),
            models.CheckConstraint(condition=Q(term_ends_on__gt=models.F("term_starts_on")), name="board_term_range"),
            models.CheckConstraint(condition=Q(deputies_allowed__lte=2), name="board_at_most_2_deputies"),
        ]

    def __str__(self) -> str:
        return f"{self.commune} · {self.term_starts_on:%Y}–{self.term_ends_on:%Y}"


class Candidacy(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="candidacies")
    village = models.ForeignKey("territory.Unit", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(
        "people.Resident", verbose_name=_("resident"), on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    # Law Art 37: the Front's record that the person is not a commune official, civil servant or part-time
    # commune or village worker (what the accounts cannot show).
    declaration_recorded_on = models.DateField(_("declaration recorded on"))
    status = models.CharField(
        _("status"), max_length=12, choices=CandidacyStatus.choices, default=CandidacyStatus.NOMINATED
    )
    # The village's item-5 community matter that elects the candidate (Law Art 15(5); D59 Art 3).
    matter = models.OneToOneField(
        "decisions.Matter", null=True, blank=True, on_delete=models.PROTECT, related_name="inspection_candidacy"
    )
    # A by-election fills the seat of this member (D59 Art 13).
    replaces = models.ForeignKey("Member", null=True, blank=True, on_delete=models.PROTECT, related_name="by_elections")
    decided_on = models.DateField(_("recognized or refused on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["village__code", "pk"]
        verbose_name = _("candidacy for the People's Inspection Board")
        verbose_name_plural = _("candidacies for the People's Inspection Board")

    def __str__(self) -> str:
        return f"{self.full_name} · {self.village}"


class Member(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    candidacy = models.OneToOneField(Candidacy, on_delete=models.PROTECT, related_name="member")
    village = models.ForeignKey("territory.Unit", verbose_name=_("village"), on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(
        "people.Resident", verbose_name=_("resident"), on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    seat = models.CharField(_("seat"), max_length=8, choices=Seat.choices, default=Seat.MEMBER)
    seated_on = models.DateField(_("member since"))
    # The account that holds the board's roles (the resident's linked account on recognition), if any.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member_role = models.ForeignKey(
        "accounts.RoleAssignment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    head_role = models.ForeignKey(
        "accounts.RoleAssignment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    departure = models.CharField(_("left by"), max_length=12, choices=Departure.choices, blank=True)
    departure_reason = models.TextField(_("reasons"), blank=True)
    # D59 Art 13: whether the seat is filled by a by-election (6 months or more left), and why not.
    by_election_due = models.BooleanField(_("by-election due"), null=True, blank=True)

    class Meta:
        ordering = ["village__code", "pk"]
        verbose_name = _("member of the People's Inspection Board")
        verbose_name_plural = _("members of the People's Inspection Board")

    def __str__(self) -> str:
        return f"{self.full_name} · {self.get_seat_display()}"

    @property
    def serving(self) -> bool:
        return self.left_on is None


class Plan(models.Model):
    """D59 Art 14: purpose, content, timing, budget and organisation, for a quarter, half-year, year or term."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="plans")
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("quarter or half"), default=0)
    purpose = models.TextField(_("purpose"))
    content = models.TextField(_("content"))
    timing = models.TextField(_("timing"))
    budget = models.TextField(_("budget"))
    organisation = models.TextField(_("organisation"))
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "period", "number"]
        verbose_name = _("plan of the People's Inspection Board")
        verbose_name_plural = _("plans of the People's Inspection Board")
        constraints = [
            models.UniqueConstraint(fields=["board", "period", "year", "number"], name="one_plan_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.board} · {self.period} {self.year}/{self.number}"
