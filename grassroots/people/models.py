"""The household register (sổ hộ gia đình): households, residents, membership, representatives.

Everything carries validity dates, so the register can answer "how many households did this
village have on the day of the vote?" (law.md 10.A.2: thresholds count all households, H, and H is
snapshotted on the date of the vote) after moves, splits and merges.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.text import FoldedFieldsMixin

from .rules import Sex  # the one definition, shared with the rules


class PeriodQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def on(self, day: dt.date) -> PeriodQuerySet:
        """Rows whose period [valid_from, valid_to) covers the day."""
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))

    def current(self) -> PeriodQuerySet:
        return self.filter(valid_to__isnull=True)


class Period(models.Model):
    """A row that holds over [valid_from, valid_to); an empty valid_to means it still holds.

    Rows are closed and new ones opened instead of being overwritten, so the register answers for any
    past day (`Model.objects.on(day)`). Every concrete period declares `period_constraints` in its Meta.
    """

    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        abstract = True

    def covers(self, day: dt.date) -> bool:
        """Whether the period [valid_from, valid_to) covers the day: `PeriodQuerySet.on` for a row at hand."""
        return self.valid_from <= day and (self.valid_to is None or self.valid_to > day)

    def period_text(self) -> str:
        return f"{self.valid_from}–{self.valid_to or ''}"


def period_constraints(prefix: str, *, one_open_per: str, open_name: str) -> list[models.BaseConstraint]:
    """The two rules of every period: it does not end before it starts (named `<prefix>_period`, as
    constraint names are unique in the database), and at most one row per `one_open_per` is open."""
    return [
        models.CheckConstraint(
            condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")), name=f"{prefix}_period"
        ),
        models.UniqueConstraint(fields=[one_open_per], condition=Q(valid_to__isnull=True), name=open_name),
    ]


class HouseholdQuerySet(models.QuerySet["Household"]):
    def active(self) -> HouseholdQuerySet:
        return self.filter(dissolved_on__isnull=True)


class Household(FoldedFieldsMixin, models.Model):
    folded_fields = {"address_folded": "address"}

    code = models.CharField(_("household code"), max_length=32, unique=True)
    # The village (thôn / tổ dân phố) the household lives in now; history in HouseholdLocation.
    unit = models.ForeignKey(
        "territory.Unit",
        verbose_name=_("village or residential group"),
        on_delete=models.PROTECT,
        related_name="households",
    )
    address = models.CharField(_("address"), max_length=255)
    address_folded = models.CharField(max_length=255, editable=False, default="")
    formed_on = models.DateField(_("registered on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    # Splits (one → several) and merges (several → one) keep their history.
    derived_from = models.ManyToManyField(
        "self", verbose_name=_("derived from"), symmetrical=False, blank=True, related_name="derived"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("household")
        verbose_name_plural = _("households")
        indexes = [models.Index(fields=["unit", "dissolved_on"])]

    def __str__(self) -> str:
        return self.code


class HouseholdLocation(Period):
    """Where a household lived, and when: the source of every dated household count."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="locations")
    unit = models.ForeignKey("territory.Unit", on_delete=models.PROTECT, related_name="household_locations")
    address = models.CharField(_("address"), max_length=255)

    class Meta:
        verbose_name = _("household location")
        verbose_name_plural = _("household locations")
        indexes = [models.Index(fields=["unit", "valid_from", "valid_to"])]
        constraints = period_constraints(
            "household_location", one_open_per="household", open_name="one_open_location_per_household"
        )

    def __str__(self) -> str:
        return f"{self.household_id} @ {self.unit_id} {self.period_text()}"


class Resident(FoldedFieldsMixin, models.Model):
    folded_fields = {"name_folded": "full_name"}

    full_name = models.CharField(_("full name"), max_length=200)
    # Lower-case, accent-free copy for search (core.text.fold): "nguyen van an" finds "Nguyễn Văn An".
    name_folded = models.CharField(max_length=200, db_index=True, editable=False, default="")
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    # The national ID number (số định danh cá nhân / CCCD) is stored encrypted, with the key outside
    # the database; look-ups use a keyed hash. Never log it, never put it in a URL.
    national_id_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    national_id_encrypted = models.TextField(blank=True, editable=False)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    anonymized_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")

    def __str__(self) -> str:
        return self.full_name


class Membership(Period):
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="memberships")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        verbose_name = _("household membership")
        verbose_name_plural = _("household memberships")
        constraints = period_constraints(
            "membership", one_open_per="resident", open_name="one_open_household_per_resident"
        )

    def __str__(self) -> str:
        return f"{self.resident_id} in {self.household_id} {self.period_text()}"


class Representation(Period):
    """The household representative (đại diện hộ gia đình): exactly one at a time (Law Art 18(2))."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="representations")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="representations")

    class Meta:
        verbose_name = _("household representative")
        verbose_name_plural = _("household representatives")
        constraints = period_constraints(
            "representation", one_open_per="household", open_name="one_open_representative_per_household"
        )

    def __str__(self) -> str:
        return f"{self.resident_id} represents {self.household_id} {self.period_text()}"


class LinkProposal(models.Model):
    """An official proposes that an account is a resident's; another official of the commune confirms it.

    Linking an account to a resident decides who votes for a household (Law Art 18(2)), so no single
    official can do it alone: one proposes, a second official of the same commune (not the proposer)
    confirms. The resident can also link their own account with their own proof (people.linking).
    """

    class Outcome(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="+"
    )
    resident = models.ForeignKey(
        Resident, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="link_proposals"
    )
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="link_proposals"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("account link proposal")
        verbose_name_plural = _("account link proposals")
        constraints = [
            # At most one open proposal per resident.
            models.UniqueConstraint(
                fields=["resident"], condition=Q(decided_at__isnull=True), name="one_open_link_proposal_per_resident"
            ),
            # Decided means by someone, at a time, with an outcome; open means none of the three.
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True, decided_by__isnull=True, outcome="")
                | (Q(decided_at__isnull=False, decided_by__isnull=False) & ~Q(outcome="")),
                name="link_proposal_decided_consistently",
            ),
            # Nobody confirms their own proposal: a second official does.
            models.CheckConstraint(
                condition=~Q(outcome="confirmed") | ~Q(decided_by=models.F("proposed_by")),
                name="link_proposal_confirmed_by_another",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} → {self.resident_id} ({self.outcome or 'open'})"


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


FINISHED_STATUSES = frozenset({ImportJobStatus.SUCCEEDED, ImportJobStatus.FAILED})


class ImportJob(models.Model):
    """One upload of the household register of a commune, imported in the background (people.imports).

    The uploaded file is kept under MEDIA_ROOT/imports/ with a random name only until the job finishes,
    since it holds personal data. Problem messages never carry a national ID number.
    """

    Status = ImportJobStatus

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        "territory.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="import_jobs"
    )
    # Relative to MEDIA_ROOT ("imports/<uuid>.csv"); empty once the file has been deleted.
    stored_name = models.CharField(max_length=100, blank=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    status = models.CharField(
        _("status"), max_length=16, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED
    )
    # Progress: the phase reported by importing.import_residents ("validate", "households", "write"),
    # the rows it has done in that phase, and the number of rows the file seems to have.
    phase = models.CharField(max_length=16, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    household_count = models.PositiveIntegerField(_("households imported"), null=True, blank=True)
    resident_count = models.PositiveIntegerField(_("residents imported"), null=True, blank=True)
    # Problems as {row, field, message, is_warning}: the errors of a failed job, the warnings of one
    # that succeeded. At most MAX_STORED_PROBLEMS are kept (people.imports); the counts are exact.
    problems = models.JSONField(_("problems"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    warning_count = models.PositiveIntegerField(_("warnings"), default=0)
    # The uploader's language: the worker writes the problem messages in it.
    language = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # The last progress the worker wrote (people.imports._Progress): a running job whose worker was
    # killed stops moving, and `fail_stale_imports` fails it after IMPORT_STALE_MINUTES.
    progress_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")
        indexes = [models.Index(fields=["unit", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[ImportJobStatus.SUCCEEDED, ImportJobStatus.FAILED], finished_at__isnull=False)
                | Q(status__in=[ImportJobStatus.QUEUED, ImportJobStatus.RUNNING], finished_at__isnull=True),
                name="import_job_finished_when_done",
            ),
            models.CheckConstraint(
                condition=Q(status=ImportJobStatus.QUEUED) | Q(started_at__isnull=False),
                name="import_job_started_unless_queued",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES
