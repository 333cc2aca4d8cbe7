from django.contrib import admin

from .models import Household, Resident


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ["code", "unit", "address", "formed_on", "dissolved_on"]
    search_fields = ["code", "address"]
    raw_id_fields = ["unit"]
    filter_horizontal = ["derived_from"]


@admin.register(Resident)
class ResidentAdmin(admin.ModelAdmin):
    # The national ID number is not shown here: it is read only on the register screens, audited.
    list_display = ["full_name", "birth_date", "sex"]
    search_fields = ["full_name"]
    exclude = ["phone"]
