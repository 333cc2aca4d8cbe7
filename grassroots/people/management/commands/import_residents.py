import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from grassroots.core.csvimport import ImportFailed, parse_date
from grassroots.people.importing import import_residents

PHASES = {
    "validate": gettext_lazy("rows checked"),
    "validated": gettext_lazy("file is clean; rows to write"),
    "households": gettext_lazy("households written"),
    "write": gettext_lazy("residents written"),
}


class Command(BaseCommand):
    help = (
        "Import the household register from CSV (household_code,unit_code,address,full_name,birth_date,"
        "sex,national_id,phone,is_representative). Nothing is written unless the whole file is valid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--as-of", help="date the records take effect (YYYY-MM-DD); default today")
        parser.add_argument("--quiet", action="store_true", help="no progress lines")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = None
        if options["as_of"]:
            try:
                as_of = parse_date(options["as_of"])
            except ValueError:
                raise CommandError(_("--as-of must be a date (YYYY-MM-DD)")) from None
        started = time.monotonic()

        def progress(phase: str, count: int) -> None:
            if not options["quiet"]:
                sys.stderr.write(f"  {PHASES.get(phase, phase)}: {count:,} ({time.monotonic() - started:.1f} s)\n")

        try:
            result = import_residents(options["file"], as_of=as_of, progress=progress)
        except FileNotFoundError:
            raise CommandError(_("file not found: %(path)s") % {"path": options["file"]}) from None
        except ImportFailed as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                ngettext(
                    "%(count)s problem found; nothing was imported",
                    "%(count)s problems found; nothing was imported",
                    len(exc.problems),
                )
                % {"count": len(exc.problems)}
            ) from None
        for warning in result.warnings:
            self.stderr.write(str(warning))
        self.stdout.write(
            _("Import finished. Households: %(households)s; residents: %(residents)s; warnings: %(warnings)s.")
            % {"households": result.households, "residents": result.residents, "warnings": len(result.warnings)}
        )
