from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.core.audit import (
    AnchorFileDamaged,
    append_anchor,
    current_anchor,
    read_last_anchor,
    verify_bound_records,
    verify_chain,
)


class Command(BaseCommand):
    help = (
        "Verify the hash chain of the audit trail; exit non-zero naming the first broken event. The chain "
        "must still hold the last anchor in AUDIT_ANCHOR_FILE, and a verified head is appended to it as "
        "the next anchor (docs/architecture.md: what an anchor proves)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--anchor", help="a head hash published earlier that must still be on the chain")
        parser.add_argument(
            "--anchor-file",
            help="the anchor log to check against and append to (default: the AUDIT_ANCHOR_FILE setting)",
        )
        parser.add_argument(
            "--no-record", action="store_true", help="check against the anchor log but do not append to it"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        anchor_file = options["anchor_file"] or settings.AUDIT_ANCHOR_FILE
        path = Path(anchor_file) if anchor_file else None
        try:
            last = read_last_anchor(path) if path else None
        except AnchorFileDamaged as exc:
            raise CommandError(f"audit anchors DAMAGED: {exc}") from None
        report = verify_chain(anchor=last)
        if report.ok and options["anchor"]:
            report = verify_chain(anchor=options["anchor"])
        if not report.ok:
            raise CommandError(f"audit chain BROKEN: {report.problem}")
        bound = verify_bound_records()
        if bound:
            raise CommandError("records bound to the audit chain were CHANGED: " + "; ".join(bound))
        summary = f"audit chain OK: {report.checked} events, head {report.head_hash}"
        if last is not None:
            summary += f"; it still holds the anchor #{last.seq} of {last.at}"
        if path is not None and not options["no_record"]:
            # The head as it is now, read after the check: an event written in between is checked
            # by the next run, which recomputes every hash anyway.
            anchor = current_anchor()
            append_anchor(path, anchor)
            summary += f"; anchor #{anchor.seq} appended to {path}"
        self.stdout.write(summary)
