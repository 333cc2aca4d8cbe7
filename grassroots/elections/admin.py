from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdminMixin

from .models import Dismissal, Election, HeadTerm, TermSetting


@admin.register(Election)
class ElectionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: elections change only through the actions (every change is audited)."""

    list_display = ["village", "election_day", "status"]
    list_filter = ["status"]


@admin.register(HeadTerm)
class HeadTermAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["village", "full_name", "kind", "started_on", "term_ends_on", "ended_on"]


@admin.register(Dismissal)
class DismissalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["village", "trigger", "status", "opened_on"]


@admin.register(TermSetting)
class TermSettingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Set through `actions.set_term` (the `set_village_head_term` command): audited."""

    list_display = ["province", "months"]
