"""Pages of the tests, the scores, the certificates and the evaluation (issue 5, items 7 and 8)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts.http import AuthedRequest
from grassroots.core.errors import DomainError

from . import actions, quiz, rules
from .access import access_conference, can_organize
from .models import Conference, Delegate, Feedback, QuizAttempt
from .stats import bar_width_class


class QuizForm(forms.Form):
    """One group of radio buttons per question; nothing in it tells which option is correct."""

    def __init__(self, *args: Any, questions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, question in enumerate(questions, start=1):
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=f"{number}. {question.text}",
                choices=[(o.pk, o.text) for o in question.options.all()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer.")},
            )

    def chosen(self) -> dict[int, int]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


RATING_CHOICES = [(n, str(n)) for n in quiz.RATING_SCALE]


class FeedbackForm(forms.Form):
    content = forms.TypedChoiceField(
        label=_("Usefulness of the content"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    speakers = forms.TypedChoiceField(
        label=_("Clarity of the speakers"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    organization = forms.TypedChoiceField(
        label=_("Organization"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


def _article_url(question: Any) -> str:
    try:
        return str(question.article.get_absolute_url())
    except NoReverseMatch:
        return ""


# --- The delegate's tests ----------------------------------------------------------------------
def quiz_home(request: AuthedRequest, pk: int) -> HttpResponse:
    """The delegate's two tests and certificate; the organizers see a link to the scores."""
    conference = access_conference(request.user, pk)
    delegate = quiz.active_delegate(request.user, conference)
    attempts = {a.kind: a for a in QuizAttempt.objects.filter(delegate=delegate)} if delegate else {}
    today = timezone.localdate()
    tests = []
    for kind in QuizAttempt.Kind.values:
        attempt = attempts.get(kind)
        verdict = quiz.attempt_allowed(delegate, kind, today) if delegate and attempt is None else None
        result = quiz.Result(attempt.score, attempt.total) if attempt else None
        tests.append(
            {
                "kind": kind,
                "label": QuizAttempt.Kind(kind).label,
                "attempt": attempt,
                "result": result,
                "verdict": verdict,
            }
        )
    certificate = quiz.certificate_verdict(delegate) if delegate else None
    context = {
        "conference": conference,
        "delegate": delegate,
        "tests": tests,
        "certificate": certificate,
        "organizer": can_organize(request.user, conference.organizer_unit),
    }
    return render(request, "training/quiz/home.html", context)


@require_http_methods(["GET", "POST"])
def take(request: AuthedRequest, pk: int, kind: str) -> HttpResponse:
    """GET: the questions (or, once submitted, the review with explanations). POST: score and keep."""
    conference = access_conference(request.user, pk)
    if kind not in QuizAttempt.Kind.values:
        raise Http404
    delegate = quiz.active_delegate(request.user, conference)
    if delegate is None:
        raise Http404
    attempt = QuizAttempt.objects.filter(delegate=delegate, kind=kind).first()
    if attempt is not None:
        return _review(request, conference, attempt)
    verdict = quiz.attempt_allowed(delegate, kind, timezone.localdate())
    if not verdict.ok:
        messages.error(request, str(verdict.reason))
        return redirect("training:quiz", pk=pk)
    questions = quiz.load_questions(quiz.draw(conference, kind))
    form = QuizForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = actions.submit_quiz(conference, actor=request.user, kind=kind, chosen=form.chosen())
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("training:quiz-take", pk=pk, kind=kind)
    context = {
        "conference": conference,
        "form": form,
        "kind_label": QuizAttempt.Kind(kind).label,
        "questions": questions,
    }
    return render(request, "training/quiz/take.html", context, status=422 if request.method == "POST" else 200)


def _review(request: AuthedRequest, conference: Conference, attempt: QuizAttempt) -> HttpResponse:
    if request.method == "POST":
        messages.error(request, _("You have already taken this test."))
        return redirect("training:quiz", pk=conference.pk)
    items = []
    for item in quiz.review(attempt):
        options = [
            {"text": o.text, "chosen": o.pk == item.chosen, "correct": o.pk == item.correct}
            for o in item.question.options.all()
        ]
        items.append({"item": item, "options": options, "article_url": _article_url(item.question)})
    context = {
        "conference": conference,
        "attempt": attempt,
        "result": quiz.Result(attempt.score, attempt.total),
        "kind_label": QuizAttempt.Kind(attempt.kind).label,
        "items": items,
    }
    return render(request, "training/quiz/review.html", context)


# --- Scores and certificates -------------------------------------------------------------------
def scores(request: AuthedRequest, pk: int) -> HttpResponse:
    """For the organizers: the scores by delegate and by unit."""
    conference = access_conference(request.user, pk, organize=True)
    rows = quiz.scores_by_delegate(conference)
    units = quiz.scores_by_unit(rows)
    unit_rows = [
        {
            "u": u,
            "before_class": bar_width_class(u.before_percent or 0, 100),
            "after_class": bar_width_class(u.after_percent or 0, 100),
        }
        for u in units
    ]
    context = {
        "conference": conference,
        "rows": rows,
        "units": unit_rows,
        "pass_percent": quiz.percent(rules.QUIZ_PASS_SHARE),
    }
    return render(request, "training/quiz/scores.html", context)


def certificate(request: AuthedRequest, pk: int, delegate_pk: int) -> HttpResponse:
    """The certificate of completion as a PDF, for the delegate themself or the organizers."""
    conference = access_conference(request.user, pk)
    delegate = (
        Delegate.objects.filter(pk=delegate_pk, conference=conference)
        .select_related("user", "unit", "conference__organizer_unit")
        .first()
    )
    if delegate is None:
        raise Http404
    if delegate.user_id != request.user.pk and not can_organize(request.user, conference.organizer_unit):
        raise Http404
    verdict = quiz.certificate_verdict(delegate)
    if not verdict.ok:
        messages.error(request, str(verdict.reason))
        return redirect("training:quiz", pk=pk)
    response = HttpResponse(quiz.certificate_pdf(delegate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{conference.pk}-{delegate.pk}.pdf"'
    return response


# --- Evaluation --------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def feedback(request: AuthedRequest, pk: int) -> HttpResponse:
    conference = access_conference(request.user, pk)
    delegate = quiz.active_delegate(request.user, conference)
    if delegate is None:
        raise Http404
    sent = Feedback.objects.filter(delegate=delegate).exists()
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and not sent and form.is_valid():
        try:
            actions.submit_feedback(conference, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you for your evaluation."))
            return redirect("training:feedback", pk=pk)
    elif request.method == "POST" and sent:
        messages.error(request, _("You have already sent your evaluation."))
        return redirect("training:feedback", pk=pk)
    context = {"conference": conference, "form": form, "sent": sent, "attended": delegate.checked_in_at is not None}
    return render(request, "training/quiz/feedback.html", context, status=422 if request.method == "POST" else 200)


def feedback_results(request: AuthedRequest, pk: int) -> HttpResponse:
    """For the organizers: each rating as a bar chart (CSS classes, no script), and the comments."""
    conference = access_conference(request.user, pk, organize=True)
    summaries, comments = quiz.feedback_summary(conference)
    return render(
        request,
        "training/quiz/feedback_results.html",
        {"conference": conference, "summaries": summaries, "comments": comments},
    )
