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
from grassroots.core.downloads import attachment
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


def _test_rows(delegate: Delegate | None) -> list[dict[str, Any]]:
    """Each test with its best attempt, the latest one (for the review), the attempts left and whether it
    may be taken now."""
    attempts = list(QuizAttempt.objects.filter(delegate=delegate)) if delegate else []
    now = timezone.now()
    tests = []
    for kind in QuizAttempt.Kind.values:
        mine = sorted((a for a in attempts if a.kind == kind), key=lambda a: a.number)
        best = quiz.best(mine)
        tests.append(
            {
                "kind": kind,
                "label": QuizAttempt.Kind(kind).label,
                "attempt": best,
                "result": quiz.Result(best.score, best.total) if best else None,
                "taken": len(mine),
                "left": quiz.attempts_left(delegate, attempts) if delegate and kind == QuizAttempt.Kind.AFTER else 0,
                "verdict": quiz.attempt_allowed(delegate, kind, now) if delegate else None,
            }
        )
    return tests


# --- The delegate's tests ----------------------------------------------------------------------
def quiz_home(request: AuthedRequest, pk: int) -> HttpResponse:
    """The delegate's two tests and certificate; the organizers see a link to the scores."""
    conference = access_conference(request.user, pk)
    delegate = quiz.active_delegate(request.user, conference)
    certificate = quiz.certificate_verdict(delegate) if delegate else None
    context = {
        "conference": conference,
        "delegate": delegate,
        "tests": _test_rows(delegate),
        "certificate": certificate,
        "organizer": can_organize(request.user, conference.organizer_unit),
        "allowed": conference.after_test_attempts,
    }
    return render(request, "training/quiz/home.html", context)


@require_http_methods(["GET", "POST"])
def take(request: AuthedRequest, pk: int, kind: str) -> HttpResponse:
    """GET: the questions, or, once sent, the review of the latest attempt with explanations (`?again=1`:
    the questions again, while attempts are left). POST: score and keep."""
    conference = access_conference(request.user, pk)
    if kind not in QuizAttempt.Kind.values:
        raise Http404
    delegate = quiz.active_delegate(request.user, conference)
    if delegate is None:
        raise Http404
    attempts = list(QuizAttempt.objects.filter(delegate=delegate, kind=kind).order_by("number"))
    verdict = quiz.attempt_allowed(delegate, kind, timezone.now())
    if request.method == "GET" and attempts and not (verdict.ok and request.GET.get("again")):
        return _review(request, conference, delegate, attempts[-1], verdict)
    if not verdict.ok:
        messages.error(request, str(verdict.reason))
        return redirect("training:quiz", pk=pk)
    questions = quiz.load_questions(quiz.draw(conference, kind))
    form = QuizForm(request.POST or None, questions=questions)
    number = len(attempts) + 1
    if request.method == "POST" and form.is_valid():
        sent = request.POST.get("attempt", "")
        try:
            actions.submit_quiz(
                conference,
                actor=request.user,
                kind=kind,
                chosen=form.chosen(),
                number=int(sent) if sent.isdigit() and len(sent) <= 3 else None,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("training:quiz-take", pk=pk, kind=kind)
    context = {
        "conference": conference,
        "form": form,
        "kind_label": QuizAttempt.Kind(kind).label,
        "questions": questions,
        "number": number,
        "allowed": conference.after_test_attempts if kind == QuizAttempt.Kind.AFTER else 1,
    }
    return render(request, "training/quiz/take.html", context, status=422 if request.method == "POST" else 200)


def _review(
    request: AuthedRequest, conference: Conference, delegate: Delegate, attempt: QuizAttempt, verdict: quiz.Verdict
) -> HttpResponse:
    items = []
    for item in quiz.review(attempt):
        options = [
            {"text": o.text, "chosen": o.pk == item.chosen, "correct": o.pk == item.correct}
            for o in item.question.options.all()
        ]
        items.append({"item": item, "options": options, "article_url": _article_url(item.question)})
    after = attempt.kind == QuizAttempt.Kind.AFTER
    context = {
        "conference": conference,
        "attempt": attempt,
        "result": quiz.Result(attempt.score, attempt.total),
        "kind_label": QuizAttempt.Kind(attempt.kind).label,
        "items": items,
        "after": after,
        "allowed": conference.after_test_attempts,
        "again": verdict.ok and after,
        "left": quiz.attempts_left(delegate, list(QuizAttempt.objects.filter(delegate=delegate))) if after else 0,
        "reason": "" if verdict.ok or not after else verdict.reason,
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
    return attachment(quiz.certificate_pdf(delegate), f"certificate-{conference.pk}-{delegate.pk}.pdf")


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
