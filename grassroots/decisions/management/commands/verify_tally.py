from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.decisions.actions import compute_result
from grassroots.decisions.models import Matter


class Command(BaseCommand):
    help = "Recompute a matter's result from its recorded ballots and compare it with the published one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("matter_id", nargs="?", type=int)
        parser.add_argument("--all", action="store_true", help="every counted matter")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            matters = list(Matter.objects.filter(result__isnull=False).order_by("pk"))
        elif options["matter_id"] is not None:
            matters = list(Matter.objects.filter(pk=options["matter_id"]))
            if not matters:
                raise CommandError(f"no matter {options['matter_id']}")
        else:
            raise CommandError("give a MATTER_ID or --all")
        failures = 0
        for matter in matters:
            if matter.result is None:
                raise CommandError(f"matter {matter.pk} has not been counted yet")
            recomputed = compute_result(matter)
            differences = {k: (matter.result.get(k), v) for k, v in recomputed.items() if matter.result.get(k) != v}
            if differences:
                failures += 1
                self.stderr.write(f"matter {matter.pk}: DIFFERS from the published result: {differences}")
            else:
                self.stdout.write(
                    f"matter {matter.pk}: OK ({recomputed['total']} ballots, adopted={recomputed['adopted']})"
                )
        if failures:
            raise CommandError(f"{failures} matter(s) differ from their published result")
