"""Close the online votes whose time is up (cron or a systemd timer, every few minutes)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grassroots.core.errors import DomainError
from grassroots.decisions import actions
from grassroots.decisions.models import Form, Matter, Status


def _due(now: dt.datetime) -> QuerySet[Matter]:
    return Matter.objects.filter(status=Status.OPEN, form=Form.ONLINE, closes_at__lte=now)


class Command(BaseCommand):
    help = (
        "Count and publish every online vote whose closing time has passed (actions.close_matter). "
        "Safe to run again: a closed vote is not touched twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="list the votes that would be closed; change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        closed, failed = 0, 0
        for pk, title in _due(now).order_by("closes_at", "pk").values_list("pk", "title"):
            if options["dry_run"]:
                self.stdout.write(_("Would close matter %(id)s “%(title)s”.") % {"id": pk, "title": title})
                closed += 1
                continue
            try:
                with transaction.atomic():
                    # Locked and checked again: another run may have closed it since the list was read.
                    matter = _due(now).select_for_update(of=("self",)).select_related("unit").filter(pk=pk).first()
                    if matter is None:
                        continue
                    actions.close_matter(matter, actor=None)
            except DomainError as exc:
                failed += 1
                self.stderr.write(_("Matter %(id)s: %(error)s") % {"id": pk, "error": exc.message})
                continue
            closed += 1
            self.stdout.write(_("Closed matter %(id)s “%(title)s”.") % {"id": pk, "title": title})
        if options["dry_run"]:
            summary = ngettext("%(count)s vote would be closed.", "%(count)s votes would be closed.", closed)
        else:
            summary = ngettext("%(count)s vote closed.", "%(count)s votes closed.", closed)
        self.stdout.write(summary % {"count": closed})
        if failed:
            raise CommandError(
                ngettext("%(count)s vote could not be closed.", "%(count)s votes could not be closed.", failed)
                % {"count": failed}
            )
