from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import RoleAssignment, User


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    raw_id_fields = ["unit", "granted_by"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "phone", "is_staff", "is_active"]
    search_fields = ["username", "first_name", "last_name"]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Grassroots", {"fields": ("phone", "resident", "resident_verified_at")}))
    raw_id_fields = ["resident"]
    readonly_fields = ["resident_verified_at"]
    inlines = [RoleInline]
