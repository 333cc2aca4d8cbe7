"""The append-only audit trail (nhật ký kiểm toán).

Every consequential action writes one AuditEvent. Each event carries the SHA-256 hash of its own
canonical content together with the hash of the event before it, so any row changed, removed or
inserted outside the application breaks the chain (see `grassroots.core.audit.verify_chain`).
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class CanonicalJSONEncoder(json.JSONEncoder):
    """JSON as the chain hashes it (`audit.canonical_content`): sorted keys, no spaces, text as is.

    Where the database keeps the JSON text as written (SQLite), the `data` column then holds the very bytes
    the chain hashed, so `audit_verify` hashes the column without parsing it; an event written before this
    encoder (or by hand) is checked through the slower path that parses and re-encodes it."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        super().__init__(**kwargs)


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(_("sequence number"), unique=True)
    created_at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        # Users are anonymized, never deleted, so the chain never needs a rewrite.
        on_delete=models.PROTECT,
        related_name="+",
    )
    verb = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.CharField(_("object type"), max_length=64, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    # The administrative unit the event concerns (kept as a plain id: core knows no territory).
    unit_id = models.BigIntegerField(_("unit"), null=True, blank=True, db_index=True)
    data = models.JSONField(_("details"), default=dict, blank=True, encoder=CanonicalJSONEncoder)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.verb} {self.target_type}:{self.target_id}"


class AuditHead(models.Model):
    """The single row that serializes appends to the chain (locked with SELECT … FOR UPDATE)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain head")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash}"


class Notice(models.Model):
    """A short message for one user on their notifications page, from any app (`core.notices`): a
    training invitation, for instance. The notifications of community decisions keep their own model
    (`decisions.Notification`), which knows its matter."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    # Written in the language messages go out in (Vietnamese), as the e-mail and the SMS are.
    text = models.CharField(_("text"), max_length=500)
    # A path on this site where the user acts on the notice ("/training/12/invitation/").
    url = models.CharField(_("link"), max_length=500, blank=True)
    # What the notice is about ("training.invitation:12"): a user is told of one thing once.
    key = models.CharField(max_length=100)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_notice_per_user_and_key")]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text[:60]
