"""Remind the commune of recommendations awaiting its answer; escalate the overdue ones (run daily)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from grassroots.petitions.reminders import remind


class Command(BaseCommand):
    help = "Remind the commune People's Committee of the board's recommendations due (Law Art 40(1)); escalate overdue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, tell nobody")

    def handle(self, *args: Any, **options: Any) -> None:
        for r in remind(timezone.localdate(), dry_run=options["dry_run"]):
            self.stdout.write(f"case {r.petition.pk}: {'escalated, ' if r.escalated else ''}{r.told} told")
