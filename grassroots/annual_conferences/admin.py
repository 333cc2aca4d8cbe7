"""Read-only: conferences and agreements change only through the actions (rules and audit events)."""

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdminMixin

from .models import Agreement, Conference


@admin.register(Conference)
class ConferenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["village", "year", "planned_on", "held_on", "closed_at", "report_sent_on"]
    list_filter = ["year"]
    search_fields = ["village__name", "village__code"]


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["conference", "party", "agreed_on"]
    list_filter = ["party"]
