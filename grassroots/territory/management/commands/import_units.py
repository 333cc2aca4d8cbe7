from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from grassroots.core.csvimport import ImportFailed
from grassroots.territory.importing import import_units


class Command(BaseCommand):
    help = (
        "Import administrative units from a CSV file: code,name,kind,parent_code[,valid_from,valid_to,successor_codes]."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = import_units(options["file"])
        except FileNotFoundError:
            raise CommandError(_("file not found: %(path)s") % {"path": options["file"]}) from None
        except ImportFailed as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(count)s problems found; nothing was imported") % {"count": len(exc.problems)}
            ) from None
        self.stdout.write(
            _("Units imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        )
