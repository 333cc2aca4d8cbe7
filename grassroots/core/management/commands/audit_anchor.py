from typing import Any

from django.core.management.base import BaseCommand

from grassroots.core.audit import current_anchor


class Command(BaseCommand):
    help = (
        "Print the current head of the audit hash chain with its time (one JSON line, the format of "
        "AUDIT_ANCHOR_FILE), to publish or keep outside the database; `audit_verify --anchor HASH` later "
        "proves the log was not rewritten since."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(current_anchor().to_json())
