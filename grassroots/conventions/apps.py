from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConventionsConfig(AppConfig):
    name = "grassroots.conventions"
    label = "conventions"
    verbose_name = _("Village conventions")

    def ready(self) -> None:
        from grassroots.decisions.actions import register_decided_listener

        from .actions import follow_decision

        register_decided_listener(follow_decision)
