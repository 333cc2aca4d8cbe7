import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.errors import DomainError
from grassroots.territory.national import SOURCE, load_national_units


class Command(BaseCommand):
    help = (
        "Load the administrative map in force since 1 July 2025 (34 provinces; 3,321 communes, wards and "
        "special zones, with their official codes) from the vietnam-provinces package. Safe to run again: "
        "units with the same code are updated where they differ, open provinces and communes missing from the "
        "list are ended (valid_to), never deleted; villages, residential groups and ended units are not "
        "touched. The package has no mapping from the units before the 2025 reorganization to their "
        "successors, so no successor links or former units are loaded: import those with import_units."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            default=None,
            help="the day units missing from the list end (YYYY-MM-DD; default: today)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = options["as_of"] or timezone.localdate()
        started = time.monotonic()
        try:
            result = load_national_units(as_of=as_of)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        self.stdout.write(
            _(
                "National units loaded from %(source)s: %(created)s created, %(updated)s updated, "
                "%(ended)s ended, %(unchanged)s unchanged (%(seconds).1f s)."
            )
            % {
                "source": SOURCE,
                "created": result.created,
                "updated": result.updated,
                "ended": result.ended,
                "unchanged": result.unchanged,
                "seconds": time.monotonic() - started,
            }
        )
