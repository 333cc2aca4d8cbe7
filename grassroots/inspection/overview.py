"""Reads of the board shared by the pages, the API and the demo's checks: the commune's current board, its
composition against the size rule, its members, candidacies, vacancies and plans."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from grassroots.decisions.models import Matter
from grassroots.decisions.rules import Item
from grassroots.territory.models import Unit

from . import actions, rules
from .choices import CandidacyStatus, Seat
from .models import Board, Candidacy, Member, Plan


def current_board(commune: Unit, day: dt.date | None = None) -> Board | None:
    """The board whose term covers the day, else the latest one."""
    day = day or timezone.localdate()
    boards = Board.objects.filter(commune=commune)
    return boards.filter(term_starts_on__lte=day, term_ends_on__gt=day).first() or boards.first()


@dataclass
class BoardView:
    commune: Unit
    board: Board | None
    villages: list[Unit] = field(default_factory=list)
    composition: rules.Composition | None = None
    members: list[Member] = field(default_factory=list)
    former: list[Member] = field(default_factory=list)
    candidacies: list[Candidacy] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    term_over: bool = False

    @property
    def head(self) -> Member | None:
        return next((m for m in self.members if m.seat == Seat.HEAD), None)

    @property
    def deputies(self) -> list[Member]:
        return [m for m in self.members if m.seat == Seat.DEPUTY]

    @property
    def unrepresented(self) -> list[Unit]:
        ids = set(self.composition.unrepresented) if self.composition else set()
        return [v for v in self.villages if v.pk in ids]

    @property
    def open_candidacies(self) -> list[Candidacy]:
        return [c for c in self.candidacies if c.status in (CandidacyStatus.NOMINATED, CandidacyStatus.VOTING)]

    @property
    def by_elections_due(self) -> list[Member]:
        """D59 Art 13: members who left with 6 months or more of the term left and whose seat no candidacy
        (other than a refused one) is filling yet."""
        filling = {c.replaces_id for c in self.candidacies if c.replaces_id and c.status != CandidacyStatus.REFUSED}
        return [m for m in self.former if m.by_election_due and m.pk not in filling]


def board_view(commune: Unit, *, with_plans: bool = False) -> BoardView:
    board = current_board(commune)
    if board is None:
        return BoardView(commune=commune, board=None)
    villages = actions.villages_of(commune)
    everyone = list(board.members.select_related("village").order_by("village__code", "pk"))
    return BoardView(
        commune=commune,
        board=board,
        villages=villages,
        composition=actions.composition(board, villages),
        members=[m for m in everyone if m.left_on is None],
        former=[m for m in everyone if m.left_on is not None],
        candidacies=list(board.candidacies.select_related("village", "matter", "replaces")),
        plans=list(board.plans.all()) if with_plans else [],
        term_over=timezone.localdate() >= board.term_ends_on,
    )


def linkable_matters(board: Board) -> list[Matter]:
    """The item-5 matters of the commune's villages that no candidacy follows yet and are not decided."""
    return list(
        Matter.objects.filter(unit__parent=board.commune, item=Item.BOARD_MEMBERS, inspection_candidacy__isnull=True)
        .exclude(status__in=["recognized", "refused"])
        .select_related("unit")
        .order_by("-created_at")[:50]
    )


def matters_of(commune: Unit) -> QuerySet[Matter]:
    return Matter.objects.filter(unit__parent=commune)


def villages_query(commune: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(parent=commune).villages()


def commune_by_code(code: str) -> Unit | None:
    unit = Unit.objects.filter(code=code).first()
    return unit if unit is not None and unit.is_commune_level else None
