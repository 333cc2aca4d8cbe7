from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from grassroots.core import audit
from grassroots.core.backup import backup


class Command(BaseCommand):
    help = "Make a consistent online backup of the database to PATH (and PATH.json, its manifest)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        manifest = backup(path)
        audit.record("core.backup_made", data={"file": path.name, "audit_seq": manifest["audit_head"]["seq"]})
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"Backup written to {path} ({rows:,} rows in {len(manifest['counts'])} tables).")
