"""Add the demo ward's village conventions (run after seed_demo and seed_decisions_demo)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.conventions import demo
from grassroots.territory.models import Unit


class Command(BaseCommand):
    help = "Build the demo ward's conventions: one posted for comment, one recognized and in force."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the demo conventions are there")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "seed_conventions_demo refuses to run with PRODUCTION=1 (its accounts have a published password)"
            )
        if demo.exists():
            if options["if_empty"]:
                self.stdout.write("The demo conventions are already there; keeping them.")
                return
            raise CommandError("The demo conventions are already there.")
        codes = [demo.POSTED_CODE, demo.IN_FORCE_CODE]
        if Unit.objects.filter(code__in=codes).count() < 2 or not User.objects.filter(username="chair").exists():
            raise CommandError("Run seed_demo first: the conventions need the demo ward and its accounts.")
        for item in demo.build():
            url = reverse("conventions:console", args=[item.convention.pk])
            self.stdout.write(f"{item.convention.village.code}  {item.state:<20} log in as {item.account}: {url}")
        self.stdout.write(f"The public register: {reverse('conventions:register')}")
