"""Add the demo ward's village-head elections (run after seed_demo): one completed and recognized, one
in preparation with a late step."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.accounts.models import User
from grassroots.elections import demo
from grassroots.elections.models import Election, HeadTerm
from grassroots.territory.models import Unit


class Command(BaseCommand):
    help = "Build village-head elections in the demo ward through the real actions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="do nothing when elections exist")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_elections_demo refuses to run with PRODUCTION=1")
        if Election.objects.exists() or HeadTerm.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Village-head elections already present; keeping them.")
                return
            raise CommandError("The database already has village-head elections.")
        if not (Unit.objects.filter(code=demo.PREPARING).exists() and User.objects.filter(username="chair").exists()):
            raise CommandError("Run seed_demo first: the elections need the demo ward and its accounts.")
        for election in demo.build():
            self.stdout.write(f"  {election.village.code} {election.get_status_display()}: election {election.pk}")
        self.stdout.write("Log in as chair (or villagefront) and open /village-head/.")
