import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from grassroots.people.imports import fail_stale_imports


class Command(BaseCommand):
    help = (
        "Fail register imports left 'running' by a worker that was killed (no progress for --minutes), "
        "delete their uploaded files and any upload no queued or running job needs. Idempotent; run hourly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--minutes",
            type=int,
            default=None,
            help="minutes without progress after which a running import is failed (default IMPORT_STALE_MINUTES)",
        )
        parser.add_argument("--dry-run", action="store_true", help="list what would be done, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        minutes = options["minutes"] if options["minutes"] is not None else settings.IMPORT_STALE_MINUTES
        if minutes < 1:
            raise CommandError("--minutes must be at least 1")
        sweep = fail_stale_imports(
            now=timezone.now(), stale_after=dt.timedelta(minutes=minutes), dry_run=options["dry_run"]
        )
        verb = "Would fail" if options["dry_run"] else "Failed"
        ids = ", ".join(f"#{pk}" for pk in sweep.jobs) or "none"
        self.stdout.write(f"{verb} {len(sweep.jobs)} stale import(s): {ids}.")
        removed = "Would remove" if options["dry_run"] else "Removed"
        self.stdout.write(f"{removed} {len(sweep.files)} orphaned upload(s).")
