"""Pages of the questions and answers, the FAQ and the difficulties (issue 5, items 5 and 6)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from grassroots.accounts.http import AuthedRequest
from grassroots.core.errors import DomainError

from . import actions, qa
from .access import (
    access_conference,
    access_difficulty,
    can_answer_difficulty,
    can_manage_difficulty,
    can_organize,
    can_read_faq,
    can_take_part,
    conferences_for,
    reporting_units,
)
from .forms import AnswerForm, AskForm, AssignForm, DifficultyForm, ResponseForm
from .models import Conference, Difficulty, Question

LIVE_REFRESH_SECONDS = 10
PAGE_SIZE = 30


def _fail(request: AuthedRequest, exc: DomainError) -> None:
    messages.error(request, exc.message)


# --- The conference's questions --------------------------------------------------------------------
def _board_context(request: AuthedRequest, conference: Conference, form: AskForm | None = None) -> dict[str, Any]:
    moderator = can_organize(request.user, conference.organizer_unit)
    return {
        "conference": conference,
        "board": qa.board(conference, request.user, moderator=moderator),
        "moderator": moderator,
        "can_ask": can_take_part(request.user, conference) and conference.status != Conference.Status.CLOSED,
        "form": form or AskForm(conference=conference),
    }


@require_http_methods(["GET", "POST"])
def question_board(request: AuthedRequest, pk: int) -> HttpResponse:
    """Ask a question; see the queue (and vote), the answers, and your questions waiting for the moderator.
    The moderator also approves, orders and hides questions here."""
    conference = access_conference(request.user, pk)
    if request.method == "POST":
        form = AskForm(request.POST, conference=conference)
        if form.is_valid():
            try:
                actions.ask_question(
                    conference,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                    session=form.cleaned_data["session"],
                )
            except DomainError as exc:
                _fail(request, exc)
            else:
                messages.success(
                    request, _("Your question was sent. It appears in the queue once the moderator approves it.")
                )
            return redirect("training:questions", pk=conference.pk)
        return render(request, "training/qa/board.html", _board_context(request, conference, form), status=422)
    return render(request, "training/qa/board.html", _board_context(request, conference))


@vary_on_headers("HX-Request")
def live_queue(request: AuthedRequest, pk: int) -> HttpResponse:
    """The queue for the screen in the hall; htmx reloads the list every few seconds."""
    conference = access_conference(request.user, pk)
    context = {"conference": conference, "queue": qa.live_queue(conference), "refresh": LIVE_REFRESH_SECONDS}
    template = "training/qa/live.html#queue" if getattr(request, "htmx", False) else "training/qa/live.html"
    return render(request, template, context)


def _question(request: AuthedRequest, pk: int, question_pk: int) -> Question:
    conference = access_conference(request.user, pk)
    question = (
        Question.objects.filter(pk=question_pk, conference=conference)
        .select_related("conference__organizer_unit", "session")
        .first()
    )
    if question is None:
        raise Http404
    moderator = can_organize(request.user, conference.organizer_unit)
    # A question waiting for the moderator is seen by its author; a hidden one by the moderator only.
    if question.status == Question.Status.PENDING and not (moderator or question.asked_by_id == request.user.pk):
        raise Http404
    if question.status == Question.Status.HIDDEN and not moderator:
        raise Http404
    return question


@require_POST
@vary_on_headers("HX-Request")
def vote(request: AuthedRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _question(request, pk, question_pk)
    try:
        counted = actions.upvote(question, actor=request.user)
    except DomainError as exc:
        if getattr(request, "htmx", False):
            return HttpResponse(exc.message, status=409)
        _fail(request, exc)
    else:
        if not counted and not getattr(request, "htmx", False):
            messages.info(request, _("You have already voted for this question."))
    if getattr(request, "htmx", False):
        row = qa.with_votes(Question.objects.filter(pk=question.pk)).get()
        context = {
            "q": row,
            "conference": question.conference,
            "voted": True,
            "moderator": False,
            "position": None,
            "last": None,
        }
        return render(request, "training/qa/board.html#vote", context)
    return redirect("training:questions", pk=pk)


def _moderate(request: AuthedRequest, pk: int, question_pk: int, act: Any, done: str) -> HttpResponse:
    question = _question(request, pk, question_pk)
    try:
        act(question)
    except DomainError as exc:
        _fail(request, exc)
    else:
        if done:
            messages.success(request, done)
    return redirect(f"{_board_url(pk)}#queue")


def _board_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("training:questions", args=[pk])


@require_POST
def approve(request: AuthedRequest, pk: int, question_pk: int) -> HttpResponse:
    return _moderate(
        request,
        pk,
        question_pk,
        lambda q: actions.approve_question(q, actor=request.user),
        str(_("Added to the queue.")),
    )


@require_POST
def hide(request: AuthedRequest, pk: int, question_pk: int) -> HttpResponse:
    return _moderate(
        request,
        pk,
        question_pk,
        lambda q: actions.hide_question(q, actor=request.user),
        str(_("The question is hidden.")),
    )


@require_POST
def move(request: AuthedRequest, pk: int, question_pk: int) -> HttpResponse:
    up = request.POST.get("direction") != "down"
    return _moderate(request, pk, question_pk, lambda q: actions.move_question(q, actor=request.user, up=up), "")


@require_POST
def order_by_votes(request: AuthedRequest, pk: int) -> HttpResponse:
    conference = access_conference(request.user, pk)
    try:
        actions.order_queue_by_votes(conference, actor=request.user)
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The queue is now in order of votes."))
    return redirect(f"{_board_url(pk)}#queue")


@require_http_methods(["GET", "POST"])
def answer(request: AuthedRequest, pk: int, question_pk: int) -> HttpResponse:
    """Record the speaker's answer (organizers only)."""
    question = _question(request, pk, question_pk)
    conference = question.conference
    if not can_organize(request.user, conference.organizer_unit):
        raise Http404
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                actions.record_answer(
                    question,
                    actor=request.user,
                    answer=form.cleaned_data["answer"],
                    answered_by=form.cleaned_data["answered_by"],
                    publish=form.cleaned_data["publish"],
                )
            except DomainError as exc:
                _fail(request, exc)
            else:
                messages.success(request, _("The answer is recorded."))
                return redirect("training:questions", pk=pk)
        status = 422
    else:
        speaker = question.answered_by or (question.session.speaker if question.session else "")
        form = AnswerForm(
            initial={
                "answer": question.answer,
                "answered_by": speaker,
                "publish": question.in_faq or not question.answer,
            }
        )
        status = 200
    return render(
        request,
        "training/qa/answer.html",
        {"conference": conference, "question": question, "form": form},
        status=status,
    )


# --- The FAQ -------------------------------------------------------------------------------------
def faq(request: AuthedRequest) -> HttpResponse:
    """Published answers for everyone who runs grassroots democracy, searchable without accents."""
    if not can_read_faq(request.user):
        raise Http404
    q = request.GET.get("q", "")[:200]
    page = Paginator(qa.faq(q), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/qa/faq.html", {"page": page, "q": q})


# --- Difficulties ------------------------------------------------------------------------------
STATUS_FILTERS = ("unanswered", *Difficulty.Status.values)


def difficulty_list(request: AuthedRequest) -> HttpResponse:
    """For the steering committee: the difficulties raised under its units, open or answered, with counts."""
    visible = qa.difficulties_for(request.user)
    conferences = conferences_for(request.user)
    conference_id = request.GET.get("conference", "")
    if conference_id.isdigit() and len(conference_id) <= 12:
        visible = visible.filter(conference_id=int(conference_id))
    else:
        conference_id = ""
    counts = qa.difficulty_counts(visible)
    status = request.GET.get("status", "")
    if status == "unanswered":
        visible = visible.exclude(status=Difficulty.Status.ANSWERED)
    elif status in Difficulty.Status.values:
        visible = visible.filter(status=status)
    else:
        status = ""
    page = Paginator(visible.order_by("status", "-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "counts": counts,
        "status": status,
        "statuses": [("unanswered", _("not yet answered")), *Difficulty.Status.choices],
        "conference_id": conference_id,
        "conferences": conferences,
        "can_report": bool(reporting_units(request.user)),
    }
    return render(request, "training/qa/difficulty_list.html", context)


@require_http_methods(["GET", "POST"])
def difficulty_new(request: AuthedRequest) -> HttpResponse:
    """A unit reports a difficulty, optionally at a conference (?conference=<id>)."""
    units = reporting_units(request.user)
    if not units:
        raise Http404
    raw = request.POST.get("conference") or request.GET.get("conference") or ""
    conference = access_conference(request.user, int(raw)) if raw.isdigit() and len(raw) <= 12 else None
    form = DifficultyForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            difficulty = actions.raise_difficulty(
                actor=request.user,
                unit=form.cleaned_data["unit"],
                text=form.cleaned_data["text"],
                conference=conference,
            )
        except DomainError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("The difficulty is recorded; the steering committee will assign it."))
            return redirect("training:difficulty", pk=difficulty.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "training/qa/difficulty_new.html", {"form": form, "conference": conference}, status=status)


def _difficulty_context(request: AuthedRequest, difficulty: Difficulty, **forms_: Any) -> dict[str, Any]:
    manage = can_manage_difficulty(request.user, difficulty)
    respond = can_answer_difficulty(request.user, difficulty)
    return {
        "difficulty": difficulty,
        "can_assign": manage and difficulty.status != Difficulty.Status.ANSWERED,
        "can_respond": respond,
        "assign_form": forms_.get("assign_form") or (AssignForm(difficulty=difficulty) if manage else None),
        "response_form": forms_.get("response_form") or ResponseForm(),
    }


def difficulty_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    difficulty = access_difficulty(request.user, pk)
    return render(request, "training/qa/difficulty_detail.html", _difficulty_context(request, difficulty))


@require_POST
def difficulty_assign(request: AuthedRequest, pk: int) -> HttpResponse:
    difficulty = access_difficulty(request.user, pk)
    if not can_manage_difficulty(request.user, difficulty):
        raise Http404
    form = AssignForm(request.POST, difficulty=difficulty)
    if not form.is_valid():
        context = _difficulty_context(request, difficulty, assign_form=form)
        return render(request, "training/qa/difficulty_detail.html", context, status=422)
    try:
        actions.assign_difficulty(difficulty, actor=request.user, assignee=form.cleaned_data["assignee"])
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The difficulty is assigned."))
    return redirect("training:difficulty", pk=pk)


@require_POST
def difficulty_respond(request: AuthedRequest, pk: int) -> HttpResponse:
    difficulty = access_difficulty(request.user, pk)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        context = _difficulty_context(request, difficulty, response_form=form)
        return render(request, "training/qa/difficulty_detail.html", context, status=422)
    try:
        actions.answer_difficulty(difficulty, actor=request.user, response=form.cleaned_data["response"])
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The response is recorded."))
    return redirect("training:difficulty", pk=pk)
