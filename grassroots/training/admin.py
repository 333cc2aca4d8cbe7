from django.contrib import admin

from .models import Conference, Delegate, Difficulty


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["title", "organizer_unit", "starts_on", "status"]
    list_filter = ["status"]
    search_fields = ["title"]


@admin.register(Delegate)
class DelegateAdmin(admin.ModelAdmin):
    list_display = ["user", "conference", "unit", "role", "status", "checked_in_at"]
    list_filter = ["status", "role"]
    raw_id_fields = ["user", "unit", "substitute_for", "rule"]
    readonly_fields = ["checkin_token"]


@admin.register(Difficulty)
class DifficultyAdmin(admin.ModelAdmin):
    list_display = ["text", "unit", "status", "assigned_to", "responded_at"]
    list_filter = ["status"]
    raw_id_fields = ["unit", "reported_by", "assigned_to"]
