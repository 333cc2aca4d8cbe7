"""Writes of the tests and the feedback form (issue 5, items 7 and 8; the reads are in training.quiz)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.core.errors import DomainError

from ..models import Conference, Feedback, QuizAttempt
from ..quiz import RATING_SCALE, active_delegate, attempt_allowed, draw, score_answers


@transaction.atomic
def submit_quiz(
    conference: Conference,
    *,
    actor: User,
    kind: str,
    chosen: Mapping[int, int | None],
    now: dt.datetime | None = None,
    number: int | None = None,
) -> QuizAttempt:
    """Score a delegate's answers on the server and keep the attempt: the test before the course once,
    the test after it (once the last session has ended) again until passed, up to the conference's number
    of attempts. `number` is the attempt the form was shown for: a form sent twice is kept once."""
    delegate = active_delegate(actor, conference)
    if delegate is None:
        raise DomainError(_("Only the delegates of this conference take its tests."))
    if kind not in QuizAttempt.Kind.values:
        raise DomainError(_("There is no such test."))
    verdict = attempt_allowed(delegate, kind, now or timezone.now())
    if not verdict.ok:
        raise DomainError(verdict.reason)
    ids = draw(conference, kind)
    if not ids:
        raise DomainError(_("The question bank is empty."))
    if any(chosen.get(pk) is None for pk in ids):
        raise DomainError(_("Answer every question."))
    score, total = score_answers(ids, chosen)
    answers = {"questions": ids, "chosen": {str(pk): chosen.get(pk) for pk in ids}}
    next_number = QuizAttempt.objects.filter(delegate=delegate, kind=kind).count() + 1
    if number is not None and number != next_number:
        raise DomainError(_("These answers were already sent."))
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                conference=conference,
                delegate=delegate,
                kind=kind,
                number=next_number,
                score=score,
                total=total,
                answers=answers,
            )
    except IntegrityError:
        raise DomainError(_("These answers were already sent.")) from None
    audit.record(
        "training.quiz_submitted",
        actor=actor,
        target=attempt,
        unit_id=conference.organizer_unit_id,
        data={"conference": conference.pk, "kind": kind, "number": next_number, "score": score, "total": total},
    )
    return attempt


@transaction.atomic
def submit_feedback(
    conference: Conference, *, actor: User, content: int, speakers: int, organization: int, comment: str = ""
) -> Feedback:
    """One short evaluation per delegate who attended: three ratings from 1 to 5 and a comment."""
    delegate = active_delegate(actor, conference)
    if delegate is None:
        raise DomainError(_("Only the delegates of this conference evaluate it."))
    if delegate.checked_in_at is None:
        raise DomainError(_("Only delegates who attended the conference evaluate it."))
    ratings = {"content": content, "speakers": speakers, "organization": organization}
    for field, value in ratings.items():
        if value not in RATING_SCALE:
            raise DomainError(_("Choose a rating from 1 to 5."), field=field)
    if Feedback.objects.filter(delegate=delegate).exists():
        raise DomainError(_("You have already sent your evaluation."))
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                conference=conference, delegate=delegate, comment=comment.strip()[:2000], **ratings
            )
    except IntegrityError:
        raise DomainError(_("You have already sent your evaluation.")) from None
    audit.record(
        "training.feedback_sent",
        actor=actor,
        target=feedback,
        unit_id=conference.organizer_unit_id,
        data={"conference": conference.pk},
    )
    return feedback
