"""Add the demo ward's opinion map on its draft land-use plan (run after seed_demo)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.accounts.models import User
from grassroots.opinion_maps import demo
from grassroots.territory.models import Unit


class Command(BaseCommand):
    help = "An opinion map in the demo ward: statements on the land-use plan, residents' votes, the report published."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=demo.SEED)
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the demo map is there")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_opinion_maps_demo refuses to run with PRODUCTION=1 (demo data)")
        if demo.already_built():
            if options["if_empty"]:
                self.stdout.write("The demo ward's opinion map is already there; keeping it.")
                return
            raise CommandError("The demo ward's opinion map is already there.")
        if not Unit.objects.filter(code=demo.WARD).exists() or not User.objects.filter(username="official").exists():
            raise CommandError("Run seed_demo first: the map needs the ward, its residents and its official.")
        opinion_map = demo.build(seed=options["seed"])
        report = opinion_map.reports.first()
        groups = len(report.data["groups"]) if report else 0
        self.stdout.write(
            f"Opinion map {opinion_map.pk} in {demo.WARD}: {report.data['participants'] if report else 0} residents "
            f"voted, {groups} groups; public at /opinion-maps/{opinion_map.pk}/report/, console /opinion-maps/."
        )
