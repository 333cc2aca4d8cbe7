"""Opinions on every channel (Law Art 26), moderation, and the questionnaire's answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from .. import access
from ..choices import AnswerPer, Channel, QuestionKind, Stance
from ..models import Answer, Article, Consultation, Opinion, Question, Response
from ._common import event, lock, require, require_not_closed, require_open

ONLY_RESIDENTS = _("Only residents of the commune (or village) consulted give their opinion here.")


def _article(consultation: Consultation, article: Article | None) -> Article | None:
    if article is not None and article.draft.consultation_id != consultation.pk:
        raise DomainError(_("This article is not in this consultation's draft."), field="article")
    return article


def _check(stance: str, body: str) -> None:
    if stance not in Stance.values:
        raise DomainError(_("Say whether you agree, disagree or have another opinion."), field="stance")
    if not body.strip():
        raise DomainError(_("Write the opinion."), field="body")


def give_opinion(
    *, actor: User, consultation: Consultation, stance: str, body: str, article: Article | None = None,
    sign_publicly: bool = False,
) -> Opinion:  # fmt: skip
    """A resident's own opinion on the web page (Law Art 26(1)(f)); anonymous to others unless signed."""
    household = access.home_household(actor)
    require(access.lives_in_scope(household, consultation), ONLY_RESIDENTS)
    _check(stance, body)
    with transaction.atomic():
        consultation = lock(consultation)
        require_open(consultation)
        opinion = Opinion.objects.create(
            consultation=consultation, article=_article(consultation, article), channel=Channel.WEB,
            stance=stance, body=body.strip(), given_on=timezone.localdate(), author=actor,
            resident_id=actor.resident_id, author_name=actor.resident.full_name if actor.resident else "",
            signed_publicly=sign_publicly, village=household.unit if household else None,
        )  # fmt: skip
        event("opinion_given", actor, consultation, opinion=opinion.pk, channel=Channel.WEB)
    return opinion


def enter_opinion(
    *, actor: User, consultation: Consultation, channel: str, given_on: dt.date, stance: str, body: str,
    village: Unit | None = None, author_name: str = "", article: Article | None = None,
) -> Opinion:  # fmt: skip
    """An opinion that came on paper, at a meeting or by telephone, typed in by staff with its channel,
    its day and (optionally) who gave it. A village head enters opinions of their own village only."""
    villages = access.entry_villages(actor, consultation)
    require(villages is None or bool(villages), _("You do not collect opinions for this consultation."))
    if villages is not None:
        if village is None and len(villages) == 1:
            village = villages[0]
        if village is None or village.pk not in {v.pk for v in villages}:
            raise DomainError(_("You enter the opinions of your own village only."), field="village")
    if village is not None and village.parent_id != consultation.commune_id:
        raise DomainError(_("The village must be one of this commune."), field="village")
    if channel not in Channel.values or channel == Channel.WEB:
        raise DomainError(_("Say how the opinion came in."), field="channel")
    _check(stance, body)
    with transaction.atomic():
        consultation = lock(consultation)
        require_not_closed(consultation)
        if consultation.published_on is None or given_on < consultation.published_on:
            raise DomainError(_("An opinion is given after the consultation is published."), field="given_on")
        if consultation.closes_on is None or given_on > consultation.closes_on or given_on > timezone.localdate():
            raise DomainError(_("The day must be within the consultation period and not in the future."),
                              field="given_on")  # fmt: skip
        opinion = Opinion.objects.create(
            consultation=consultation, article=_article(consultation, article), channel=channel, stance=stance,
            body=body.strip(), given_on=given_on, village=village, author_name=author_name.strip(),
            entered_by=actor,
        )  # fmt: skip
        event("opinion_entered", actor, consultation, opinion=opinion.pk, channel=channel)
    return opinion


def hide_opinion(*, actor: User, opinion: Opinion, reason: str) -> Opinion:
    """Moderation hides an opinion with its reason, shown in its place; nothing is deleted."""
    consultation = opinion.consultation
    require(access.can_manage(actor, consultation), _("Only the commune official or the chair moderates."))
    if not reason.strip():
        raise DomainError(_("Give the reason it is hidden: it is shown in its place."), field="reason")
    with transaction.atomic():
        opinion = Opinion.objects.select_for_update().get(pk=opinion.pk)
        if opinion.hidden_at:
            raise DomainError(_("This opinion is already hidden."))
        opinion.hidden_at, opinion.hidden_reason, opinion.hidden_by = timezone.now(), reason.strip(), actor
        opinion.save()
        event("opinion_hidden", actor, consultation, opinion=opinion.pk)
    return opinion


def _clean_answers(questions: list[Question], raw: dict[int, Any]) -> list[Answer]:
    answers = []
    for q in questions:
        value: Any = raw.get(q.pk)
        if value in (None, "", []):
            continue
        field = f"q{q.pk}"
        if q.kind == QuestionKind.SINGLE:
            picks = [int(value)]
        elif q.kind == QuestionKind.MULTIPLE:
            picks = sorted({int(v) for v in value})
        else:
            picks = []
        if any(not 0 <= p < len(q.options) for p in picks):
            raise DomainError(_("Choose among the options."), field=field)
        if q.kind == QuestionKind.SCALE:
            if not 1 <= int(value) <= q.scale_max:
                raise DomainError(_("Choose a number from 1 to %(max)s.") % {"max": q.scale_max}, field=field)
            answers.append(Answer(question=q, value=int(value)))
        elif q.kind == QuestionKind.TEXT:
            answers.append(Answer(question=q, text=str(value).strip()))
        else:
            answers.append(Answer(question=q, choices=picks))
    if not answers:
        raise DomainError(_("Answer at least one question."))
    return answers


def _save_response(consultation: Consultation, key: str, answers: list[Answer], **fields: Any) -> Response:
    try:
        with transaction.atomic():
            response = Response.objects.create(consultation=consultation, respondent_key=key, **fields)
    except IntegrityError:
        raise DomainError(
            _("This questionnaire has already been answered for this household.")
            if key.startswith("h")
            else _("This questionnaire has already been answered by this resident.")
        ) from None
    for answer in answers:
        answer.response = response
    Answer.objects.bulk_create(answers)
    return response


def answer_questionnaire(*, actor: User, consultation: Consultation, raw: dict[int, Any]) -> Response:
    """One answer per resident, or per household, as the consultation chose."""
    household = access.home_household(actor)
    if household is None or not access.lives_in_scope(household, consultation):
        raise DomainError(ONLY_RESIDENTS)
    with transaction.atomic():
        consultation = lock(consultation)
        require_open(consultation)
        answers = _clean_answers(list(consultation.questions.all()), raw)
        key = f"h{household.pk}" if consultation.answer_per == AnswerPer.HOUSEHOLD else f"r{actor.resident_id}"
        response = _save_response(consultation, key, answers, channel=Channel.WEB, author=actor)
        event("answered", actor, consultation, channel=Channel.WEB)
    return response


def enter_slip(*, actor: User, consultation: Consultation, slip: str, raw: dict[int, Any]) -> Response:
    """A household opinion slip typed in by staff (Law Art 26(1)(c)); `slip` is the slip's number, so
    the same slip is never counted twice."""
    require(access.can_enter(actor, consultation), _("You do not collect opinions for this consultation."))
    if not slip.strip():
        raise DomainError(_("Give the slip's number."), field="slip")
    with transaction.atomic():
        consultation = lock(consultation)
        require_not_closed(consultation)
        if consultation.published_on is None:
            raise DomainError(_("This consultation is not published yet."))
        answers = _clean_answers(list(consultation.questions.all()), raw)
        response = _save_response(consultation, f"s{slip.strip()[:36]}", answers, channel=Channel.SLIP,
                                  entered_by=actor)  # fmt: skip
        event("slip_entered", actor, consultation, channel=Channel.SLIP)
    return response
