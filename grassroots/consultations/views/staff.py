"""The staff's steps on a consultation's page: each a POST through one action, back to the page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.core.downloads import attachment
from grassroots.core.forms import Confirmation, run_action, run_form
from grassroots.core.official.paper import EXTENSIONS

from .. import access, actions, documents, overview
from ..forms import (
    AssignForm,
    DecisionForm,
    DraftForm,
    EntryForm,
    GroupForm,
    HideForm,
    OpinionForm,
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
from ..models import Consultation, Opinion, OpinionGroup
from .page import _page


def _back(c: Consultation) -> str:
    return reverse("consultations:detail", args=[c.pk])


@require_POST
def plan_sent(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_managed(request.user, pk)
    form = PlanSentForm(request.POST)
    return run_form(
        request, form, lambda d: actions.record_plan_sent(actor=request.user, consultation=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, plan_form=form), done=_("The sending is recorded."),
    )  # fmt: skip


@require_POST
def opinion_map(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_managed(request.user, pk)
    form = OpinionMapForm(request.POST, maps=overview.opinion_maps_for(c))
    return run_form(
        request, form, lambda d: actions.link_opinion_map(actor=request.user, consultation=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, map_form=form), done=_("The opinion map is linked."),
    )  # fmt: skip


@require_POST
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_managed(request.user, pk)
    form = DraftForm(request.POST)
    return run_form(
        request, form, lambda d: actions.add_draft(actor=request.user, consultation=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, draft_form=form), done=_("The draft is saved."),
    )  # fmt: skip


@require_POST
def question(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_managed(request.user, pk)
    form = QuestionForm(request.POST)
    return run_form(
        request, form, lambda d: actions.add_question(actor=request.user, consultation=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, question_form=form), done=_("The question is added."),
    )  # fmt: skip


@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_managed(request.user, pk)
    form = PublishForm(request.POST)
    confirm = Confirmation(
        title=_("Publish the consultation"),
        consequence=_("Residents can give their opinions from this day; the plan and the questions can no longer "
                      "change."),
        button=_("Publish"), back=_back(c),
    )  # fmt: skip
    return run_form(
        request, form, lambda d: actions.publish(actor=request.user, consultation=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, publish_form=form),
        done=_("The consultation is published."), confirm=confirm,
    )  # fmt: skip


@require_POST
def opinion(request: HttpRequest, pk: int) -> HttpResponse:
    """A resident's own opinion, on the whole draft or on one article."""
    c = access.access_consultation(request.user, pk)
    draft = c.drafts.order_by("-number").first()
    form = OpinionForm(request.POST, articles=draft.articles.all() if draft else None)
    return run_form(
        request, form, lambda d: actions.give_opinion(actor=request.user, consultation=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s), done=_("Thank you: your opinion is recorded."),
        refused_to=_back(c),
    )  # fmt: skip


@require_POST
def enter(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_consultation(request.user, pk)
    if not access.can_enter(request.user, c):
        raise Http404
    draft = c.drafts.order_by("-number").first()
    villages = c.commune.children.all()
    form = EntryForm(request.POST, articles=draft.articles.all() if draft else None, villages=villages)
    return run_form(
        request, form, lambda d: actions.enter_opinion(actor=request.user, consultation=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, entry_form=form), done=_("The opinion is entered."),
    )  # fmt: skip


@require_POST
def slip(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_consultation(request.user, pk)
    if not access.can_enter(request.user, c):
        raise Http404
    questions = list(c.questions.all())
    slip_form, answers = SlipForm(request.POST), questionnaire_form(questions, request.POST, auto_id="slip_%s")
    answers.is_valid()
    return run_form(
        request, slip_form,
        lambda d: actions.enter_slip(actor=request.user, consultation=c, slip=d["slip"],  # type: ignore[arg-type]
                                     raw=raw_answers(questions, answers.cleaned_data)),
        success=_back(c), page=lambda s: _page(request, c, s, slip_form=slip_form, slip_questions=answers),
        done=_("The slip is entered."),
    )  # fmt: skip


@require_POST
def hide(request: HttpRequest, pk: int, opinion: int) -> HttpResponse:
    c = access.access_managed(request.user, pk)
    o = get_object_or_404(Opinion, pk=opinion, consultation=c)
    form = HideForm(request.POST)
    return run_form(
        request, form, lambda d: actions.hide_opinion(actor=request.user, opinion=o, **d),  # type: ignore[arg-type]
        success=_back(c), refused_to=_back(c), page=lambda s: _page(request, c, s),
        done=_("The opinion is hidden; its reason is shown in its place."),
    )  # fmt: skip


@require_POST
def group(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_managed(request.user, pk)
    form = GroupForm(request.POST)
    return run_form(
        request, form, lambda d: actions.create_group(actor=request.user, consultation=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, group_form=form), done=_("The group is created."),
    )  # fmt: skip


def _group(c: Consultation, request: HttpRequest) -> OpinionGroup:
    try:
        return OpinionGroup.objects.get(pk=int(request.POST.get("group", "")), consultation=c)
    except (ValueError, OpinionGroup.DoesNotExist):
        raise Http404 from None


@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_managed(request.user, pk)
    g = _group(c, request)
    form = AssignForm(request.POST, opinion_ids=list(c.opinions.values_list("pk", flat=True)))
    return run_form(
        request, form, lambda d: actions.assign_opinions(actor=request.user, group=g, opinion_ids=d["opinions"]),  # type: ignore[arg-type]
        success=_back(c), refused_to=_back(c), page=lambda s: _page(request, c, s),
        done=_("The opinions are grouped."),
    )  # fmt: skip


@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_managed(request.user, pk)
    g = _group(c, request)
    form = RespondForm(request.POST)
    return run_form(
        request, form,
        lambda d: actions.respond(actor=request.user, group=g, take_up=d["take_up"], explanation=d["explanation"]),  # type: ignore[arg-type]
        success=_back(c), refused_to=_back(c), page=lambda s: _page(request, c, s),
        done=_("The take-up is recorded."),
    )  # fmt: skip


@require_POST
def synthesis(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_managed(request.user, pk)
    form = SynthesisForm(request.POST)
    confirm = Confirmation(
        title=_("Publish the synthesis"),
        consequence=_("The synthesis, the take-up and the explanations are published for everyone (Law Art 28(3)) "
                      "and can no longer change; residents who gave an opinion are told."),
        button=_("Publish the synthesis"), back=_back(c),
    )  # fmt: skip
    return run_form(
        request, form, lambda d: actions.publish_synthesis(actor=request.user, consultation=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, synthesis_form=form),
        done=_("The synthesis is published."), confirm=confirm,
    )  # fmt: skip


@require_POST
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_managed(request.user, pk)
    form = DecisionForm(request.POST)
    return run_form(
        request, form, lambda d: actions.record_decision(actor=request.user, consultation=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, decision_form=form),
        done=_("The decision is recorded."),
    )  # fmt: skip


@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_managed(request.user, pk)
    confirm = Confirmation(
        title=_("Close the consultation"), consequence=_("Nothing in this consultation can change afterwards."),
        button=_("Close"), back=_back(c),
    )  # fmt: skip
    return run_action(
        request, lambda: actions.close(actor=request.user, consultation=c),  # type: ignore[arg-type]
        done=_("The consultation is closed."), then=_back(c), confirm=confirm,
    )  # fmt: skip


def document(request: HttpRequest, pk: int, kind: str, ext: str) -> HttpResponse:
    c = access.access_consultation(request.user, pk)
    if kind not in documents.available(c) or ext not in EXTENSIONS:
        raise Http404
    if kind == "dossier" and not access.can_manage(request.user, c):
        raise Http404
    return attachment(documents.render(c, kind, ext), documents.filename(c, kind, ext))
