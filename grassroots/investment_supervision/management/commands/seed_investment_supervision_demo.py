"""Add the demo ward's Community Investment Supervision Board (run after seed_demo)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.accounts.models import User
from grassroots.investment_supervision import demo
from grassroots.territory.models import Unit


class Command(BaseCommand):
    help = "A project under community supervision in the demo ward: board, notice, checklist, recommendations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=demo.SEED)
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the demo board is there")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_investment_supervision_demo refuses to run with PRODUCTION=1 (demo accounts)")
        if demo.already_built():
            if options["if_empty"]:
                self.stdout.write("The demo ward's investment supervision board is already there; keeping it.")
                return
            raise CommandError("The demo ward's investment supervision board is already there.")
        if not Unit.objects.filter(code=demo.GROUP).exists() or not User.objects.filter(username="front").exists():
            raise CommandError("Run seed_demo first: the board needs the ward, its groups and its officials.")
        board = demo.build(seed=options["seed"])
        self.stdout.write(
            f"The board of “{board.project.title}” in {demo.WARD}. Log in as front, chair or inspector and open "
            "/investment-supervision/; the public page is linked from the ward's unit page."
        )
