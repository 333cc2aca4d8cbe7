"""Reminders and escalation (Law Art 40): each day, every recommendation awaiting the commune's answer
is reminded to the commune People's Committee (its Chair and officials) from 3 days before the 15th day;
once the 15th day has passed unanswered it is escalated once to the commune Front, which follows up
unresolved recommendations (Law Art 40(2)), and to the board's head. In-app and SMS notices through
core.notices; run daily outside any request (`send_petition_reminders`). No notice names the petitioner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from grassroots.core import audit
from grassroots.core.notices import notify

from . import access, rules
from .choices import State
from .models import Petition
from .notify import LANGUAGE, role_holders


@dataclass(frozen=True)
class Reminder:
    petition: Petition
    escalated: bool
    told: int


def remind(today: dt.date, *, dry_run: bool = False) -> list[Reminder]:
    out = []
    waiting = Petition.objects.filter(state=State.SENT, sent_on__isnull=False).select_related("commune").order_by("pk")
    for p in waiting:
        if p.sent_on is None or not rules.reminder_due(p.sent_on, today):
            continue
        overdue = rules.answer_overdue(p.sent_on, None, today)
        escalate = overdue and p.escalated_on is None
        told = 0
        if not dry_run:
            with translation.override(LANGUAGE):
                url = reverse("petitions:case", args=[p.pk])
                due = rules.answer_due(p.sent_on).isoformat()
                if overdue:
                    text = _("Case %(n)s: the commune's answer to the board's recommendation is overdue; it was "
                             "due within 15 days (Law Art 40(1)).") % {"n": p.pk}  # fmt: skip
                else:
                    text = _("Case %(n)s: the commune answers the board's recommendation within 15 days "
                             "(Law Art 40(1)); the last day is near.") % {"n": p.pk}  # fmt: skip
                told += notify(role_holders(p.commune, access.COMMITTEE_ROLES), key=f"petitions.remind:{p.pk}:{today}",
                               text=text, url=url)  # fmt: skip
                if escalate:
                    text = _("Case %(n)s: the commune did not answer the board's recommendation within 15 days "
                             "(Law Art 40(1)); the Front follows up (Law Art 40(2)).") % {"n": p.pk}  # fmt: skip
                    told += notify(role_holders(p.commune, access.FRONT_ROLES | access.HEAD_ROLES),
                                   key=f"petitions.escalate:{p.pk}", text=text, url=url)  # fmt: skip
            with transaction.atomic():
                fields = {"reminded_on": today}
                if escalate:
                    fields["escalated_on"] = today
                Petition.objects.filter(pk=p.pk).update(**fields)
                audit.record("petitions.reminded", target=p, unit_id=p.commune_id,
                             data={"escalated": escalate, "due": due, "told": told})  # fmt: skip
        out.append(Reminder(p, escalate, told))
    return out
