from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "grassroots.decisions"
    label = "decisions"
    verbose_name = _("Community decisions")

    def ready(self) -> None:
        from grassroots.core.audit import register_bound_check

        from .verification import verify_all_counted

        register_bound_check(verify_all_counted)
