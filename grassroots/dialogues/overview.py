"""Reads of the dialogues: where each commune stands with its yearly dialogue, a dialogue's public
questions. Shared by the console, the public pages, the unit page and the API, so they all say the same."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from grassroots.territory.models import Unit

from . import rules
from .choices import QuestionStatus, YearStatus
from .models import Dialogue, Question


@dataclass(frozen=True)
class CommuneYear:
    commune: Unit
    year: int
    status: YearStatus
    dialogues: list[Dialogue]

    @property
    def flagged(self) -> bool:
        return self.status in rules.FLAGGED


def communes_in_year(communes: Iterable[Unit], year: int, today: dt.date | None = None) -> list[CommuneYear]:
    """Each commune's standing with the dialogue of the year (one query for the dialogues)."""
    today = today or timezone.localdate()
    communes = list(communes)
    by_commune: dict[int, list[Dialogue]] = defaultdict(list)
    for d in Dialogue.objects.filter(commune__in=communes, planned_on__year=year).order_by("planned_on"):
        by_commune[d.commune_id].append(d)
    rows = []
    for c in communes:
        ds = by_commune.get(c.pk, [])
        status = rules.year_status(
            year, today, planned=[d.planned_on for d in ds], held=[d.held_on for d in ds if d.held_on]
        )
        rows.append(CommuneYear(c, year, status, ds))
    return rows


def public_questions(dialogue: Dialogue) -> QuerySet[Question]:
    """The questions shown publicly: every one not hidden (its answer only once published)."""
    return (
        dialogue.questions.exclude(status=QuestionStatus.HIDDEN).select_related("village").order_by("received_on", "pk")
    )


def public_answer(question: Question) -> str:
    return question.answer if question.status == QuestionStatus.PUBLISHED else ""


def next_and_last(commune: Unit, today: dt.date | None = None) -> dict[str, Dialogue | None]:
    """The next published dialogue and the last held one (the unit page and the public page show them)."""
    today = today or timezone.localdate()
    published = Dialogue.objects.filter(commune=commune, notice_published_on__isnull=False)
    return {
        "next": published.filter(held_on__isnull=True, planned_on__gte=today).order_by("planned_on").first(),
        "last": published.filter(held_on__isnull=False).order_by("-held_on").first(),
    }
