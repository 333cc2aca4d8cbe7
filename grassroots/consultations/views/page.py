"""The list of consultations and the page of one: residents comment by article and answer the
questionnaire; staff see the steps they may take. Every write is one action through run_form."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.core.forms import run_form

from .. import access, actions, documents, overview
from ..choices import Stance, Status, TakeUp
from ..forms import (
    ConsultationForm,
    DecisionForm,
    DraftForm,
    EntryForm,
    GroupForm,
    HideForm,
    OpinionMapForm,
    PlanSentForm,
    PublishForm,
    QuestionForm,
    RespondForm,
    SlipForm,
    SynthesisForm,
    questionnaire_form,
    raw_answers,
)
from ..models import Consultation, Response

PER_PAGE = 30


def index(request: HttpRequest) -> HttpResponse:
    """The consultations the user may see (open ones first), the communes they may start one in, and
    what became of their own opinions."""
    consultations = access.visible_to(request.user).order_by("-published_on", "-pk")
    page = Paginator(consultations, PER_PAGE).get_page(request.GET.get("page"))
    mine = Paginator(overview.my_opinions(request.user), PER_PAGE).get_page(request.GET.get("mine"))
    context = {
        "page": page,
        "mine": mine,
        "communes": access.managed_communes(request.user),
        "household": access.home_household(request.user),
        "open": Status.OPEN,
    }
    return render(request, "consultations/index.html", context)


def new(request: HttpRequest, code: str) -> HttpResponse:
    commune = access.access_commune(request.user, code)
    villages = commune.children.order_by("path")
    form = ConsultationForm(request.POST or None, villages=villages)
    return run_form(
        request, form,
        lambda d: actions.create_consultation(actor=request.user, commune=commune, **d),  # type: ignore[arg-type]
        success=lambda c: redirect("consultations:detail", c.pk),
        template="consultations/new.html", context={"commune": commune}, done=_("The consultation is created."),
    )  # fmt: skip


def _page(request: HttpRequest, c: Consultation, status: int = 200, **forms: Any) -> HttpResponse:
    user = request.user
    manage, enter = access.can_manage(user, c), access.can_enter(user, c)
    draft = overview.current_draft(c)
    articles = overview.threads(draft) if draft else []
    questions = list(c.questions.all())
    household = access.home_household(user)
    taking_part = c.is_open and access.lives_in_scope(household, c)
    answered = taking_part and Response.objects.filter(consultation=c, author_id=user.pk).exists()
    closed = c.closed_at is not None
    synthesising = c.published_on is not None and not c.is_open and not c.synthesis_published_at
    today = timezone.localdate()
    tally = overview.tally(c)
    entry_villages = access.entry_villages(user, c)
    villages = c.commune.children.order_by("path")
    if entry_villages is not None:
        villages = villages.filter(pk__in=[v.pk for v in entry_villages])
    article_qs = draft.articles.all() if draft else None
    opinions = list(c.opinions.select_related("article", "group").order_by("pk")) if manage or enter else []
    context = {
        "c": c,
        "status": c.status(today),
        "draft": draft,
        "drafts": list(c.drafts.order_by("number")),
        "articles": articles,
        "questions": questions,
        "tally": tally,
        "results": overview.questionnaire(c, with_texts=manage),
        "groups": list(c.groups.prefetch_related("opinions")),
        "documents": documents.available(c),
        "manage": manage,
        "enter": enter,
        "taking_part": taking_part,
        "opinions": opinions,
        "ungrouped": [o for o in opinions if o.group_id is None and o.hidden_at is None],
        "questionnaire": forms.get("questionnaire") or (
            questionnaire_form(questions) if taking_part and questions and not answered else None
        ),
        "answered": answered,
        "plan_form": forms.get("plan_form") or (PlanSentForm(initial={"sent_on": today}) if manage and not closed
                                                else None),
        "opinion_map_url": overview.opinion_map_link(c, public=False),
        "map_form": forms.get("map_form") or (
            OpinionMapForm(initial={"opinion_map": c.opinion_map_id}, maps=overview.opinion_maps_for(c))
            if manage and not closed else None
        ),
        "draft_form": forms.get("draft_form") or (
            DraftForm() if manage and not c.synthesis_published_at and not closed else None
        ),
        "question_form": forms.get("question_form") or (QuestionForm() if manage and not c.published_on else None),
        "publish_form": forms.get("publish_form") or (
            PublishForm(initial={"published_on": today}) if manage and not c.published_on else None
        ),
        "entry_form": forms.get("entry_form") or (
            EntryForm(initial={"given_on": today}, articles=article_qs,
                      villages=villages)
            if enter and c.published_on and not closed else None
        ),
        "slip_form": forms.get("slip_form") or (SlipForm() if enter and questions and c.published_on and not closed
                                                else None),
        "slip_questions": forms.get("slip_questions") or (
            questionnaire_form(questions, auto_id="slip_%s") if enter and questions and c.published_on and not closed else None
        ),
        "group_form": forms.get("group_form") or (GroupForm() if manage and synthesising else None),
        "synthesising": manage and synthesising,
        "respond_form": RespondForm(),
        "synthesis_form": forms.get("synthesis_form") or (SynthesisForm() if manage and synthesising else None),
        "decision_form": forms.get("decision_form") or (
            DecisionForm(initial={"outcome": c.outcome, "decision_text": c.decision_text,
                                  "departure_explanation": c.departure_explanation})
            if manage and c.published_on and not c.is_open and not closed else None
        ),
        "can_close": manage and c.synthesis_published_at and not closed,
        "back": reverse("consultations:detail", args=[c.pk]),
        "stances": Stance.choices,
        "take_ups": TakeUp.choices,
        "hide_form": HideForm(),
        "majority_label": Stance(tally.majority).label if tally.majority else "",
    }  # fmt: skip
    return render(request, "consultations/detail.html", context, status=status)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, access.access_consultation(request.user, pk))


@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_consultation(request.user, pk)
    questions = list(c.questions.all())
    form = questionnaire_form(questions, request.POST)
    return run_form(
        request, form,
        lambda d: actions.answer_questionnaire(actor=request.user, consultation=c, raw=raw_answers(questions, d)),  # type: ignore[arg-type]
        success=reverse("consultations:detail", args=[c.pk]), page=lambda s: _page(request, c, s, questionnaire=form),
        done=_("Thank you: your answers are recorded."),
    )  # fmt: skip


def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions of the draft side by side, article by article."""
    c = access.access_consultation(request.user, pk)
    drafts = {d.number: d for d in c.drafts.all()}
    try:
        old, new = drafts[int(request.GET.get("a", 0))], drafts[int(request.GET.get("b", 0))]
    except (KeyError, ValueError):
        raise Http404 from None
    return render(request, "consultations/compare.html", {"c": c, "old": old, "new": new,
                                                          "rows": overview.compare(old, new)})  # fmt: skip
