"""Questions and answers at a training conference, the FAQ built from the answers, and the
difficulties units raise (issue 5, items 5 and 6).

Delegates send questions before and during the conference and up-vote each other's; the organizers
moderate (approve into the queue, order it, hide what is off-topic) and record the speakers' answers,
which are published as a FAQ for everyone who runs grassroots democracy. Units report the difficulties
they meet; the steering committee assigns each to whoever must answer it and follows it to a response.

This module reads; the writes are actions (training.actions.qa), each in a transaction with an audit
event. The FAQ never shows who asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from grassroots.accounts.models import AnyUser, RoleAssignment, User
from grassroots.accounts.roles import role_unit_ids
from grassroots.core.text import fold
from grassroots.territory.models import under

from .access import (
    RUNNER_ROLES,
    organizer_paths,
)
from .models import Conference, Difficulty, Question, QuestionVote

MAX_QUESTION_LENGTH = 2000
MAX_ANSWER_LENGTH = 10000
MAX_SEARCH_WORDS = 8


# --- Reading the questions ---------------------------------------------------------------------------
def with_votes(questions: QuerySet[Question]) -> QuerySet[Question]:
    return questions.annotate(vote_count=Count("votes", distinct=True)).select_related("session")


@dataclass(frozen=True)
class Board:
    """Everything the conference's Q&A page shows to one user."""

    queue: list[Question]
    answered: list[Question]
    pending: list[Question]  # for the moderator: all; for a delegate: their own
    hidden: list[Question]  # for the moderator only
    voted: frozenset[int]


def board(conference: Conference, user: User, *, moderator: bool) -> Board:
    questions = with_votes(Question.objects.filter(conference=conference))
    queue = list(questions.filter(status=Question.Status.QUEUED).order_by("position", "created_at", "pk"))
    answered = list(questions.filter(status=Question.Status.ANSWERED).order_by("-answered_at", "pk"))
    pending = questions.filter(status=Question.Status.PENDING).order_by("created_at", "pk")
    if not moderator:
        pending = pending.filter(asked_by=user)
    hidden = list(questions.filter(status=Question.Status.HIDDEN).order_by("-created_at")) if moderator else []
    voted = frozenset(
        QuestionVote.objects.filter(question__conference=conference, user=user).values_list("question_id", flat=True)
    )
    return Board(queue=queue, answered=answered, pending=list(pending), hidden=hidden, voted=voted)


def live_queue(conference: Conference) -> list[Question]:
    return list(
        with_votes(Question.objects.filter(conference=conference, status=Question.Status.QUEUED)).order_by(
            "position", "created_at", "pk"
        )
    )


def faq(query: str = "") -> QuerySet[Question]:
    """Published answers, newest first; every word of the query must appear, accents and case aside."""
    answers = Question.objects.filter(status=Question.Status.ANSWERED, in_faq=True).select_related(
        "conference", "session"
    )
    for word in fold(query).split()[:MAX_SEARCH_WORDS]:
        answers = answers.filter(text_folded__contains=word)
    return answers.order_by("-answered_at", "-pk")


# --- Difficulties -------------------------------------------------------------------------------
def difficulties_for(user: AnyUser) -> QuerySet[Difficulty]:
    """The difficulties a user may see: over the units they steer, of their units, theirs to answer."""
    if not user.is_authenticated:
        return Difficulty.objects.none()
    paths = organizer_paths(user)
    seen = Q(reported_by=user) | Q(assigned_to=user) | Q(unit_id__in=role_unit_ids(user, RUNNER_ROLES))
    seen |= under(paths, "unit__path") | under(paths, "conference__organizer_unit__path")
    return Difficulty.objects.filter(seen).select_related("unit", "conference", "assigned_to")


def difficulty_counts(difficulties: QuerySet[Difficulty]) -> dict[str, int]:
    """How many open, assigned and answered; "unanswered" adds the first two."""
    counts = {status: 0 for status in Difficulty.Status.values}
    for status, n in difficulties.order_by().values_list("status").annotate(n=Count("id")):
        counts[status] = n
    counts["unanswered"] = counts[Difficulty.Status.OPEN] + counts[Difficulty.Status.ASSIGNED]
    counts["all"] = counts["unanswered"] + counts[Difficulty.Status.ANSWERED]
    return counts


def _path_prefixes(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def assignee_choices(difficulty: Difficulty, day: dt.date | None = None) -> QuerySet[User]:
    """Who may be asked to answer: people of the organizing unit. For a difficulty raised at a conference,
    holders of a role in the organizing unit or in a unit between it and the unit that raised the
    difficulty (never a unit above the organizers, nor another commune); without a conference, holders of a
    role in the unit or a unit above it (the steering committee over it)."""
    chain = _path_prefixes(difficulty.unit.path)
    if difficulty.conference is not None:
        organizing = difficulty.conference.organizer_unit.path
        paths = {organizing} | {p for p in chain if p.startswith(organizing)}
    else:
        paths = set(chain)
    holders = (
        RoleAssignment.objects.active_on(day or timezone.localdate())
        .filter(unit__path__in=paths, role__in=RUNNER_ROLES)
        .values("user_id")
    )
    return User.objects.filter(id__in=holders, is_active=True).order_by("last_name", "first_name", "username")
