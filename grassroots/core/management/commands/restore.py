from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.core.audit import verify_chain
from grassroots.core.backup import RestoreRefused, restore, table_counts


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `backup`. The file must match the SHA-256 in its "
        "manifest (PATH.json); a SQLite file must also pass integrity_check and match the manifest's counts "
        "and audit head before it replaces the database, which a refused restore leaves untouched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"backup not found: {path}")
        if options["interactive"]:
            answer = input(f"This replaces EVERYTHING in the database with {path}. Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            manifest = restore(path)
        except RestoreRefused as exc:
            raise CommandError(f"Restore refused, the database was not changed: {exc}") from None
        report = verify_chain()
        if not report.ok:
            raise CommandError(f"restored, but the audit chain is BROKEN: {report.problem}")
        counts = table_counts()
        different = {t: (n, counts.get(t)) for t, n in manifest["counts"].items() if counts.get(t) != n}
        if different:
            raise CommandError(f"restored, but counts differ from the backup's manifest: {different}")
        self.stdout.write(f"Restored {path}: counts match the manifest; audit chain OK ({report.checked} events).")
