from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
                ngettext(
                    "%(count)s problem found; nothing was imported",
                    "%(count)s problems found; nothing was imported",
                    len(exc.problems),
                )
                % {"count": len(exc.problems)}
            ) from None
        self.stdout.write(
            _("Units imported. Created: %(created)s; updated: %(updated)s; unchanged: %(unchanged)s.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        )
