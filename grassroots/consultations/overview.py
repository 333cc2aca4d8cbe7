"""Reads shared by the pages, the API and the open data: tallies, questionnaire results, threads by
article, the comparison of versions. Public reads never carry a resident's identity unless the resident
signed publicly (`Opinion.public_name`)."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse

from grassroots.accounts.models import AnyUser
from grassroots.territory.models import Unit

from . import rules
from .choices import Channel, QuestionKind, Stance
from .models import Article, Consultation, Draft, Opinion


def shown(consultation: Consultation) -> QuerySet[Opinion]:
    return consultation.opinions.filter(hidden_at__isnull=True)


def stances(consultation: Consultation) -> list[str]:
    return list(shown(consultation).values_list("stance", flat=True))


def opinion_authors(consultation: Consultation) -> list[int]:
    ids = consultation.opinions.filter(author__isnull=False).values_list("author_id", flat=True).distinct()
    return sorted({int(i) for i in ids})


@dataclass
class Tally:
    total: int
    by_stance: list[tuple[str, int, int]]  # label, count, percent
    by_channel: list[tuple[str, int, int]]
    majority: str | None
    hidden: int


def _rows(counter: Counter[str], labels: Any, total: int) -> list[tuple[str, int, int]]:
    return [(str(label), counter.get(value, 0), round(100 * counter.get(value, 0) / total) if total else 0)
            for value, label in labels]  # fmt: skip


def tally(consultation: Consultation) -> Tally:
    rows = list(consultation.opinions.values_list("stance", "channel", "hidden_at"))
    visible = [(s, c) for s, c, h in rows if h is None]
    total = len(visible)
    return Tally(
        total=total,
        by_stance=_rows(Counter(s for s, _c in visible), Stance.choices, total),
        by_channel=[r for r in _rows(Counter(c for _s, c in visible), Channel.choices, total) if r[1]],
        majority=rules.majority(s for s, _c in visible),
        hidden=len(rows) - total,
    )


@dataclass
class QuestionResult:
    text: str
    kind: str
    answered: int
    rows: list[tuple[str, int, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    average: float | None = None


def questionnaire(consultation: Consultation, *, with_texts: bool = True) -> list[QuestionResult]:
    """Counts per option (single and multiple choice), per step (scale), and the free texts; aggregated,
    never linked to whoever answered."""
    results = []
    for q in consultation.questions.prefetch_related("answers"):
        answers = list(q.answers.all())
        result = QuestionResult(text=q.text, kind=q.kind, answered=len(answers))
        n = len(answers) or 1
        if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            counts = Counter(i for a in answers for i in a.choices)
            result.rows = [(o, counts[i], round(100 * counts[i] / n)) for i, o in enumerate(q.options)]
        elif q.kind == QuestionKind.SCALE:
            counts = Counter(a.value for a in answers)
            result.rows = [(str(v), counts[v], round(100 * counts[v] / n)) for v in range(1, q.scale_max + 1)]
            values = [a.value for a in answers if a.value]
            result.average = round(sum(values) / len(values), 1) if values else None
        elif with_texts:
            result.texts = [a.text for a in answers if a.text]
        results.append(result)
    return results


def current_draft(consultation: Consultation) -> Draft | None:
    return consultation.drafts.order_by("-number").first()


def threads(draft: Draft) -> list[Article]:
    """The draft's articles, each with its opinions (hidden ones stay, shown by their reason)."""
    opinions = Opinion.objects.order_by("created_at", "pk")
    articles: list[Article] = list(
        draft.articles.prefetch_related(Prefetch("opinions", queryset=opinions, to_attr="thread")).annotate(
            agree=Count("opinions", filter=_visible(Stance.AGREE)),
            disagree=Count("opinions", filter=_visible(Stance.DISAGREE)),
        )
    )
    return articles


def _visible(stance: str) -> Any:
    from django.db.models import Q

    return Q(opinions__stance=stance, opinions__hidden_at__isnull=True)


def compare(old: Draft, new: Draft) -> list[tuple[str, str, list[str]]]:
    """Article by article (matched by number): ("added" | "removed" | "changed" | "same", label, diff)."""
    before = {a.number: a for a in old.articles.all()}
    after = {a.number: a for a in new.articles.all()}
    rows: list[tuple[str, str, list[str]]] = []
    for number in list(dict.fromkeys([*before, *after])):
        a, b = before.get(number), after.get(number)
        label = str(b or a)
        if a is None:
            rows.append(("added", label, []))
        elif b is None:
            rows.append(("removed", label, []))
        elif (a.title, a.body) == (b.title, b.body):
            rows.append(("same", label, []))
        else:
            diff = difflib.unified_diff(f"{a.title}\n{a.body}".splitlines(), f"{b.title}\n{b.body}".splitlines(),
                                        lineterm="", n=0)  # fmt: skip
            rows.append(("changed", label, [line for line in diff if line[:3] not in ("---", "+++", "@@ ")]))
    return rows


def my_opinions(user: AnyUser) -> QuerySet[Opinion]:
    """What became of the user's own opinions (Law Art 29: residents follow how they were used)."""
    if not user.is_authenticated:
        return Opinion.objects.none()
    return (
        Opinion.objects.filter(author=user).select_related("consultation", "group", "article").order_by("-created_at")
    )


def published_in(unit: Unit) -> QuerySet[Consultation]:
    """Published consultations of a commune (or of a village's commune), for the public pages."""
    commune = unit if unit.is_commune_level else unit.parent
    return (
        Consultation.objects.filter(commune=commune, published_on__isnull=False)
        .select_related("commune", "village")
        .order_by("-published_on", "-pk")
    )


def public_opinion(o: Opinion) -> dict[str, Any]:
    """An opinion as the public sees it: no identity unless signed publicly; a hidden one by its reason."""
    if o.hidden_at:
        return {"id": o.pk, "hidden": True, "reason": o.hidden_reason}
    return {
        "id": o.pk, "hidden": False, "article": o.article.number if o.article else None, "channel": o.channel,
        "stance": o.stance, "body": o.body, "given_on": o.given_on.isoformat(), "name": o.public_name or None,
        "group": o.group_id,
    }  # fmt: skip


def unit_by_code(code: str) -> Unit | None:
    """A commune or village by its code, for the public list."""
    unit = Unit.objects.filter(code=code).select_related("parent").first()
    return unit if unit is not None and (unit.is_commune_level or unit.is_village_level) else None


def opinion_maps_for(c: Consultation) -> QuerySet[Any]:
    """The opinion maps of the consultation's commune (and its villages) that no other consultation holds."""
    model = Consultation._meta.get_field("opinion_map").related_model
    return (
        model._default_manager.filter(unit__path__startswith=c.commune.path)  # type: ignore[union-attr]
        .filter(Q(consultation__isnull=True) | Q(consultation=c))
        .order_by("-pk")
    )


def opinion_map_link(c: Consultation, *, public: bool) -> str | None:
    """Where the consultation's page sends a reader for its opinion map: the published report, or (for those
    who take part or run it) the map itself."""
    found = c.opinion_map
    if found is None:
        return None
    if found.published_at is not None:
        return reverse("opinion_maps:report", args=[found.pk])
    return None if public and found.status == "draft" else reverse("opinion_maps:take-part", args=[found.pk])
