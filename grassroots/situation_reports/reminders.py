"""Reminders to the writers of units that have not submitted: REMINDER_DAYS_BEFORE days before their
deadline, and once on the day after it (rules.reminder_kind). In-app and SMS notices through core.notices,
once per unit, round and kind (a second run the same day tells nobody again). Run daily outside any request:
`send_situation_report_reminders`, or the background task `tasks.send_reminders`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from grassroots.core import audit
from grassroots.core.notices import notify

from . import access, overview, rules
from .models import ReportRound


@dataclass(frozen=True)
class Reminder:
    round_id: int
    unit_code: str
    kind: str
    told: int


def _text(kind: str, unit_name: str, deadline: dt.date) -> str:
    day = formats.date_format(deadline, "DATE_FORMAT")
    if kind == "before":
        return _("The situation report of %(unit)s is due on %(day)s and is not submitted yet.") % {
            "unit": unit_name, "day": day}  # fmt: skip
    return _("The situation report of %(unit)s was due on %(day)s and is not submitted: submit it now.") % {
        "unit": unit_name, "day": day}  # fmt: skip


def remind(today: dt.date, *, dry_run: bool = False) -> list[Reminder]:
    ahead = dt.timedelta(days=rules.REMINDER_DAYS_BEFORE)
    rounds = ReportRound.objects.filter(
        village_deadline__lte=today + ahead, commune_deadline__gte=today - dt.timedelta(days=1)
    ).select_related("unit").order_by("pk")  # fmt: skip
    out = []
    for round_ in rounds:
        sent = []
        for row in overview.flat(overview.all_rows(round_, today)):
            kind = rules.reminder_kind(row.deadline, today)
            if kind is None or row.submitted:
                continue
            told = 0
            if not dry_run:
                with translation.override(settings.LANGUAGE_CODE):
                    told = notify(
                        access.writers_of(row.unit, today),
                        key=f"situation_reports.remind:{round_.pk}:{row.unit.pk}:{kind}",
                        text=_text(kind, row.unit.name, row.deadline),
                        url=reverse("situation_reports:report", args=[round_.pk, row.unit.code]),
                    )
            sent.append(Reminder(round_.pk, row.unit.code, kind, told))
        if sent and not dry_run:
            with transaction.atomic():
                audit.record("situation_reports.reminded", target=round_, unit_id=round_.unit_id,
                             data={"units": len(sent), "told": sum(r.told for r in sent), "day": today.isoformat()})  # fmt: skip
        out.extend(sent)
    return out
