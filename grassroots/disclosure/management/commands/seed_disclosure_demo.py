"""Add a year of the demo ward's disclosure register to the demo (run after seed_demo)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.accounts.models import User
from grassroots.disclosure import demo
from grassroots.disclosure.models import Item
from grassroots.people.demo import DEMO_WARD


class Command(BaseCommand):
    help = "A year of disclosures of the demo ward across the 14 categories (Law Art 11), some late or too short."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the ward has disclosures")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_disclosure_demo refuses to run with PRODUCTION=1 (demo accounts)")
        if Item.objects.filter(unit__path__contains=f"/{DEMO_WARD}/").exists():
            if options["if_empty"]:
                self.stdout.write("The demo ward already has disclosures; keeping them.")
                return
            raise CommandError("The demo ward already has disclosures.")
        if not User.objects.filter(username=demo.OFFICIAL).exists():
            raise CommandError("Run seed_demo first: the register needs the ward and its official.")
        s = demo.seed()
        self.stdout.write(
            f"{s.items} disclosures of the demo ward ({s.late} late, {s.short} too short), {s.questions} questions, "
            f"{s.indexes} quarterly indexes. Log in as {demo.OFFICIAL} and open /disclosure/manage/; "
            f"residents see /disclosure/u/{DEMO_WARD}/."
        )
