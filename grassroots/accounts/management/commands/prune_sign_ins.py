import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from grassroots.accounts.models import SignIn

KEEP_DAYS = 180  # docs/privacy.md


class Command(BaseCommand):
    help = f"Delete sign-in records older than {KEEP_DAYS} days (run daily; idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        old = SignIn.objects.filter(signed_in_at__lt=timezone.now() - dt.timedelta(days=KEEP_DAYS))
        count = old.count()
        if not options["dry_run"]:
            old.delete()
        self.stdout.write(f"{'Would delete' if options['dry_run'] else 'Deleted'} {count} sign-in records.")
