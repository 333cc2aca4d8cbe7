from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.core.audit import verify_bound_records, verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail; exit non-zero naming the first broken event."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--anchor", help="a head hash published earlier that must still be on the chain")

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain(anchor=options["anchor"])
        if not report.ok:
            raise CommandError(f"audit chain BROKEN: {report.problem}")
        bound = verify_bound_records()
        if bound:
            raise CommandError("records bound to the audit chain were CHANGED: " + "; ".join(bound))
        self.stdout.write(f"audit chain OK: {report.checked} events, head {report.head_hash}")
