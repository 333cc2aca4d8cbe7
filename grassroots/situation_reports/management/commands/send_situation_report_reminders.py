"""Remind the writers of villages and communes whose situation report is not submitted (run daily)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from grassroots.situation_reports.reminders import remind


class Command(BaseCommand):
    help = "Remind writers of unsubmitted situation reports, 3 days before their deadline and the day after it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, tell nobody")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = remind(timezone.localdate(), dry_run=options["dry_run"])
        for r in sent:
            self.stdout.write(f"round {r.round_id}, unit {r.unit_code}: {r.kind}, {r.told} told")
        self.stdout.write(f"{len(sent)} reminders")
