from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentSupervisionConfig(AppConfig):
    name = "grassroots.investment_supervision"
    label = "investment_supervision"
    verbose_name = _("Community investment supervision")

    def ready(self) -> None:
        from grassroots.decisions.actions import register_decided_listener

        from .actions import follow_decision

        register_decided_listener(follow_decision)
