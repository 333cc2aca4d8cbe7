"""Remind the commune of the investment supervision boards' recommendations awaiting its answer (run daily)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from grassroots.investment_supervision.reminders import remind


class Command(BaseCommand):
    help = "Remind commune chairs and officials of recommendations to answer within 15 days (once a day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, tell nobody")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = remind(timezone.localdate(), dry_run=options["dry_run"])
        late = sum(1 for r in rows if r.overdue)
        told = sum(r.told for r in rows)
        self.stdout.write(f"{len(rows)} recommendations to answer, {late} overdue; {told} told")
