from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdminMixin

from .models import Unit


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: units come from `import_units`, which validates the whole file and audits it."""

    list_display = ["code", "name", "kind", "parent", "path", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
