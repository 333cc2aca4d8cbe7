"""Reads shared by the pages, the API and the open data: the checklist's progress and the recommendations with
their answer's due date (Law Arts 43–45; D59 Art 18)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from grassroots.territory.models import Unit

from . import rules
from .choices import ItemStatus, MemberStatus
from .models import Board, ChecklistItem, Member, Project, Recommendation


@dataclass(frozen=True)
class Progress:
    checked: int
    total: int

    @property
    def percent(self) -> int:
        return 100 * self.checked // self.total if self.total else 0


@dataclass(frozen=True)
class RecommendationRow:
    recommendation: Recommendation
    due_on: dt.date | None
    overdue: bool


def items_of(board: Board) -> list[ChecklistItem]:
    return list(board.items.all())


def progress(items: list[ChecklistItem]) -> Progress:
    return Progress(sum(1 for i in items if i.status != ItemStatus.NOT_CHECKED), len(items))


def item_text(item: ChecklistItem) -> str:
    return dict(rules.COMMON_ITEMS + rules.FUNDED_ITEMS).get(item.key, item.key)


def members_on_board(board: Board) -> list[Member]:
    return list(board.members.filter(status=MemberStatus.ON_BOARD).select_related("village"))


def recommendation_rows(board: Board, *, sent_only: bool, today: dt.date | None = None) -> list[RecommendationRow]:
    today = today or timezone.localdate()
    recs = board.recommendations.all()
    if sent_only:
        recs = recs.filter(sent_on__isnull=False)
    return [
        RecommendationRow(
            r,
            rules.answer_due_on(r.sent_on) if r.sent_on else None,
            r.sent_on is not None and rules.answer_overdue(r.sent_on, r.answered_on, today),
        )
        for r in recs
    ]


def projects_of(commune: Unit) -> QuerySet[Project]:
    return Project.objects.filter(commune=commune).select_related("board").prefetch_related("board__items")


def unanswered(today: dt.date) -> QuerySet[Recommendation]:
    """Recommendations sent to the commune and not yet answered, with their commune."""
    return (
        Recommendation.objects.filter(sent_on__isnull=False, answered_on__isnull=True)
        .select_related("board__project__commune")
        .order_by("sent_on")
    )
