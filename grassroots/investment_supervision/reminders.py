"""Reminders to the commune (issue 14): each recommendation sent to the commune People's Committee and not yet
answered gets an in-app notice (core.notices) to the commune's chair and officials in its last 3 days before the
15th day, and every day once it is overdue (Law Arts 44–45; D59 Art 18). Run daily
(`send_investment_supervision_reminders`), outside any request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from grassroots.accounts.models import RoleAssignment
from grassroots.core.notices import notify

from . import overview, rules
from .access import ANSWERING_ROLES

LANGUAGE = "vi"


@dataclass(frozen=True)
class Reminder:
    recommendation_id: int
    overdue: bool
    told: int


def remind(today: dt.date, *, dry_run: bool = False) -> list[Reminder]:
    """One notice a day per unanswered recommendation whose answer is due soon or overdue."""
    sent = []
    for rec in overview.unanswered(today):
        if rec.sent_on is None or not rules.reminder_due(rec.sent_on, today):
            continue
        project = rec.board.project
        overdue = rules.answer_overdue(rec.sent_on, None, today)
        told = 0
        if not dry_run:
            users = set(
                RoleAssignment.objects.active_on(today)
                .filter(role__in=list(ANSWERING_ROLES), unit=project.commune)
                .values_list("user_id", flat=True)
            )
            with translation.override(LANGUAGE):
                due = formats.date_format(rules.answer_due_on(rec.sent_on), "DATE_FORMAT")
                text = (
                    _(
                        "The answer to the investment supervision board's recommendation on “%(project)s” was due on %(date)s."
                    )
                    if overdue
                    else _("Answer the investment supervision board's recommendation on “%(project)s” by %(date)s.")
                ) % {"project": project.title, "date": due}
                url = reverse("investment_supervision:project", args=[project.pk])
            told = notify(sorted(users), key=f"investment_supervision.answer:{rec.pk}:{today}", text=text, url=url)
        sent.append(Reminder(rec.pk, overdue, told))
    return sent
