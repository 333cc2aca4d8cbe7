"""Read-only: cases change only through the actions (rules and audit events). The admin never shows a
petitioner's name, phone or sealed identity."""

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdminMixin

from .models import Petition


@admin.register(Petition)
class PetitionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["pk", "commune", "subject", "state", "received_on", "sent_on", "answered_on"]
    list_filter = ["state", "channel"]
    exclude = ["petitioner_name", "petitioner_phone", "petitioner_address", "sealed_identity", "filer_key", "filed_by"]
