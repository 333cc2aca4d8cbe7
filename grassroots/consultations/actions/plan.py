"""The consultation and its plan (Law Art 28(1)), drafts by article, questions, publication (Law
Art 28(2))."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from .. import access, rules
from ..choices import AnswerPer, Channel, Kind, QuestionKind
from ..models import Article, Consultation, Draft, Question
from ._common import event, lock, require, require_not_closed, require_not_published

NOT_YOURS = _("Only the commune official or the chair of this commune runs its consultations.")
SECTION = re.compile(r"^(Chương|Mục|Phần|Chapter|Section)\s+\S+", re.IGNORECASE)
ARTICLE = re.compile(r"^(?:Điều|Article)\s+(\d+[a-z]?)\s*[.:]?\s*(.*)$", re.IGNORECASE)


def _check_window(window_days: int, other_law: str) -> None:
    problem = rules.window_problem(window_days, other_law)
    if problem == "empty":
        raise DomainError(_("A consultation is open for at least one day."), field="window_days")
    if problem == "too_short":
        raise DomainError(
            _("Residents have at least %(days)s days from publication to give their opinions, unless another "
              "law sets another period: name that law (Law Art 28(2)).") % {"days": rules.MIN_WINDOW_DAYS},
            field="other_law",
        )  # fmt: skip


def create_consultation(
    *,
    actor: User,
    commune: Unit,
    kind: str,
    title: str,
    summary: str,
    channels: list[str],
    timeline: str,
    responsible: str,
    window_days: int = rules.MIN_WINDOW_DAYS,
    other_law: str = "",
    village: Unit | None = None,
    answer_per: str = AnswerPer.RESIDENT,
    affected_person: str = "",
) -> Consultation:
    """Law Art 28(1): the commune adopts a plan (content, forms, timeline, responsibility)."""
    require(any(c.pk == commune.pk for c in access.managed_communes(actor)), NOT_YOURS)
    if kind not in Kind.values:
        raise DomainError(_("Choose one of the matters of Law Art 25."), field="kind")
    if village is not None and village.parent_id != commune.pk:
        raise DomainError(_("The village must be one of this commune."), field="village")
    if not channels or any(c not in Channel.values for c in channels):
        raise DomainError(_("Choose at least one form of consultation (Law Art 26)."), field="channels")
    if Channel.AFFECTED in channels and kind != Kind.INDIVIDUAL:
        raise DomainError(
            _("Dialogue with the persons affected is the form for decisions on a citizen (Law Art 26(1)(h))."),
            field="channels",
        )
    if kind == Kind.INDIVIDUAL and not affected_person.strip():
        raise DomainError(_("Name the person the decision affects (Law Art 27)."), field="affected_person")
    _check_window(window_days, other_law)
    with transaction.atomic():
        consultation = Consultation.objects.create(
            commune=commune, village=village, kind=kind, title=title.strip(), summary=summary.strip(),
            channels=list(dict.fromkeys(channels)), timeline=timeline.strip(), responsible=responsible.strip(),
            window_days=window_days, other_law=other_law.strip(), answer_per=answer_per,
            affected_person=affected_person.strip() if kind == Kind.INDIVIDUAL else "", created_by=actor,
        )  # fmt: skip
        event("created", actor, consultation, kind=kind, window_days=window_days)
    return consultation


def record_plan_sent(*, actor: User, consultation: Consultation, recipient: str, sent_on: dt.date) -> Consultation:
    """Law Art 28(1): the plan goes to the People's Council and the commune Front; each sending is recorded."""
    require(access.can_manage(actor, consultation), NOT_YOURS)
    if recipient not in rules.PLAN_RECIPIENTS:
        raise DomainError(_("Choose the People's Council or the commune Front."), field="recipient")
    with transaction.atomic():
        consultation = lock(consultation)
        require_not_closed(consultation)
        setattr(consultation, "plan_to_council_on" if recipient == "council" else "plan_to_front_on", sent_on)
        consultation.save()
        event("plan_sent", actor, consultation, recipient=recipient, sent_on=sent_on.isoformat())
    return consultation


def parse_articles(text: str) -> list[tuple[str, str, str, str]]:
    """Split a draft into (section, number, title, body): "Chương …" lines open a section, "Điều N." lines
    an article; text before the first article is article "0" (the preamble)."""
    section, items = "", []
    current: list[str] | None = None
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        match = ARTICLE.match(line)
        if SECTION.match(line) and not match:
            section = line
            continue
        if match:
            items.append([section, match.group(1), match.group(2).strip(), ""])
            current = items[-1]
        elif line:
            if current is None:
                items.append([section, "0", "", ""])
                current = items[-1]
            current[3] = f"{current[3]}\n{line}".strip()
    return [(s, n, t, b) for s, n, t, b in items]


def add_draft(*, actor: User, consultation: Consultation, title: str, text: str, note: str = "") -> Draft:
    """A new version of the draft; earlier versions stay for comparison."""
    require(access.can_manage(actor, consultation), NOT_YOURS)
    articles = parse_articles(text)
    if not articles:
        raise DomainError(_("The draft has no text."), field="text")
    with transaction.atomic():
        consultation = lock(consultation)
        require_not_closed(consultation)
        if consultation.synthesis_published_at:
            raise DomainError(_("The synthesis is published: the consulted draft can no longer change."))
        number = (consultation.drafts.aggregate(n=Max("number"))["n"] or 0) + 1
        draft = Draft.objects.create(consultation=consultation, number=number, title=title.strip(), note=note.strip())
        Article.objects.bulk_create([
            Article(draft=draft, position=i, section=s, number=n, title=t, body=b)
            for i, (s, n, t, b) in enumerate(articles)
        ])  # fmt: skip
        event("draft_added", actor, consultation, version=number, articles=len(articles))
    return draft


def add_question(
    *, actor: User, consultation: Consultation, kind: str, text: str, options: list[str], scale_max: int = 5
) -> Question:
    require(access.can_manage(actor, consultation), NOT_YOURS)
    options = [o.strip() for o in options if o.strip()]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(options) < 2:
        raise DomainError(_("A choice question needs at least 2 options."), field="options")
    if kind == QuestionKind.SCALE and not 2 <= scale_max <= 10:
        raise DomainError(_("A scale runs from 1 to a number between 2 and 10."), field="scale_max")
    with transaction.atomic():
        consultation = lock(consultation)
        require_not_published(consultation)
        position = (consultation.questions.aggregate(n=Max("position"))["n"] or 0) + 1
        question = Question.objects.create(
            consultation=consultation, position=position, kind=kind, text=text.strip(),
            options=options if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) else [],
            scale_max=scale_max if kind == QuestionKind.SCALE else 5,
        )  # fmt: skip
        event("question_added", actor, consultation, position=position, kind=kind)
    return question


def publish(*, actor: User, consultation: Consultation, published_on: dt.date) -> Consultation:
    """Law Art 28(1)–(2): published once the plan went to the People's Council and the commune Front;
    residents then have the window (at least 20 days, unless another law sets another period)."""
    require(access.can_manage(actor, consultation), NOT_YOURS)
    with transaction.atomic():
        consultation = lock(consultation)
        require_not_published(consultation)
        if rules.missing_recipients(consultation.plan_to_council_on, consultation.plan_to_front_on):
            raise DomainError(_("Send the plan to the People's Council and the commune Front first (Law Art 28(1))."))
        _check_window(consultation.window_days, consultation.other_law)
        consultation.published_on = published_on
        consultation.closes_on = rules.closes_on(published_on, consultation.window_days)
        consultation.save()
        event("published", actor, consultation, published_on=published_on.isoformat(),
              closes_on=consultation.closes_on.isoformat())  # fmt: skip
    return consultation


def link_opinion_map(*, actor: User, consultation: Consultation, opinion_map: Any) -> Consultation:
    """Item 5 of the consultation: the opinion map where residents vote on one another's statements. It must be
    a map of the consultation's commune or one of its villages, held by no other consultation."""
    require(access.can_manage(actor, consultation), NOT_YOURS)
    with transaction.atomic():
        consultation = lock(consultation)
        require_not_closed(consultation)
        if opinion_map is not None:
            if not opinion_map.unit.path.startswith(consultation.commune.path):
                raise DomainError(_("Choose an opinion map of this commune."), field="opinion_map")
            other = getattr(opinion_map, "consultation", None)
            if other is not None and other.pk != consultation.pk:
                raise DomainError(_("This opinion map belongs to another consultation."), field="opinion_map")
        consultation.opinion_map = opinion_map
        consultation.save(update_fields=["opinion_map"])
        event("opinion_map_linked", actor, consultation, opinion_map=opinion_map.pk if opinion_map else None)
    return consultation
