"""Remind representatives a few days before an online vote closes (cron or a systemd timer, hourly)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grassroots.decisions import notify
from grassroots.decisions.models import Matter, NotificationKind, Status


class Command(BaseCommand):
    help = (
        "Queue the 'voting closes soon' notification (decisions.notify.closing_soon) for every open matter "
        "that closes within --days days. Each representative is reminded once per matter, however often "
        "this runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=2, help="how long before the close to remind (default 2)")
        parser.add_argument("--dry-run", action="store_true", help="list the matters; queue nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 1:
            raise CommandError(_("--days must be 1 or more"))
        now = timezone.now()
        matters = (
            Matter.objects.filter(
                status=Status.OPEN, closes_at__gt=now, closes_at__lte=now + dt.timedelta(days=options["days"])
            )
            # Reminders already sent for a matter are not queued again; the unique Notification
            # protects the rest (a run whose tasks have not been worked off yet, two runs at once).
            .exclude(notifications__kind=NotificationKind.CLOSING_SOON)
            .order_by("closes_at", "pk")
            .values_list("pk", "title")
        )
        count = 0
        for pk, title in matters:
            if options["dry_run"]:
                self.stdout.write(_("Would remind about matter %(id)s “%(title)s”.") % {"id": pk, "title": title})
            else:
                notify.closing_soon.enqueue(pk)
                self.stdout.write(_("Reminder queued for matter %(id)s “%(title)s”.") % {"id": pk, "title": title})
            count += 1
        if options["dry_run"]:
            summary = ngettext("%(count)s reminder would be queued.", "%(count)s reminders would be queued.", count)
        else:
            summary = ngettext("%(count)s reminder queued.", "%(count)s reminders queued.", count)
        self.stdout.write(summary % {"count": count})
