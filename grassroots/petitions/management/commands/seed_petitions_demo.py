"""Add the demo ward's petitions to its People's Inspection Board (run after seed_demo)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.accounts.models import User
from grassroots.petitions import demo
from grassroots.territory.models import Unit


class Command(BaseCommand):
    help = "Petitions to the demo ward's People's Inspection Board, in every state (one answer overdue, one hidden)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the demo petitions are there")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_petitions_demo refuses to run with PRODUCTION=1 (demo accounts)")
        if demo.already_built():
            if options["if_empty"]:
                self.stdout.write("The demo ward's petitions are already there; keeping them.")
                return
            raise CommandError("The demo ward's petitions are already there.")
        if not Unit.objects.filter(code=demo.WARD).exists() or not User.objects.filter(username="front").exists():
            raise CommandError("Run seed_demo first: the petitions need the ward and its officials.")
        made = demo.build()
        self.stdout.write(
            f"{len(made)} petitions in {demo.WARD}. Log in as {demo.HEAD} (head of the board) or {demo.MEMBER}, "
            "front, chair or official and open /petitions/; as resident for /petitions/mine/."
        )
