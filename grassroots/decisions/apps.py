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

        from grassroots.people.keeping import register_move_in_check

        from .access import refuse_move_in_before_open_vote

        register_move_in_check(refuse_move_in_before_open_vote)
