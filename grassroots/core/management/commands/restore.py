from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.core.audit import verify_chain
from grassroots.core.backup import restore, table_counts


class Command(BaseCommand):
    help = "Replace the whole database with a backup made by `backup`, then check counts and the audit chain."

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
        manifest = restore(path)
        report = verify_chain()
        if not report.ok:
            raise CommandError(f"restored, but the audit chain is BROKEN: {report.problem}")
        if manifest:
            counts = table_counts()
            different = {t: (n, counts.get(t)) for t, n in manifest["counts"].items() if counts.get(t) != n}
            if different:
                raise CommandError(f"restored, but counts differ from the backup's manifest: {different}")
        self.stdout.write(f"Restored {path}: counts match the manifest; audit chain OK ({report.checked} events).")
