"""Writes of the conference's questions and answers and of the units' difficulties (issue 5, items 5
and 6; the reads are in training.qa). Every write is in a transaction with an audit event."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.accounts.roles import role_unit_ids
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.core.text import fold
from grassroots.territory.models import Unit

from ..access import RUNNER_ROLES, can_answer_difficulty, can_manage_difficulty, can_organize, can_take_part
from ..models import Conference, Difficulty, Question, QuestionVote, Session
from ..qa import MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH, assignee_choices


def _record(verb: str, actor: User, target: models.Model, unit_id: int | None, **data: Any) -> None:
    audit.record(f"training.{verb}", actor=actor, target=target, unit_id=unit_id, data=data)


def _require_moderator(actor: User, conference: Conference) -> None:
    if not can_organize(actor, conference.organizer_unit):
        raise DomainError(_("Only the organizers of the conference moderate its questions."))


def _clean(text: str, *, limit: int, field: str, empty: StrOrPromise) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(empty, field=field)
    if len(text) > limit:
        raise DomainError(_("This text is too long."), field=field)
    return text


# --- Questions ------------------------------------------------------------------------------------
@transaction.atomic
def ask_question(conference: Conference, *, actor: User, text: str, session: Session | None = None) -> Question:
    """A delegate (or an organizer) sends a question; it waits for the moderator."""
    if not can_take_part(actor, conference):
        raise DomainError(_("Only the delegates and organizers of this conference may ask questions."))
    if conference.status == Conference.Status.CLOSED:
        raise DomainError(_("The conference is closed; it no longer takes questions."))
    if session is not None and session.conference_id != conference.pk:
        raise DomainError(_("This session is not part of the conference."), field="session")
    text = _clean(text, limit=MAX_QUESTION_LENGTH, field="text", empty=_("Write your question."))
    question = Question.objects.create(
        conference=conference, session=session, asked_by=actor, text=text, text_folded=fold(text)
    )
    _record("question_asked", actor, question, conference.organizer_unit_id, conference=conference.pk)
    return question


@transaction.atomic
def upvote(question: Question, *, actor: User) -> bool:
    """One up-vote per person and question; a second one changes nothing. Returns whether it counted."""
    conference = question.conference
    if not can_take_part(actor, conference):
        raise DomainError(_("Only the delegates and organizers of this conference may vote on its questions."))
    if question.status != Question.Status.QUEUED:
        raise DomainError(_("Only questions in the queue take votes."))
    if question.asked_by_id == actor.pk:
        raise DomainError(_("You cannot vote for your own question."))
    try:
        with transaction.atomic():
            QuestionVote.objects.create(question=question, user=actor)
    except IntegrityError:
        return False
    _record("question_upvoted", actor, question, conference.organizer_unit_id, conference=conference.pk)
    return True


def _queue(conference: Conference) -> QuerySet[Question]:
    return Question.objects.filter(conference=conference, status=Question.Status.QUEUED)


@transaction.atomic
def approve_question(question: Question, *, actor: User) -> Question:
    """The moderator accepts a question into the queue, at its end."""
    conference = question.conference
    _require_moderator(actor, conference)
    if question.status != Question.Status.PENDING:
        raise DomainError(_("Only a question waiting for the moderator can be approved."))
    last = _queue(conference).aggregate(last=Max("position"))["last"] or 0
    question.status = Question.Status.QUEUED
    question.position = last + 1
    question.save(update_fields=["status", "position"])
    _record("question_approved", actor, question, conference.organizer_unit_id, conference=conference.pk)
    return question


@transaction.atomic
def hide_question(question: Question, *, actor: User) -> Question:
    """Off-topic or improper: the question leaves the queue and the FAQ (it is kept, not deleted)."""
    conference = question.conference
    _require_moderator(actor, conference)
    if question.status == Question.Status.HIDDEN:
        return question
    previous = question.status
    question.status = Question.Status.HIDDEN
    question.in_faq = False
    question.save(update_fields=["status", "in_faq"])
    _record("question_hidden", actor, question, conference.organizer_unit_id, conference=conference.pk, was=previous)
    return question


def _renumber(questions: list[Question]) -> None:
    for position, question in enumerate(questions, start=1):
        question.position = position
    Question.objects.bulk_update(questions, ["position"])


@transaction.atomic
def move_question(question: Question, *, actor: User, up: bool) -> Question:
    """Move a queued question one place up or down."""
    conference = question.conference
    _require_moderator(actor, conference)
    if question.status != Question.Status.QUEUED:
        raise DomainError(_("Only questions in the queue can be moved."))
    queue = list(_queue(conference).select_for_update().order_by("position", "created_at", "pk"))
    index = next(i for i, q in enumerate(queue) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(queue):
        queue[index], queue[other] = queue[other], queue[index]
        _renumber(queue)
        _record("question_moved", actor, question, conference.organizer_unit_id, conference=conference.pk, up=up)
    question.refresh_from_db(fields=["position"])
    return question


@transaction.atomic
def order_queue_by_votes(conference: Conference, *, actor: User) -> int:
    """Put the queue in order of up-votes, most first; a tie keeps the moderator's order."""
    _require_moderator(actor, conference)
    # Lock the queue, then count (PostgreSQL refuses FOR UPDATE together with GROUP BY).
    queue = list(_queue(conference).select_for_update().order_by("pk"))
    votes = dict(
        QuestionVote.objects.filter(question__in=[q.pk for q in queue])
        .values("question_id")
        .annotate(n=Count("id"))
        .values_list("question_id", "n")
    )
    queue.sort(key=lambda q: (-votes.get(q.pk, 0), q.position, q.created_at, q.pk))
    _renumber(queue)
    _record("queue_ordered_by_votes", actor, conference, conference.organizer_unit_id, questions=len(queue))
    return len(queue)


@transaction.atomic
def record_answer(question: Question, *, actor: User, answer: str, answered_by: str, publish: bool = True) -> Question:
    """Record a speaker's answer (who answered, in their words) and publish it in the FAQ."""
    conference = question.conference
    _require_moderator(actor, conference)
    if question.status == Question.Status.HIDDEN:
        raise DomainError(_("A hidden question is not answered."))
    question.answer = _clean(answer, limit=MAX_ANSWER_LENGTH, field="answer", empty=_("Write the answer."))
    question.answered_by = _clean(answered_by, limit=200, field="answered_by", empty=_("Say who answered."))
    question.answered_at = timezone.now()
    question.status = Question.Status.ANSWERED
    question.in_faq = publish
    # The FAQ searches the question and its answer together, without accents.
    question.text_folded = fold(f"{question.text} {question.answer}")
    question.save(update_fields=["answer", "answered_by", "answered_at", "status", "in_faq", "text_folded"])
    _record(
        "question_answered", actor, question, conference.organizer_unit_id, conference=conference.pk, published=publish
    )
    return question


# --- Difficulties -------------------------------------------------------------------------------
def _difficulty_event(verb: str, actor: User, difficulty: Difficulty, **data: Any) -> None:
    _record(verb, actor, difficulty, difficulty.unit_id, conference=difficulty.conference_id, **data)


@transaction.atomic
def raise_difficulty(*, actor: User, unit: Unit, text: str, conference: Conference | None = None) -> Difficulty:
    """A unit reports a difficulty; whoever reports it holds a role in that unit."""
    if unit.pk not in role_unit_ids(actor, RUNNER_ROLES):
        raise DomainError(_("You may report a difficulty only for a unit where you hold a role."), field="unit")
    if conference is not None and not can_take_part(actor, conference):
        raise DomainError(_("Only the delegates and organizers of this conference may raise difficulties there."))
    text = _clean(text, limit=MAX_QUESTION_LENGTH, field="text", empty=_("Describe the difficulty."))
    difficulty = Difficulty.objects.create(conference=conference, unit=unit, reported_by=actor, text=text)
    _difficulty_event("difficulty_raised", actor, difficulty)
    return difficulty


@transaction.atomic
def assign_difficulty(difficulty: Difficulty, *, actor: User, assignee: User) -> Difficulty:
    """The steering committee names who must answer."""
    if not can_manage_difficulty(actor, difficulty):
        raise DomainError(_("Only the steering committee over this unit assigns its difficulties."))
    if difficulty.status == Difficulty.Status.ANSWERED:
        raise DomainError(_("This difficulty has already been answered."))
    if not assignee.is_active:
        raise DomainError(_("This account is not active."), field="assignee")
    if not assignee_choices(difficulty).filter(pk=assignee.pk).exists():
        raise DomainError(_("Choose someone of the organizing unit."), field="assignee")
    difficulty.assigned_to = assignee
    difficulty.status = Difficulty.Status.ASSIGNED
    difficulty.save(update_fields=["assigned_to", "status"])
    _difficulty_event("difficulty_assigned", actor, difficulty, assignee=assignee.pk)
    return difficulty


@transaction.atomic
def answer_difficulty(difficulty: Difficulty, *, actor: User, response: str) -> Difficulty:
    if not can_answer_difficulty(actor, difficulty):
        raise DomainError(_("Only the person it was assigned to, or the steering committee, may answer it."))
    difficulty.response = _clean(response, limit=MAX_ANSWER_LENGTH, field="response", empty=_("Write the response."))
    difficulty.responded_at = timezone.now()
    difficulty.status = Difficulty.Status.ANSWERED
    difficulty.save(update_fields=["response", "responded_at", "status"])
    _difficulty_event("difficulty_answered", actor, difficulty)
    return difficulty
