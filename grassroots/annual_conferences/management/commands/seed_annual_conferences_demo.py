"""Add the demo ward's annual community conferences (run after seed_demo and seed_decisions_demo)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.accounts.models import User
from grassroots.annual_conferences import demo
from grassroots.territory.models import Unit


class Command(BaseCommand):
    help = "Annual community conferences in the demo ward: last year's (one missing), this year's planned and held."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=demo.SEED)
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the demo conferences are there")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_annual_conferences_demo refuses to run with PRODUCTION=1 (demo accounts)")
        if demo.already_built():
            if options["if_empty"]:
                self.stdout.write("The demo ward's annual conferences are already there; keeping them.")
                return
            raise CommandError("The demo ward's annual conferences are already there.")
        if not Unit.objects.filter(code=demo.WARD).exists() or not User.objects.filter(username="inspector").exists():
            raise CommandError("Run seed_demo first: the conferences need the ward, its groups and its officials.")
        made = demo.build(seed=options["seed"])
        self.stdout.write(
            f"{len(made)} annual conferences in {demo.WARD}; {demo.MISSING_LAST_YEAR} held none last year. "
            "Log in as official, chair, front or inspector and open /annual-conferences/; as villagehead for "
            f"{demo.PLANNED}."
        )
