"""Read-only: maps, statements and reports change only through the actions (rules and audit events).
Votes and participants are not listed: who voted how is shown nowhere."""

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdminMixin

from .models import OpinionMap, Report, Statement


@admin.register(OpinionMap)
class OpinionMapAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "unit", "status", "opens_on", "closes_on", "published_at"]
    list_filter = ["status"]


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["map", "text", "signed", "hidden_at"]
    exclude = ["author"]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["map", "computed_at", "seconds"]
