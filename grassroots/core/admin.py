from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEvent


class ReadOnlyAdminMixin:
    """Admin pages for viewing only. Used for records that change only through audited, validated
    actions (the register, units, roles, who an account represents): the admin's own save would skip
    both the audit event and the rules (docs/architecture.md, "The Django admin")."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the trail is append-only, even for administrators."""

    list_display = ["seq", "created_at", "verb", "actor", "target_type", "target_id", "unit_id"]
    list_filter = ["verb"]
    search_fields = ["verb", "target_id"]
