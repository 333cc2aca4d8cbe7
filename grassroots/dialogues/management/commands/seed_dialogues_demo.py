"""Add the demo ward's dialogues with residents (run after seed_demo and seed_service_ratings_demo)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from grassroots.accounts.models import User
from grassroots.dialogues import demo
from grassroots.territory.models import Unit


class Command(BaseCommand):
    help = "Dialogues in the demo ward: this year's held with its answers published, next year's scheduled."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the demo dialogues are there")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_dialogues_demo refuses to run with PRODUCTION=1 (demo accounts)")
        if demo.already_built():
            if options["if_empty"]:
                self.stdout.write("The demo ward's dialogues are already there; keeping them.")
                return
            raise CommandError("The demo ward's dialogues are already there.")
        if not Unit.objects.filter(code=demo.WARD).exists() or not User.objects.filter(username="chair").exists():
            raise CommandError("Run seed_demo first: the dialogues need the ward and its officials.")
        made = demo.build()
        self.stdout.write(
            f"{len(made)} dialogues in {demo.WARD}. Public page: /dialogues/public/{demo.WARD}/; "
            "log in as chair, official or front for the console, as resident for your questions."
        )
