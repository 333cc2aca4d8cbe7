"""Read-only admin: the register changes only through its audited actions (docs/architecture.md)."""

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdminMixin

from .models import Item, Posting, Request


@admin.register(Item)
class ItemAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "unit", "category", "status", "published_on", "version"]
    list_filter = ["status", "category"]
    search_fields = ["title", "source_document"]


@admin.register(Posting)
class PostingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["item", "channel", "place", "started_on", "ended_on"]
    list_filter = ["channel"]


@admin.register(Request)
class RequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["unit", "kind", "asked_at", "answered_at"]
    list_filter = ["kind"]
