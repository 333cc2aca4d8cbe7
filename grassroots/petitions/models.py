"""A petition or report to the commune's People's Inspection Board and the casework on it (Law Arts 38–40;
D59 Art 14), its photos, and a hidden petitioner's identity (Law Art 9(2)). Rows change only through
`actions` (every write audited).

A petitioner who asks to stay hidden is stored without a readable name, phone or account: `sealed_identity`
holds them encrypted with the purpose key "petitions.identity" (core.sealing, AES-GCM bound to the case's
`token`), and `filer_key` is a keyed hash of the account, so the resident finds their own petitions while a
reader of the database or a backup cannot link the petition to a person."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Channel, State


class Petition(models.Model):
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey(
        "territory.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="petitions"
    )
    village = models.ForeignKey(
        "territory.Unit", verbose_name=_("village"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("what happened"))
    concerns = models.CharField(_("whom or what it concerns"), max_length=200, blank=True)
    channel = models.CharField(_("received by"), max_length=10, choices=Channel.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    received_on = models.DateField(_("received on"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    # The petitioner: in the clear when not hidden; sealed when hidden (Law Art 9(2)).
    identity_hidden = models.BooleanField(_("identity hidden"), default=False)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("filed by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="petitions_filed",
    )  # fmt: skip
    filer_key = models.CharField(max_length=64, blank=True, db_index=True)
    petitioner_name = models.CharField(_("petitioner"), max_length=200, blank=True)
    petitioner_phone = models.CharField(_("phone number"), max_length=20, blank=True)
    petitioner_address = models.CharField(_("address"), max_length=300, blank=True)
    sealed_identity = models.TextField(blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.RECEIVED)
    triage_note = models.TextField(_("triage note"), blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("assigned members"), blank=True,
                                     related_name="petitions_assigned")  # fmt: skip
    # D59 Art 14: the specific inspection plan, sent at least 5 working days before acting.
    plan = models.TextField(_("inspection plan"), blank=True)
    plan_sent_on = models.DateField(_("plan sent on"), null=True, blank=True)
    acting_from = models.DateField(_("inspection from"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    # Law Art 38, Art 40(2): the recommendation, certified by the Front, sent to UBND xã.
    recommendation = models.TextField(_("recommendation"), blank=True)
    certified_on = models.DateField(_("certified by the Front on"), null=True, blank=True)
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_on = models.DateField(_("received by the commune on"), null=True, blank=True)
    answer = models.TextField(_("answer of the commune"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_on = models.DateField(null=True, blank=True)
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True)
    # D59 Art 14: the result in writing to the petitioner; then the petitioner's rating (Law Art 34(1)).
    result = models.TextField(_("written result"), blank=True)
    result_sent_on = models.DateField(_("result sent on"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    rating_comment = models.CharField(_("comment"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["commune", "state"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"


def photo_upload_to(instance: Photo, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"petitions/{instance.petition.token}/{uuid.uuid4().hex}.{ext}"


class Photo(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=photo_upload_to, max_length=255)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.petition_id}/{self.pk}"
