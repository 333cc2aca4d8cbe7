"""Community matters decided by households (bàn và quyết định), Law Arts 15–24, D59 Arts 3–5.

A matter is decided in rounds: a meeting, then household ballots if the meeting fell short; or an
online vote. Who took part (`Participation`, one per household and round, enforced by a unique
constraint) is kept apart from what was chosen (`Ballot`, which carries no household key, a random
token and only the date), so secret ballots stay secret and every channel counts a household once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.territory.models import under

from . import rules
from .choices import Choice as Choice
from .choices import Form as Form
from .choices import Item as Item
from .choices import Scope as Scope


class Channel(models.TextChoices):
    MEETING = "meeting", _("meeting")
    SLIP = "slip", _("ballot slip")
    ONLINE = "online", _("online")


class TabledVia(models.TextChoices):
    VILLAGE_HEAD = "village_head", _("the village head, with the Front work committee (Art 16(2))")
    COMMUNE_CHAIR = "commune_chair", _("the commune chair, with the commune Front (Art 16(1))")
    INITIATIVE = "initiative", _("a citizen initiative (Art 16(3))")


class Status(models.TextChoices):
    DRAFT = "draft", _("being prepared")
    GATHERING = "gathering", _("collecting consents")
    OPEN = "open", _("open for decision")
    CLOSED = "closed", _("counted")
    FILED = "filed", _("filed with the commune")
    RECOGNIZED = "recognized", _("recognized")
    REFUSED = "refused", _("recognition refused")
    EFFECTIVE = "effective", _("in effect")


# A result exists (the matter was counted) in these states.
COUNTED = frozenset({Status.CLOSED, Status.FILED, Status.RECOGNIZED, Status.REFUSED, Status.EFFECTIVE})


class MatterQuerySet(models.QuerySet["Matter"]):
    def counted(self) -> MatterQuerySet:
        return self.filter(status__in=COUNTED)

    def in_units(self, unit_paths: list[str]) -> MatterQuerySet:
        return self.filter(under(unit_paths, "unit__path"))


class Matter(models.Model):
    unit = models.ForeignKey("territory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="matters")
    item = models.PositiveSmallIntegerField(_("kind of matter (Art 15)"), choices=Item.choices)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.VILLAGE)
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question put to households"))
    description = models.TextField(_("details"), blank=True)
    tabled_via = models.CharField(_("tabled by"), max_length=20, choices=TabledVia.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    form = models.CharField(_("form of deciding"), max_length=10, choices=Form.choices, blank=True)
    round = models.PositiveSmallIntegerField(default=1)
    # Agreements and notices that the law requires before a step.
    head_agreed_at = models.DateTimeField(_("village head agreed"), null=True, blank=True)
    front_agreed_at = models.DateTimeField(_("Front work committee head agreed"), null=True, blank=True)
    optin_yes = models.PositiveIntegerField(_("households for online voting in the prior poll"), default=0)
    commune_committee_notified_at = models.DateTimeField(
        _("commune People's Committee notified"), null=True, blank=True
    )
    commune_front_notified_at = models.DateTimeField(_("commune Front notified"), null=True, blank=True)
    # Snapshots taken when the matter opens (law.md 10.A.2): H for each village, V for the commune.
    household_count = models.PositiveIntegerField(_("households (H) when opened"), null=True, blank=True)
    village_count = models.PositiveIntegerField(_("villages (V) when opened"), null=True, blank=True)
    rules_version = models.CharField(max_length=20, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Why the village head counted the slips before the announced end while some were still out.
    early_count_reason = models.TextField(_("reason for counting before the announced end"), blank=True)
    # The published result (what verify_tally recomputes from the ballots).
    result = models.JSONField(_("published result"), null=True, blank=True)
    adopted = models.BooleanField(_("adopted"), null=True, blank=True)
    # Filing and recognition (Art 20(3), Art 21(2)).
    filing_due_on = models.DateField(_("file by"), null=True, blank=True)
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)
    recognition_due_on = models.DateField(_("recognize by"), null=True, blank=True)
    decided_at = models.DateTimeField(_("recognized or refused at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refusal_reason = models.TextField(_("reasons for refusal"), blank=True)
    effective_on = models.DateField(_("takes effect on"), null=True, blank=True)
    # The decision record (Art 20(2)): what was decided and who signs.
    decision_text = models.TextField(_("the decision"), blank=True)
    signatories = models.JSONField(_("signatories"), default=dict, blank=True)

    objects = MatterQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("community matter")
        verbose_name_plural = _("community matters")
        constraints = [
            models.CheckConstraint(condition=Q(item__gte=1, item__lte=6), name="matter_item_1_to_6"),
            # Online voting only for item 6 (D59 Art 5(1)(a)), enforced by the database too.
            models.CheckConstraint(condition=~Q(form="online") | Q(item=6), name="online_only_for_item_6"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def rule_item(self) -> rules.Item:
        return rules.Item(self.item)

    @property
    def rule_scope(self) -> rules.Scope:
        return rules.Scope(self.scope)


class MatterVillage(models.Model):
    """Each village a matter concerns, with its household count H snapshotted when it opened."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="villages")
    unit = models.ForeignKey("territory.Unit", on_delete=models.PROTECT, related_name="+")
    household_count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["matter", "unit"], name="one_snapshot_per_village")]

    def __str__(self) -> str:
        return f"{self.matter_id}/{self.unit_id}: H={self.household_count}"


class Consent(models.Model):
    """A household's consent to a citizen initiative (Art 16(3)); valid for 3 months."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="consents")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    given_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["matter", "household"], name="one_consent_per_household")]

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.household_id} on {self.given_on}"


class Participation(models.Model):
    """That a household took part in a round — never what it chose. One per household and round,
    across every channel: the database refuses a second one."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="participations")
    round = models.PositiveSmallIntegerField()
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["matter", "round", "household"], name="one_vote_per_household_and_round")
        ]

    def __str__(self) -> str:
        return f"{self.matter_id}/r{self.round}: {self.household_id} ({self.channel})"


class SealedBallot(models.Model):
    """A ballot in the box until the count: its content sealed with a key outside the database and padded
    to one size, so this row, though written beside the household's participation, tells nothing
    (ballot_box.py; docs/architecture.md, "Secret ballots")."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="+")
    round = models.PositiveSmallIntegerField()
    sealed = models.TextField()

    def __str__(self) -> str:
        return f"{self.matter_id}/r{self.round}: sealed"


class Ballot(models.Model):
    """What was chosen. No household key, no date, a random token; written at the count in a random
    order (ballot_box.empty_box), so no id, row order or transaction id follows the order of voting."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="ballots")
    round = models.PositiveSmallIntegerField()
    village = models.ForeignKey("territory.Unit", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    choice = models.CharField(max_length=10, choices=Choice.choices)
    comment = models.TextField(blank=True)
    token = models.CharField(max_length=32, unique=True)
    # SHA-256 of the receipt code given to an online voter, listed on the public bulletin.
    receipt_hash = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["matter", "round", "village", "choice"])]

    def __str__(self) -> str:
        return f"{self.matter_id}/r{self.round}: {self.token}"


class Meeting(models.Model):
    """A community meeting (Art 18; D59 Art 3)."""

    class Method(models.TextChoices):
        HANDS = "hands", _("show of hands")
        SECRET = "secret", _("secret ballot")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="meetings")
    round = models.PositiveSmallIntegerField()
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200)
    notice_sent_on = models.DateField(_("notice sent on"), null=True, blank=True)
    notice_posted_on = models.DateField(_("notice posted on"), null=True, blank=True)
    documents_delivered_on = models.DateField(_("documents delivered on"), null=True, blank=True)
    method = models.CharField(_("voting method"), max_length=10, choices=Method.choices, blank=True)
    secretary = models.CharField(_("secretary"), max_length=200, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Meeting by residential cluster (Art 18(3); D59 Art 3(6)): the plan is decided by UBND xã.
    dispersed = models.BooleanField(_("scattered settlement"), default=False)
    cluster_plan_approved_on = models.DateField(
        _("cluster plan approved by the commune People's Committee on"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("community meeting")
        verbose_name_plural = _("community meetings")

    def __str__(self) -> str:
        return f"{self.matter} @ {self.starts_at:%Y-%m-%d}"


class Cluster(models.Model):
    """A residential cluster meeting of a large village (Art 18(3); D59 Art 3(6))."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="clusters")
    name = models.CharField(_("cluster"), max_length=100)
    chair = models.CharField(_("chaired by"), max_length=200)
    # The cluster's own count, reported by its chair to the village head (D59 Art 3(6)).
    agree = models.PositiveIntegerField(_("agree"), null=True, blank=True)
    disagree = models.PositiveIntegerField(_("disagree"), null=True, blank=True)
    other = models.PositiveIntegerField(_("other opinion"), null=True, blank=True)
    counted_at = models.DateTimeField(_("counted at"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "name"], name="cluster_name_once_per_meeting")]

    def __str__(self) -> str:
        return self.name


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    cluster = models.ForeignKey(Cluster, null=True, blank=True, on_delete=models.PROTECT, related_name="attendance")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "household"], name="attend_once")]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.household_id}"


class SlipDistribution(models.Model):
    """The slip of a household was delivered to it by hand (Art 19(3); D59 Art 4(5)–(6)). Its return is
    the household's `Participation` with the slip channel."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="distributions")
    round = models.PositiveSmallIntegerField()
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    delivered_on = models.DateField(_("delivered on"))
    delivered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["matter", "round", "household"], name="one_slip_delivered_per_household")
        ]

    def __str__(self) -> str:
        return f"{self.matter_id}/r{self.round}: {self.household_id} on {self.delivered_on}"


class TeamMember(models.Model):
    """Ballot team, counting committee, online-vote team (3–5), and the 2 count witnesses."""

    class Team(models.TextChoices):
        BALLOT_TEAM = "ballot_team", _("ballot team")
        COUNTING_COMMITTEE = "counting", _("vote-counting committee")
        ONLINE_TEAM = "online_team", _("online-vote team")
        WITNESS = "witness", _("count witness (household representative)")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="team")
    team = models.CharField(max_length=12, choices=Team.choices)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    is_lead = models.BooleanField(_("leads the team"), default=False)

    def __str__(self) -> str:
        return f"{self.get_team_display()}: {self.name}"


class StepCorrection(models.Model):
    """A change to a preparation step after the matter opened (opt-in poll, a team). Never an edit in
    place without a trace: this row keeps the old and the new value, who changed it, when and why.
    Append-only: no action updates or deletes it."""

    class Step(models.TextChoices):
        OPTIN = "optin", _("prior poll on online voting")
        BALLOT_TEAM = "ballot_team", _("ballot team")
        COUNTING_COMMITTEE = "counting", _("vote-counting committee")
        ONLINE_TEAM = "online_team", _("online-vote team")
        WITNESS = "witness", _("count witnesses")

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="corrections")
    step = models.CharField(_("step"), max_length=12, choices=Step.choices)
    old_value = models.JSONField(_("old value"))
    new_value = models.JSONField(_("new value"))
    reason = models.TextField(_("reason for the correction"))
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    corrected_at = models.DateTimeField(_("corrected at"), auto_now_add=True)

    class Meta:
        ordering = ["corrected_at", "pk"]
        verbose_name = _("correction of a step")
        verbose_name_plural = _("corrections of steps")

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.step} at {self.corrected_at:%Y-%m-%d %H:%M}"


class IdempotencyKey(models.Model):
    """The receipt returned for an `Idempotency-Key`, so a repeated request gets the same answer. The
    receipt is sealed (core.sealing): in clear, its hash would lead from this account to its ballot."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="+")
    sealed_receipt = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"


class NonWorkingDay(models.Model):
    """Adjustments to the public-holiday calendar: the government's day swaps and compensatory days."""

    day = models.DateField(_("day"), unique=True)
    is_working_day = models.BooleanField(
        _("is a working day"),
        help_text=_("Tick for a Saturday or Sunday made a working day; untick for an extra day off."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("calendar adjustment")
        verbose_name_plural = _("calendar adjustments")

    def __str__(self) -> str:
        return f"{self.day}: {'working' if self.is_working_day else 'day off'}"


class NotificationKind(models.TextChoices):
    OPENED = "opened", _("Open for decision")
    CLOSING_SOON = "closing_soon", _("Voting closes soon")
    RESULT = "result", _("Result published")


class Notification(models.Model):
    """A household representative was told about a matter: in the app, and by e-mail and SMS when the
    account has them (decisions.notifications). One per user, matter and kind: the database refuses a
    second, so a task that runs twice sends nothing new."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "matter", "kind"], name="notify_once_per_user_matter_kind")
        ]
        # The unread count in the header of every page.
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.matter_id} {self.kind}"
