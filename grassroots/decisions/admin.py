from django.contrib import admin
from django.http import HttpRequest

from .models import Matter, NonWorkingDay


@admin.register(NonWorkingDay)
class NonWorkingDayAdmin(admin.ModelAdmin):
    """The government's day swaps and compensatory days off, on top of the public holidays and of the
    make-up Saturdays shipped in `calendar.SWAPPED_WORKING_DAYS` (a row here wins over both: tick to add
    a working day, untick to cancel a shipped one)."""

    list_display = ["day", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    date_hierarchy = "day"


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    """Read-only: matters change only through the actions (every change is audited)."""

    list_display = ["title", "unit", "item", "status", "form", "adopted", "closed_at"]
    list_filter = ["status", "item", "form"]
    search_fields = ["title"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
