"""`manage.py refresh_figures`: the communes the audit trail says changed; `--all` every commune (nightly)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from grassroots.reporting import refresh


class Command(BaseCommand):
    help = (
        "Bring the steering committee's figures up to date: the communes changed since the last run "
        "(every few minutes), or every commune with --all (nightly: deadlines pass without any write)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="refresh every commune and rebuild the sums above")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (tests, demo)")

    def handle(self, *args: Any, **options: Any) -> None:
        run = refresh.refresh_all if options["all"] else refresh.refresh_changed
        outcome = run(options["today"])
        self.stdout.write(
            f"{outcome.communes} communes refreshed, {outcome.written} figures written, "
            f"{outcome.deleted} removed, {outcome.overdue} overdue items"
        )
