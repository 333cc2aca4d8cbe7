"""Read-only: rounds and reports change only through the actions (rules and audit events)."""

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdminMixin

from .models import ReportRound, SituationReport


@admin.register(ReportRound)
class ReportRoundAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["unit", "period_kind", "starts_on", "ends_on", "village_deadline", "commune_deadline"]


@admin.register(SituationReport)
class SituationReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["unit", "round", "status", "submitted_at"]
    list_filter = ["status"]
