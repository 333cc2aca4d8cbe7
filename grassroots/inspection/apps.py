from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    name = "grassroots.inspection"
    label = "inspection"
    verbose_name = _("People's Inspection Board")

    def ready(self) -> None:
        from grassroots.decisions.actions import register_decided_listener

        from .actions import follow_decision

        register_decided_listener(follow_decision)
