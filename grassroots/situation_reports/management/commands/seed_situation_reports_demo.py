"""Add the demo province's round of situation reports (run after seed_demo)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from grassroots.accounts.models import User
from grassroots.situation_reports import demo


class Command(BaseCommand):
    help = "A round of situation reports in the demo province: some groups submitted on time, one late."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the demo round is there")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_situation_reports_demo refuses to run with PRODUCTION=1 (demo accounts)")
        if demo.already_built():
            if options["if_empty"]:
                self.stdout.write("The demo round of situation reports is already there; keeping it.")
                return
            raise CommandError("The demo round of situation reports is already there.")
        if demo.ward() is None or not User.objects.filter(username="steering").exists():
            raise CommandError("Run seed_demo first: the round needs the province, the ward and its accounts.")
        round_ = demo.build()
        self.stdout.write(
            f"Round {round_.pk} in {demo.PROVINCE}: /situation-reports/rounds/{round_.pk}/; log in as steering for "
            "the round, official for the ward, villagehead for residential group 1."
        )
