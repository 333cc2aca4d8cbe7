"""The annual community conference of a village (Law Art 33; D59 Arts 10–11): its plan, the agreements
to the plan, the notice, the holding, the minutes along the agenda and the written report afterwards.
Rows change only through `actions` (every write audited)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import NoticeChannel, Party


class Conference(models.Model):
    """One per village per calendar year (Law Art 33(1)): the unique constraint keeps it so."""

    village = models.ForeignKey(
        "territory.Unit", verbose_name=_("village"), on_delete=models.PROTECT, related_name="annual_conferences"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # The plan (D59 Art 10): time, venue, content, organisation.
    planned_on = models.DateField(_("planned day"))
    starts_at = models.TimeField(_("starting time"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200)
    content = models.TextField(_("content"))
    organisation = models.TextField(_("organisation"), blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("planned by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The notice to each household (D59 Art 10).
    notice_sent_on = models.DateField(_("notice sent on"), null=True, blank=True)
    notice_channel = models.CharField(_("notice channel"), max_length=20, choices=NoticeChannel.choices, blank=True)
    # The holding (Law Art 33(2): household representatives attend; the village head convenes and chairs).
    held_on = models.DateField(_("held on"), null=True, blank=True)
    households_present = models.PositiveIntegerField(_("households present"), null=True, blank=True)
    households_total = models.PositiveIntegerField(_("households of the village"), null=True, blank=True)
    chair_name = models.CharField(_("chaired by"), max_length=200, blank=True)
    secretary_name = models.CharField(_("secretary"), max_length=200, blank=True)
    guests = models.TextField(_("invited guests"), blank=True)
    # The minutes, along the agenda (D59 Art 10, points 2–9).
    head_report = models.TextField(_("village head's report"), blank=True)
    front_report = models.TextField(_("Front work committee's report"), blank=True)
    inspection_report = models.TextField(_("report of the village's People's Inspection Board member"), blank=True)
    inspection_member_name = models.CharField(_("People's Inspection Board member"), max_length=200, blank=True)
    proposals = models.JSONField(_("proposals"), default=list, blank=True)
    answers = models.JSONField(_("answers and explanations"), default=list, blank=True)
    approved_contents = models.TextField(_("contents approved"), blank=True)
    praise = models.TextField(_("praise for households and individuals"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    # D61 Art 15: the yearly review of the convention may be held as part of the conference.
    convention_review = models.TextField(_("convention review"), blank=True)
    closed_at = models.DateTimeField(_("minutes closed at"), null=True, blank=True)
    # D59 Art 11: the written report to UBND xã and MTTQ xã.
    report_sent_on = models.DateField(_("report sent on"), null=True, blank=True)

    class Meta:
        verbose_name = _("annual community conference")
        verbose_name_plural = _("annual community conferences")
        ordering = ["-year", "village__path"]
        constraints = [
            models.UniqueConstraint(fields=["village", "year"], name="annual_conference_once_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.village} {self.year}"

    @property
    def is_held(self) -> bool:
        return self.held_on is not None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def reports(self) -> dict[str, str]:
        return {
            "head_report": self.head_report,
            "front_report": self.front_report,
            "inspection_report": self.inspection_report,
        }


class Agreement(models.Model):
    """One party's agreement to the plan (D59 Art 10), recorded by that party."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agreements")
    party = models.CharField(_("party"), max_length=20, choices=Party.choices)
    agreed_on = models.DateField(_("agreed on"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("agreement to the plan")
        verbose_name_plural = _("agreements to the plan")
        ordering = ["agreed_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "party"], name="annual_conference_one_agreement_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.conference} {self.party}"
