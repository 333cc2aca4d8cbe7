from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "grassroots.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import sessions  # noqa: F401  (connects the sign-in log to Django's login signals)
        from .models import RoleAssignment
        from .roles import roles_changed

        # Cache invalidation only (no domain logic): role look-ups cached on a user object start afresh.
        post_save.connect(roles_changed, sender=RoleAssignment, dispatch_uid="roles-changed-save")
        post_delete.connect(roles_changed, sender=RoleAssignment, dispatch_uid="roles-changed-delete")
