import json
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from grassroots.core.models import GENESIS_HASH, AuditHead


class Command(BaseCommand):
    help = (
        "Print the current head of the audit hash chain with its time, to publish or keep outside the "
        "database; `audit_verify --anchor HASH` later proves the log was not rewritten since."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        head = AuditHead.objects.filter(id=1).first()
        self.stdout.write(
            json.dumps(
                {
                    "seq": head.seq if head else 0,
                    "hash": head.hash if head else GENESIS_HASH,
                    "at": timezone.now().isoformat(timespec="seconds"),
                }
            )
        )
