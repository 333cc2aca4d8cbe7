"""Electing and dismissing the village head (Law Art 15(4), Art 21; D59 Arts 6–9; TT 04/2012 as amended).

An `Election` carries its D59 Art 6 timeline as dates (the day each step was recorded), its meeting's
count per `Candidate` and its outcome; the office itself is a `HeadTerm` (who holds it, elected or
interim, from when, until when). A `Dismissal` is triggered, petitioned (one `PetitionSignature` per
household), decided at a meeting and recognized. Every row changes only through `actions`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import rules


class TermSetting(models.Model):
    """The term of village heads in one province: 2.5 or 5 years, set uniformly by the provincial
    People's Committee (TT 04/2012 as amended, 08/VBHN-BNV 2022 [S]). Without a row: 5 years."""

    province = models.OneToOneField(
        "territory.Unit", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    months = models.PositiveSmallIntegerField(_("term in months"), choices=rules.TERM_CHOICES)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("village head term setting")
        verbose_name_plural = _("village head term settings")

    def __str__(self) -> str:
        return f"{self.province} · {self.months}"


class Election(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("in preparation")
        HELD = "held", _("held: waiting for recognition")
        NO_WINNER = "no_winner", _("no winner: the commune decides a re-election")
        RECOGNIZED = "recognized", _("recognized")
        RE_ELECTION = "re_election", _("re-election ordered")

    class Method(models.TextChoices):
        HANDS = "hands", _("show of hands")
        SECRET = "secret", _("secret ballot")

    village = models.ForeignKey(
        "territory.Unit", verbose_name=_("village"), on_delete=models.PROTECT, related_name="head_elections"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PREPARING)
    election_day = models.DateField(_("election day"))
    place = models.CharField(_("place"), max_length=200)
    # Step 1 (D59 Art 6): the commune chair's decision and plan.
    decided_on = models.DateField(_("decision and plan issued on"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    plan = models.TextField(_("plan"))
    # Step 2: the candidate list minutes (D59 Form 05) of the Front work committee.
    candidates_filed_on = models.DateField(_("candidate list filed on"), null=True, blank=True)
    # Step 3: the election team appointed by the commune chair.
    team_formed_on = models.DateField(_("election team formed on"), null=True, blank=True)
    # Step 4: the public notice.
    notice_on = models.DateField(_("announced on"), null=True, blank=True)
    notice_how = models.CharField(_("how it was announced"), max_length=300, blank=True)
    # The meeting (D59 Art 7) and its count.
    method = models.CharField(_("voting method"), max_length=8, choices=Method.choices, blank=True)
    households = models.PositiveIntegerField(_("households of the village on the election day"), null=True)
    present = models.PositiveIntegerField(_("household representatives present"), null=True)
    winner = models.ForeignKey("Candidate", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    no_winner_reason = models.CharField(_("why nobody was elected"), max_length=16, blank=True)
    result_recorded_at = models.DateTimeField(null=True, blank=True)
    result_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Recognition by the commune People's Committee (D59 Art 8), or its re-election decision.
    recognition_due_on = models.DateField(null=True, blank=True)
    recognized_on = models.DateField(null=True, blank=True)
    decided_result_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    re_election_reason = models.TextField(blank=True)
    follows = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    after_dismissal = models.ForeignKey(
        "Dismissal", on_delete=models.PROTECT, null=True, blank=True, related_name="elections"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("village head election")
        verbose_name_plural = _("village head elections")
        ordering = ["-election_day", "-pk"]

    def __str__(self) -> str:
        return f"{self.village} · {self.election_day}"

    def step_days(self) -> dict[str, object]:
        return {
            "decision": self.decided_on,
            "candidates": self.candidates_filed_on,
            "team": self.team_formed_on,
            "notice": self.notice_on,
        }


class Candidate(models.Model):
    class Nominated(models.TextChoices):
        FRONT = "front", _("the Front work committee's list")
        HOUSEHOLDS = "households", _("nominated by households")
        FLOOR = "floor", _("nominated or self-nominated at the meeting")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    full_name = models.CharField(_("full name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    nominated = models.CharField(_("nominated by"), max_length=12, choices=Nominated.choices)
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.full_name


class TeamMember(models.Model):
    """A member of the election team (Tổ bầu cử, D59 Art 6(1)(b)): led by a Front work committee
    representative; members from mass organisations and household representatives; never a candidate."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="team")
    full_name = models.CharField(_("full name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    leads = models.BooleanField(_("leads the team (Front representative)"), default=False)
    capacity = models.CharField(_("representing"), max_length=200, blank=True)

    class Meta:
        ordering = ["-leads", "pk"]

    def __str__(self) -> str:
        return self.full_name


class HeadTerm(models.Model):
    """Who holds the office of village head, from when to when: elected (from recognition) or interim."""

    class Kind(models.TextChoices):
        ELECTED = "elected", _("elected")
        INTERIM = "interim", _("interim (appointed by the commune)")

    village = models.ForeignKey("territory.Unit", on_delete=models.PROTECT, related_name="head_terms")
    full_name = models.CharField(_("full name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    started_on = models.DateField(_("in office since"))
    term_ends_on = models.DateField(_("term ends on"))
    ended_on = models.DateField(_("left office on"), null=True, blank=True)
    end_reason = models.CharField(max_length=20, blank=True)
    election = models.ForeignKey(Election, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            # One sitting head per village at a time.
            models.UniqueConstraint(fields=["village"], condition=Q(ended_on__isnull=True), name="one_sitting_head")
        ]

    def __str__(self) -> str:
        return f"{self.village} · {self.full_name}"


class Dismissal(models.Model):
    class Trigger(models.TextChoices):
        RESIGNATION = "resignation", _("written resignation to the commune chair")
        FRONT_PROPOSAL = "front_proposal", _("proposal of the head of the Front work committee")
        PETITION = "petition", _("petition of at least half of the village's households")

    class Status(models.TextChoices):
        PETITIONING = "petitioning", _("collecting signatures")
        TO_MEET = "to_meet", _("to be decided at a meeting")
        ADOPTED = "adopted", _("adopted: waiting for recognition")
        NOT_ADOPTED = "not_adopted", _("not adopted at the meeting")
        RECOGNIZED = "recognized", _("recognized")

    village = models.ForeignKey("territory.Unit", on_delete=models.PROTECT, related_name="head_dismissals")
    term = models.ForeignKey(HeadTerm, on_delete=models.PROTECT, related_name="dismissals")
    trigger = models.CharField(_("trigger"), max_length=16, choices=Trigger.choices)
    grounds = models.TextField(_("grounds"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    opened_on = models.DateField()
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    meeting_on = models.DateField(_("meeting day"), null=True, blank=True)
    households = models.PositiveIntegerField(null=True, blank=True)
    present = models.PositiveIntegerField(null=True, blank=True)
    agree = models.PositiveIntegerField(null=True, blank=True)
    convened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recognition_due_on = models.DateField(null=True, blank=True)
    recognized_on = models.DateField(null=True, blank=True)
    recognized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    new_election_due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.village} · {self.get_trigger_display()}"


class PetitionSignature(models.Model):
    """One household's signature on a dismissal petition (D59 Art 9): online by its representative, or
    entered from paper by staff. One per household (the constraint)."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("on paper")

    dismissal = models.ForeignKey(Dismissal, on_delete=models.CASCADE, related_name="signatures")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dismissal", "household"], name="one_signature_per_household")]

    def __str__(self) -> str:
        return f"{self.dismissal_id} · {self.household_id}"
