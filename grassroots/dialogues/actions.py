"""Every write of the dialogues: one transaction and one audit event each (Law Art 32). The actions check
who acts (access.py) and the law (rules.py) themselves, so a view, the API or the demo cannot skip a
rule. No audit event carries an asker's name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from . import access
from .choices import Channel, QuestionStatus
from .models import Dialogue, Question

STAFF_CHANNELS = (Channel.PAPER, Channel.PHONE, Channel.VILLAGE, Channel.CONFERENCE)


def _event(verb: str, actor: Any, target: Any, commune_id: int, **data: Any) -> None:
    audit.record(f"dialogues.{verb}", actor=actor, target=target, unit_id=commune_id, data=data)


def _lock(dialogue: Dialogue) -> Dialogue:
    return Dialogue.objects.select_for_update(of=("self",)).select_related("commune").get(pk=dialogue.pk)


def _require_manager(actor: User, commune: Unit) -> None:
    if not access.can_manage(actor, commune):
        raise DomainError(_("Only the chair or an official of the commune People's Committee does this (Law Art 32)."))


def _require_not_held(dialogue: Dialogue) -> None:
    if dialogue.is_held:
        raise DomainError(_("This dialogue has already been held."))


def _require_open(dialogue: Dialogue) -> None:
    if dialogue.is_closed:
        raise DomainError(_("The minutes of this dialogue are closed: nothing in it can change now."))


def schedule_dialogue(
    *, actor: User, commune: Unit, planned_on: dt.date, venue: str, topics: str, starts_at: dt.time | None = None
) -> Dialogue:
    """Law Art 32: the commune People's Committee schedules the dialogue (at least one a year)."""
    if not commune.is_commune_level:
        raise DomainError(_("A dialogue is held by a commune People's Committee."))
    _require_manager(actor, commune)
    if planned_on < timezone.localdate():
        raise DomainError(_("Schedule the dialogue for today or a later day."), field="planned_on")
    with transaction.atomic():
        dialogue = Dialogue.objects.create(
            commune=commune, planned_on=planned_on, starts_at=starts_at, venue=venue.strip(), topics=topics.strip(),
            created_by=actor,
        )  # fmt: skip
        _event("scheduled", actor, dialogue, commune.pk, planned_on=planned_on.isoformat())
    return dialogue


def agree_for_front(*, actor: User, dialogue: Dialogue, agreed_on: dt.date) -> Dialogue:
    """Law Art 32: the dialogue is held with the commune Front; the Front records its agreement."""
    if not access.can_agree_for_front(actor, dialogue.commune):
        raise DomainError(_("Only the commune Fatherland Front committee records its agreement."))
    if agreed_on > timezone.localdate():
        raise DomainError(_("This day is still to come: record it on the day or after."), field="agreed_on")
    with transaction.atomic():
        dialogue = _lock(dialogue)
        _require_not_held(dialogue)
        dialogue.front_agreed_on, dialogue.front_agreed_by = agreed_on, actor
        dialogue.save(update_fields=["front_agreed_on", "front_agreed_by"])
        _event("front_agreed", actor, dialogue, dialogue.commune_id, agreed_on=agreed_on.isoformat())
    return dialogue


def publish_notice(*, actor: User, dialogue: Dialogue, text: str = "", published_on: dt.date | None = None) -> Dialogue:
    """The notice is published (the dialogue shows on the public pages and residents may ask questions).
    Held with the Front (Law Art 32): its agreement comes first. `published_on`: the day the notice was
    posted (at the People's Committee, by loudspeaker), today by default; never a day to come."""
    _require_manager(actor, dialogue.commune)
    published_on = published_on or timezone.localdate()
    if published_on > timezone.localdate():
        raise DomainError(_("This day is still to come: record it on the day or after."), field="published_on")
    with transaction.atomic():
        dialogue = _lock(dialogue)
        _require_not_held(dialogue)
        if dialogue.front_agreed_on is None:
            raise DomainError(
                _("Record the commune Front's agreement first: the dialogue is held with the Front (Law Art 32).")
            )
        dialogue.notice_published_on = published_on
        dialogue.notice_text = text.strip()
        dialogue.save(update_fields=["notice_published_on", "notice_text"])
        _event("notice_published", actor, dialogue, dialogue.commune_id)
    return dialogue


def ask_question(*, actor: User, dialogue: Dialogue, text: str, signed: bool = False) -> Question:
    """A resident of the commune sends a question online before the dialogue; signing is their choice."""
    commune = access.resident_commune(actor)
    if commune is None or commune.pk != dialogue.commune_id:
        raise DomainError(_("Only a verified resident of this commune asks questions online."))
    if not dialogue.is_published or dialogue.is_held:
        raise DomainError(_("Questions are sent online between the notice and the dialogue."))
    text = text.strip()
    if not text:
        raise DomainError(_("Write your question."), field="text")
    resident = actor.resident
    with transaction.atomic():
        question = Question.objects.create(
            dialogue=dialogue, text=text, channel=Channel.ONLINE, asker=actor, signed=signed,
            asker_name=resident.full_name if (signed and resident) else "", village=access.resident_village(actor),
            entered_by=actor, received_on=timezone.localdate(),
        )  # fmt: skip
        _event("question_asked", None, question, dialogue.commune_id, channel=Channel.ONLINE, signed=signed)
    return question


def enter_question(
    *,
    actor: User,
    dialogue: Dialogue,
    text: str,
    channel: str,
    received_on: dt.date,
    asker_name: str = "",
    signed: bool = False,
    village: Unit | None = None,
) -> Question:
    """Staff enter a question received on paper, by phone, at the village or at the conference."""
    if not access.can_enter_questions(actor, dialogue.commune):
        raise DomainError(_("Only the commune's officials or Front enter questions."))
    if channel not in STAFF_CHANNELS:
        raise DomainError(_("Choose how the question was received."), field="channel")
    if channel == Channel.CONFERENCE and not dialogue.is_held:
        raise DomainError(
            _("A question asked at the conference is entered once the dialogue is held."), field="channel"
        )
    if received_on > timezone.localdate():
        raise DomainError(_("This day is still to come: record it on the day or after."), field="received_on")
    if village is not None and village.parent_id != dialogue.commune_id:
        raise DomainError(_("Choose a village of this commune."), field="village")
    asker_name = asker_name.strip()
    if signed and not asker_name:
        raise DomainError(_("A signed question needs the asker's name."), field="asker_name")
    with transaction.atomic():
        dialogue = _lock(dialogue)
        _require_open(dialogue)
        question = Question.objects.create(
            dialogue=dialogue, text=text.strip(), channel=channel, asker_name=asker_name, signed=signed,
            village=village, entered_by=actor, received_on=received_on,
        )  # fmt: skip
        _event("question_entered", actor, question, dialogue.commune_id, channel=channel, signed=signed)
    return question


def _question(actor: User, question: Question) -> Question:
    _require_manager(actor, question.dialogue.commune)
    _require_open(question.dialogue)
    return Question.objects.select_for_update().get(pk=question.pk)


def hide_question(*, actor: User, question: Question, reason: str) -> Question:
    """A question off the subject or abusive is hidden with its reason, never deleted."""
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the question is hidden."), field="reason")
    with transaction.atomic():
        q = _question(actor, question)
        q.status, q.hidden_reason = QuestionStatus.HIDDEN, reason
        q.save(update_fields=["status", "hidden_reason"])
        _event("question_hidden", actor, q, q.dialogue.commune_id, reason=reason)
    return q


def record_answer(*, actor: User, question: Question, answer: str, answered_by_name: str) -> Question:
    """The answer to a question, with who gave it; recorded by whom and when."""
    answer = answer.strip()
    if not answer:
        raise DomainError(_("Write the answer."), field="answer")
    with transaction.atomic():
        q = _question(actor, question)
        if q.status == QuestionStatus.HIDDEN:
            raise DomainError(_("This question is hidden."))
        q.answer, q.answered_by_name = answer, answered_by_name.strip()
        q.answered_by, q.answered_at = actor, timezone.now()
        q.status = QuestionStatus.ANSWERED
        q.published_at = None
        q.save(update_fields=["answer", "answered_by_name", "answered_by", "answered_at", "status", "published_at"])
        _event("answer_recorded", actor, q, q.dialogue.commune_id)
    return q


def publish_answer(*, actor: User, question: Question) -> Question:
    """The answer is published: anyone sees it on the dialogue's public page and in the open data."""
    with transaction.atomic():
        q = _question(actor, question)
        if q.status != QuestionStatus.ANSWERED:
            raise DomainError(_("Only a recorded answer can be published."))
        q.status, q.published_at = QuestionStatus.PUBLISHED, timezone.now()
        q.save(update_fields=["status", "published_at"])
        _event("answer_published", actor, q, q.dialogue.commune_id)
    return q


def hold_dialogue(
    *,
    actor: User,
    dialogue: Dialogue,
    attendance: int,
    chair_name: str,
    front_representative: str,
    secretary_name: str = "",
) -> Dialogue:
    """The dialogue is recorded as held on its scheduled day (Law Art 32), with the Front present."""
    _require_manager(actor, dialogue.commune)
    with transaction.atomic():
        dialogue = _lock(dialogue)
        _require_not_held(dialogue)
        if not dialogue.is_published:
            raise DomainError(_("Publish the notice first."))
        if dialogue.planned_on > timezone.localdate():
            raise DomainError(_("This day is still to come: record it on the day or after."))
        if attendance < 0:
            raise DomainError(_("Enter a number of 0 or more."), field="attendance")
        dialogue.held_on = dialogue.planned_on
        dialogue.attendance = attendance
        dialogue.chair_name, dialogue.front_representative = chair_name.strip(), front_representative.strip()
        dialogue.secretary_name = secretary_name.strip()
        dialogue.save(update_fields=["held_on", "attendance", "chair_name", "front_representative", "secretary_name"])
        _event(
            "held", actor, dialogue, dialogue.commune_id, held_on=dialogue.planned_on.isoformat(), attendance=attendance
        )
    return dialogue


def record_conclusion(*, actor: User, dialogue: Dialogue, conclusion: str) -> Dialogue:
    _require_manager(actor, dialogue.commune)
    with transaction.atomic():
        dialogue = _lock(dialogue)
        if not dialogue.is_held:
            raise DomainError(_("The dialogue has not been held yet."))
        _require_open(dialogue)
        dialogue.conclusion = conclusion.strip()
        dialogue.save(update_fields=["conclusion"])
        _event("conclusion_recorded", actor, dialogue, dialogue.commune_id)
    return dialogue


def close_minutes(*, actor: User, dialogue: Dialogue) -> Dialogue:
    """The minutes are closed: every question kept is answered; the minutes are then final."""
    _require_manager(actor, dialogue.commune)
    with transaction.atomic():
        dialogue = _lock(dialogue)
        if not dialogue.is_held:
            raise DomainError(_("The dialogue has not been held yet."))
        _require_open(dialogue)
        unanswered = dialogue.questions.filter(status=QuestionStatus.RECEIVED).count()
        if unanswered:
            raise DomainError(
                _("%(count)s question(s) still have no answer: answer them before closing the minutes.")
                % {"count": unanswered}
            )
        if not dialogue.conclusion:
            raise DomainError(_("Record the conclusion first."))
        dialogue.closed_at = timezone.now()
        dialogue.save(update_fields=["closed_at"])
        _event("minutes_closed", actor, dialogue, dialogue.commune_id)
    return dialogue
