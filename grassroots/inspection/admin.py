from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdminMixin

from .models import Board, Candidacy, Member, Plan


@admin.register(Board)
class BoardAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("commune", "term_starts_on", "term_ends_on", "deputies_allowed", "announced_on")


@admin.register(Candidacy)
class CandidacyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("full_name", "village", "status", "decided_on")


@admin.register(Member)
class MemberAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("full_name", "village", "seat", "seated_on", "left_on", "departure")


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("board", "period", "year", "number", "updated_at")
