"""Add the demo ward's People's Inspection Board (run after seed_demo, seed_decisions_demo and
seed_elections_demo)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.accounts.models import User
from grassroots.inspection import demo
from grassroots.territory.models import Unit


class Command(BaseCommand):
    help = "The demo ward's People's Inspection Board: a member per group, head and deputy, plans, two accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the demo board is there")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_inspection_demo refuses to run with PRODUCTION=1 (demo accounts)")
        if demo.already_built():
            if options["if_empty"]:
                self.stdout.write("The demo ward's People's Inspection Board is already there; keeping it.")
                return
            raise CommandError("The demo ward's People's Inspection Board is already there.")
        if not Unit.objects.filter(code=demo.WARD).exists() or not User.objects.filter(username="front").exists():
            raise CommandError("Run seed_demo first: the board needs the ward, its groups and the commune Front.")
        board = demo.build()
        self.stdout.write(
            f"The People's Inspection Board of {demo.WARD}: {board.members.count()} members. Log in as front for "
            f"/inspection/{demo.WARD}/, as {demo.HEAD_USERNAME} (head) or {demo.MEMBER_USERNAME} (member); "
            f"public page /inspection-board/{demo.WARD}/."
        )
