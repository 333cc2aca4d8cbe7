from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from grassroots.core.admin import ReadOnlyAdminMixin

from .http import signed_in
from .models import ApiToken, RoleAssignment, SignIn, User
from .sessions import end_sessions
from .tokens import revoke_tokens


class RoleInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Read-only: roles are granted and ended by `manage.py grant_role` / `end_role` (accounts.actions),
    which validate and audit them."""

    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ("role", "unit", "valid_from", "valid_to", "granted_by")
    readonly_fields = fields


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "phone", "is_staff", "is_active"]
    search_fields = ["username", "first_name", "last_name"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Grassroots", {"fields": ("phone", "resident", "resident_verified_at", "resident_verified_by")}),
    )
    # Who an account represents changes only through people.linking (two officials, or the
    # resident's own proof), never by editing this page.
    readonly_fields = ["resident", "resident_verified_at", "resident_verified_by"]
    inlines = [RoleInline]

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> list[str]:
        # The phone of an account that votes for a household is where its sign-in codes go: changing it
        # in the admin would let an administrator take the account over. It changes through the register.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "phone", "password"] if obj is not None and obj.resident_id else fields

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        """An administrator may not set the password of an account that votes for a household: its holder
        sets it with a code (accounts.codes), so nobody else can sign in and vote in their name."""
        user = self.get_object(request, id)
        if user is not None and user.resident_id:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    actions = ["log_out_everywhere"]

    @admin.action(description=_("Log the selected users out everywhere"))
    def log_out_everywhere(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        count = sum(int(end_sessions(user, actor=signed_in(request))) for user in queryset)
        self.message_user(request, _("Sessions ended: %(count)s.") % {"count": count})


@admin.register(SignIn)
class SignInAdmin(admin.ModelAdmin):
    list_display = ["user", "signed_in_at", "ip_address", "user_agent", "ended_at", "ended_reason"]
    list_filter = ["ended_reason"]
    search_fields = ["user__username"]
    readonly_fields = ["user", "session_key", "signed_in_at", "ip_address", "user_agent", "ended_at", "ended_reason"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("End the selected sessions (the user is logged out at once)"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[SignIn]) -> None:
        count = 0
        for sign_in in queryset.filter(ended_at__isnull=True).select_related("user"):
            count += end_sessions(sign_in.user, actor=signed_in(request), sign_in_id=sign_in.pk)
        self.message_user(request, _("Sessions ended: %(count)s.") % {"count": count})


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read-only: tokens are made by `manage.py create_api_token` and revoked by the audited action."""

    list_display = ["id", "user", "name", "prefix", "scope", "created_at", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["scope"]
    search_fields = ["user__username", "name", "prefix"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected API tokens"), permissions=["view"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = revoke_tokens(queryset, actor=signed_in(request), reason="administrator")
        self.message_user(request, _("API tokens revoked: %(count)s.") % {"count": count})
