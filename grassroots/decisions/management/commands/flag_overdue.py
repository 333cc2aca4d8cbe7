"""List the decisions overdue for filing or for recognition, by commune (cron or a systemd timer, daily)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import ngettext

from grassroots.decisions import rules
from grassroots.decisions.models import Matter, Status
from grassroots.territory.models import Unit


def _commune(matter: Matter) -> Unit:
    unit = matter.unit
    return unit if unit.is_commune_level or unit.parent is None else unit.parent


class Command(BaseCommand):
    help = (
        "Print, commune by commune, the decisions not filed within 5 working days of the count "
        "(Law Art 20(3)) and those not recognized or refused within 5 working days of filing "
        "(Law Art 21(2)). Writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        # Accepted like every scheduled command's; this one never writes anything.
        parser.add_argument("--dry-run", action="store_true", help="no effect: this command only reads")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        candidates = (
            Matter.objects.filter(
                Q(status=Status.CLOSED, filing_due_on__lt=today)
                | Q(status=Status.FILED, recognition_due_on__lt=today, decided_at__isnull=True)
            )
            .select_related("unit__parent")
            .order_by("unit__path", "pk")
        )
        by_commune: dict[Unit, list[str]] = {}
        for matter in candidates:
            filing = matter.status == Status.CLOSED
            due = matter.filing_due_on if filing else matter.recognition_due_on
            done = matter.filed_at is not None if filing else matter.decided_at is not None
            if due is None or not rules.is_overdue(due, done, today):
                continue
            days = (today - due).days
            if filing:
                line = ngettext(
                    "matter %(id)s “%(title)s”: filing was due on %(date)s (%(days)s day ago)",
                    "matter %(id)s “%(title)s”: filing was due on %(date)s (%(days)s days ago)",
                    days,
                )
            else:
                line = ngettext(
                    "matter %(id)s “%(title)s”: recognition was due on %(date)s (%(days)s day ago)",
                    "matter %(id)s “%(title)s”: recognition was due on %(date)s (%(days)s days ago)",
                    days,
                )
            text = line % {
                "id": matter.pk,
                "title": matter.title,
                "date": formats.date_format(due, "DATE_FORMAT"),
                "days": days,
            }
            by_commune.setdefault(_commune(matter), []).append(text)
        total = 0
        for commune in sorted(by_commune, key=lambda unit: unit.path):
            self.stdout.write(f"{commune.name} ({commune.code})")
            for text in by_commune[commune]:
                self.stdout.write(f"  {text}")
            total += len(by_commune[commune])
        self.stdout.write(
            ngettext("%(count)s decision is overdue.", "%(count)s decisions are overdue.", total) % {"count": total}
        )
