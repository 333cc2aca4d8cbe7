"""Add the demo ward's consultations (run after seed_demo and seed_decisions_demo)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from grassroots.accounts.models import User
from grassroots.consultations import demo
from grassroots.territory.models import Unit


class Command(BaseCommand):
    help = (
        "Consultations in the demo ward: the land-use plan in progress, a merger of groups closed with its synthesis."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the demo consultations are there")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_consultations_demo refuses to run with PRODUCTION=1 (demo accounts)")
        if demo.already_built():
            if options["if_empty"]:
                self.stdout.write("The demo ward's consultations are already there; keeping them.")
                return
            raise CommandError("The demo ward's consultations are already there.")
        if not Unit.objects.filter(code=demo.WARD).exists() or not User.objects.filter(username="official").exists():
            raise CommandError("Run seed_demo first: the consultations need the ward and its officials.")
        made = demo.build()
        self.stdout.write(
            f"{len(made)} consultations in {demo.WARD}. Log in as official (or resident) and open /consultations/."
        )
