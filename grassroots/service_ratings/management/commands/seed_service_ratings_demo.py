"""Add the demo ward's satisfaction ratings (run after seed_demo)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.accounts.models import User
from grassroots.service_ratings import demo
from grassroots.territory.models import Unit


class Command(BaseCommand):
    help = "Satisfaction ratings in the demo ward: six services and a quarter of ratings with comments."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=demo.SEED)
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the demo ratings are there")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_service_ratings_demo refuses to run with PRODUCTION=1 (demo accounts)")
        if demo.already_built():
            if options["if_empty"]:
                self.stdout.write("The demo ward's ratings are already there; keeping them.")
                return
            raise CommandError("The demo ward's ratings are already there.")
        if not Unit.objects.filter(code=demo.WARD).exists() or not User.objects.filter(username="official").exists():
            raise CommandError("Run seed_demo first: the ratings need the ward, its residents and its officials.")
        made = demo.build(seed=options["seed"])
        self.stdout.write(
            f"{len(made)} ratings in {demo.WARD}. Public page: /service-ratings/public/{demo.WARD}/; "
            "log in as official, chair or front for the console, as resident to rate."
        )
