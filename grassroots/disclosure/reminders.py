"""Reminders to the responsible officials (issue 12, item 3): each commune whose register has an item
overdue (Law Art 12(3)), too short or taken down (Art 13), a posting planned to end too early (Art 13),
or a resident's request past the time to answer (Art 14) gets one in-app notice a day (core.notices),
to its commune officials and Chair. Run daily (`send_disclosure_reminders`), outside any request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from grassroots.accounts.models import RoleAssignment
from grassroots.core.notices import notify
from grassroots.territory.models import COMMUNE_KINDS, Unit, under

from . import compliance, reports
from .access import EDITOR_ROLES
from .models import Item

LANGUAGE = "vi"


@dataclass(frozen=True)
class Reminder:
    commune: Unit
    flagged: int
    ending_early: int
    overdue_requests: int
    told: int


def remind(today: dt.date, *, dry_run: bool = False) -> list[Reminder]:
    """One reminder per commune with something to act on; `dry_run` counts without telling anyone."""
    officials: dict[int, set[int]] = {}
    for unit_id, user_id in (
        RoleAssignment.objects.active_on(today)
        .filter(role__in=list(EDITOR_ROLES), unit__kind__in=list(COMMUNE_KINDS))
        .values_list("unit_id", "user_id")
    ):
        officials.setdefault(unit_id, set()).add(user_id)
    sent = []
    for commune in Unit.objects.filter(pk__in=list(officials)).order_by("path"):
        items = list(
            Item.objects.filter(under([commune.path], "unit__path"), index_of="")
            .select_related("unit")
            .prefetch_related("postings")
        )
        verdicts = compliance.for_items(items, commune_id=commune.pk, today=today)
        flagged = sum(1 for v in verdicts if not v.ok)
        ending = sum(1 for v in verdicts if v.reminders)
        late_requests = sum(1 for r in reports.unanswered([commune.path], today=today) if r.overdue)
        if not (flagged or ending or late_requests):
            continue
        told = 0
        if not dry_run:
            with translation.override(LANGUAGE):
                text = _(
                    "Disclosure register of %(commune)s: %(flagged)s items overdue or too short, %(ending)s postings "
                    "planned to end too early, %(requests)s requests past the time to answer."
                ) % {"commune": commune.name, "flagged": flagged, "ending": ending, "requests": late_requests}
                url = reverse("disclosure:console")
            told = notify(sorted(officials[commune.pk]), key=f"disclosure.reminder:{commune.pk}:{today}", text=text,
                          url=url)  # fmt: skip
        sent.append(Reminder(commune, flagged, ending, late_requests, told))
    return sent
