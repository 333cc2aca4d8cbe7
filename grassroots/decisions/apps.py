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

        from django.db.models.signals import post_delete, post_save

        from .actions.voting import forget_saved_matter
        from .models import Matter

        # The vote path's copies of open matters (actions/voting.py) are forgotten when one is saved here.
        post_save.connect(forget_saved_matter, sender=Matter, dispatch_uid="decisions-forget-open-matter")
        post_delete.connect(forget_saved_matter, sender=Matter, dispatch_uid="decisions-forget-deleted-matter")
