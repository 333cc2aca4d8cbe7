"""Tell each commune's officials what in their disclosure register needs attention (run daily)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from grassroots.disclosure.reminders import remind


class Command(BaseCommand):
    help = "Remind commune officials of overdue or too-short disclosures and unanswered requests (once a day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, tell nobody")

    def handle(self, *args: Any, **options: Any) -> None:
        for r in remind(timezone.localdate(), dry_run=options["dry_run"]):
            self.stdout.write(
                f"{r.commune.code}: {r.flagged} flagged, {r.ending_early} ending early, "
                f"{r.overdue_requests} late requests; {r.told} told"
            )
