"""Read-only: services and ratings change only through the actions (rules and audit events). The rater
is not shown here either."""

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdminMixin

from .models import Rating, Service


@admin.register(Service)
class ServiceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "commune", "active"]
    list_filter = ["active"]
    search_fields = ["name", "commune__name"]


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["service", "year", "quarter", "timeliness", "guidance", "official_score", "comment_status"]
    list_filter = ["year", "quarter", "comment_status"]
    exclude = ["rater"]
