"""Reads shared by the pages, the API, the reports and the public figures. Nothing here names a hidden
petitioner: `petitioner_for` gives a name only to those `access.sees_identity` allows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from grassroots.accounts.models import AnyUser
from grassroots.territory.models import Unit

from . import access, rules
from .choices import State
from .models import Petition


@dataclass(frozen=True)
class Figures:
    """Aggregates without personal data (the public page, the API's open data, the reports)."""

    received: int
    by_state: dict[str, int]
    recommendations: int
    answered: int
    answered_on_time: int
    overdue: int
    average_days_to_answer: float | None
    rated: int
    average_rating: float | None


def figures(petitions: Iterable[Petition], today: dt.date) -> Figures:
    rows = list(petitions)
    by_state = Counter(p.state for p in rows)
    sent = [p for p in rows if p.sent_on is not None]
    answered = [p for p in sent if p.answered_on is not None]
    pairs = [(p.sent_on, p.answered_on) for p in answered if p.sent_on and p.answered_on]
    ratings = [p.rating for p in rows if p.rating is not None]
    return Figures(
        received=len(rows),
        by_state={s.value: by_state.get(s.value, 0) for s in State},
        recommendations=len(sent),
        answered=len(answered),
        answered_on_time=sum(1 for s, a in pairs if rules.answered_in_time(s, a)),
        overdue=sum(1 for p in sent if p.sent_on and rules.answer_overdue(p.sent_on, p.answered_on, today)),
        average_days_to_answer=rules.average([(a - s).days for s, a in pairs]),
        rated=len(ratings),
        average_rating=rules.average(ratings),
    )


def commune_cases(commune: Unit) -> QuerySet[Petition]:
    return Petition.objects.filter(commune=commune)


def in_period(petitions: QuerySet[Petition], start: dt.date, end: dt.date) -> QuerySet[Petition]:
    return petitions.filter(received_on__gte=start, received_on__lte=end)


@dataclass(frozen=True)
class Row:
    petition: Petition
    answer_due: dt.date | None
    overdue: bool


def rows(petitions: Iterable[Petition], today: dt.date) -> list[Row]:
    out = []
    for p in petitions:
        due = rules.answer_due(p.sent_on) if p.sent_on else None
        out.append(Row(p, due, bool(p.sent_on) and rules.answer_overdue(p.sent_on, p.answered_on, today)))  # type: ignore[arg-type]
    return out


def petitioner_for(user: AnyUser, petition: Petition) -> str | None:
    """The petitioner's name and phone as this user may see them; None when hidden from them."""
    if not access.sees_identity(user, petition):
        return None
    name = petition.petitioner_name or "—"
    return f"{name}, {petition.petitioner_phone}" if petition.petitioner_phone else name
