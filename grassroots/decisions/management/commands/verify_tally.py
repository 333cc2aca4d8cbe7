from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.decisions.models import Matter
from grassroots.decisions.verification import problems


class Command(BaseCommand):
    help = (
        "Recompute a matter's result from its recorded ballots and compare it with the published one and with "
        "the digest recorded on the audit chain at the count."
    )

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
            found = problems(matter)
            if found:
                failures += 1
                for line in found:
                    self.stderr.write(line)
            else:
                self.stdout.write(
                    f"matter {matter.pk}: OK ({matter.result['total']} ballots, adopted={matter.result['adopted']})"
                )
        if failures:
            raise CommandError(f"{failures} matter(s) differ from their published result")
