"""The commune's disclosure register (công khai thông tin, Law Arts 11–14): items, their attachments and
earlier versions, the postings on each channel, residents' questions and requests, subscriptions, and
each commune's setup (whether it has a loudspeaker system)."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grassroots.core.text import FoldedFieldsMixin

from .choices import Category, Channel, RequestKind


class Setup(models.Model):
    """What a commune has for disclosure: Art 13 requires broadcasts only "where the commune has" a
    loudspeaker system. Without a row, the commune is taken to have one (the reading that protects residents)."""

    commune = models.OneToOneField("territory.Unit", on_delete=models.CASCADE, related_name="+")
    has_loudspeaker = models.BooleanField(_("the commune has a loudspeaker system"), default=True)

    class Meta:
        verbose_name = _("disclosure setup")
        verbose_name_plural = _("disclosure setups")

    def __str__(self) -> str:
        return str(self.commune)


class ItemQuerySet(models.QuerySet["Item"]):
    def published(self) -> ItemQuerySet:
        return self.filter(status=Item.Status.PUBLISHED)


class Item(FoldedFieldsMixin, models.Model):
    """One piece of information the commune discloses (Law Art 11), about the commune or one village."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    unit = models.ForeignKey("territory.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    category = models.PositiveSmallIntegerField(_("category"), choices=Category.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    source_document = models.CharField(_("source document or decision"), max_length=300)
    decided_on = models.DateField(_("date of the document"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_on = models.DateField(_("published on"), null=True, blank=True, db_index=True)
    # Bumped when a published item is changed; the earlier text stays in `Version` (Law Art 14).
    version = models.PositiveIntegerField(default=1)
    # The quarterly index (Law Art 13(2)) is itself a disclosure: "2026-2" for its quarter, else "".
    index_of = models.CharField(max_length=7, blank=True, db_index=True)
    # Title, document and text without diacritics or case, for search ("ngan sach" finds "ngân sách").
    search_folded = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    folded_fields = {"search_folded": "search_text"}
    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        indexes = [models.Index(fields=["unit", "status", "published_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_on__isnull=False), name="disclosure_published_has_date"
            ),
            models.CheckConstraint(condition=Q(category__gte=1, category__lte=14), name="disclosure_category_1_14"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_folded", "updated_at"}
        super().save(*args, **kwargs)

    @property
    def search_text(self) -> str:
        return f"{self.title} {self.source_document} {self.body}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Version(models.Model):
    """An earlier text of a published item, kept when it changed (Law Art 14: changes are disclosed too)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    source_document = models.CharField(max_length=300)
    decided_on = models.DateField()
    # Why it changed, as the official wrote it; shown with the new version.
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    replaced_on = models.DateField()
    replaced_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="disclosure_one_version_number")]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.number}"


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    # A random folder per file: names of uploads cannot be guessed or collide.
    return f"disclosure/{instance.item_id}/{secrets.token_hex(8)}/{filename}"


class Attachment(models.Model):
    """A file of the item: PDF, picture or office document (checked by core.uploads), always served as
    a download, never shown inline."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_upload_to, max_length=255)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


def proof_upload_to(instance: Posting, filename: str) -> str:
    return f"disclosure/{instance.item_id}/proof/{secrets.token_hex(8)}/{filename}"


class Posting(models.Model):
    """One use of a channel for an item (Law Art 13; 10.L.32 "every posting is logged"): where, from
    when to when (the last day it was up, inclusive; empty while it is up), who, and a photo as proof."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="postings")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("last day"), null=True, blank=True)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proof = models.FileField(_("photo"), upload_to=proof_upload_to, max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["channel", "started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="disclosure_posting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.channel} {self.started_on}"


class Request(models.Model):
    """A resident's question about an item, or request for information (Law Art 14, on request under
    the Law on Access to Information), the answer, and when each came."""

    unit = models.ForeignKey("territory.Unit", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices, default=RequestKind.QUESTION)
    text = models.TextField(_("your question or request"))
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField()
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-asked_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer=""), name="disclosure_answered_has_text"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Subscription(models.Model):
    """A user told (in the app) of every item a unit publishes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("territory.Unit", on_delete=models.CASCADE, related_name="+")
    by_email = models.BooleanField(_("also by e-mail"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="disclosure_one_subscription")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.unit_id}"
