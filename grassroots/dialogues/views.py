"""The console of the dialogues (Law Art 32): the communes a user sees with this year's standing (flagged
when nothing is held or scheduled), a commune's dialogues and the schedule form, and one dialogue's steps
(the Front's agreement, the notice, the questions by channel, the holding, the answers, the conclusion and
the minutes). Every write is one action through core.forms.run_form / run_action; holding and closing ask
for confirmation first."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.core.downloads import attachment
from grassroots.core.forms import Confirmation, run_action, run_form
from grassroots.core.official.paper import EXTENSIONS

from . import access, actions, documents, overview, rules
from .forms import AnswerForm, ConclusionForm, FrontForm, HideForm, HoldForm, NoticeForm, QuestionForm, ScheduleForm
from .models import Dialogue


def console(request: HttpRequest) -> HttpResponse:
    communes = access.console_communes(request.user)
    if not communes:
        raise Http404
    if len(communes) == 1:
        return redirect("dialogues:commune", communes[0].code)
    year = timezone.localdate().year
    return render(request, "dialogues/console.html", {"rows": overview.communes_in_year(communes, year)})


def commune(request: HttpRequest, code: str) -> HttpResponse:
    c = access.access_console_commune(request.user, code)
    can_manage = access.can_manage(request.user, c)
    if request.method == "POST" and not can_manage:
        raise Http404
    year = timezone.localdate().year
    context = {
        "commune": c,
        "this_year": overview.communes_in_year([c], year)[0],
        "last_year": overview.communes_in_year([c], year - 1)[0],
        "dialogues": Dialogue.objects.filter(commune=c).order_by("-planned_on")[:50],
        "can_manage": can_manage,
        "deadline": rules.year_deadline(year),
        "warning": rules.warning_starts(year),
    }
    return run_form(
        request, ScheduleForm(request.POST or None),
        lambda d: actions.schedule_dialogue(actor=request.user, commune=c, **d),  # type: ignore[arg-type]
        success=lambda d: redirect("dialogues:dialogue", d.pk), template="dialogues/commune.html", context=context,
        done=_("The dialogue is scheduled. Record the Front's agreement, then publish the notice."),
    )  # fmt: skip


def _villages(dialogue: Dialogue) -> Any:
    return access.villages_of(dialogue.commune)


def _page(request: HttpRequest, d: Dialogue, status: int = 200, **forms: Any) -> HttpResponse:
    user, c = request.user, d.commune
    manage = access.can_manage(user, c)
    held, closed = d.is_held, d.is_closed
    questions = list(d.questions.select_related("village", "answered_by").order_by("received_on", "pk"))
    context = {
        "dialogue": d,
        "commune": c,
        "questions": questions,
        "can_manage": manage and not closed,
        "notice_in_time": bool(d.notice_published_on and rules.notice_in_time(d.notice_published_on, d.planned_on)),
        "notice_days": rules.NOTICE_DAYS,
        "front_form": forms.get("front_form")
        or (FrontForm() if access.can_agree_for_front(user, c) and not held and not d.front_agreed_on else None),
        "notice_form": forms.get("notice_form")
        or (NoticeForm() if manage and d.front_agreed_on and not d.is_published else None),
        "question_form": forms.get("question_form")
        or (QuestionForm(villages=_villages(d)) if access.can_enter_questions(user, c) and not closed else None),
        "hold_form": forms.get("hold_form") or (HoldForm() if manage and d.is_published and not held else None),
        "conclusion_form": forms.get("conclusion_form")
        or (ConclusionForm(initial={"conclusion": d.conclusion}) if manage and held and not closed else None),
        "answer_form": AnswerForm(),
        "hide_form": HideForm(),
        "can_close": manage and held and not closed,
        "minutes": documents.available(d),
    }
    return render(request, "dialogues/dialogue.html", context, status=status)


def dialogue(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, access.access_console_dialogue(request.user, pk))


def _back(d: Dialogue) -> str:
    return reverse("dialogues:dialogue", args=[d.pk])


@require_POST
def agree(request: HttpRequest, pk: int) -> HttpResponse:
    d = access.access_console_dialogue(request.user, pk)
    form = FrontForm(request.POST)
    return run_form(
        request, form, lambda data: actions.agree_for_front(actor=request.user, dialogue=d, **data),  # type: ignore[arg-type]
        success=_back(d), page=lambda s: _page(request, d, s, front_form=form),
        done=_("The Front's agreement is recorded."),
    )  # fmt: skip


@require_POST
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    d = access.access_console_dialogue(request.user, pk)
    form = NoticeForm(request.POST)
    return run_form(
        request, form, lambda data: actions.publish_notice(actor=request.user, dialogue=d, **data),  # type: ignore[arg-type]
        success=_back(d), page=lambda s: _page(request, d, s, notice_form=form), refused_to=_back(d),
        done=_("The notice is published: residents see the dialogue and may send questions."),
    )  # fmt: skip


@require_POST
def enter_question(request: HttpRequest, pk: int) -> HttpResponse:
    d = access.access_console_dialogue(request.user, pk)
    form = QuestionForm(request.POST, villages=_villages(d))
    return run_form(
        request, form, lambda data: actions.enter_question(actor=request.user, dialogue=d, **data),  # type: ignore[arg-type]
        success=_back(d) + "#questions", page=lambda s: _page(request, d, s, question_form=form),
        done=_("The question is recorded."),
    )  # fmt: skip


@require_POST
def hold(request: HttpRequest, pk: int) -> HttpResponse:
    d = access.access_console_dialogue(request.user, pk)
    form = HoldForm(request.POST)
    confirm = Confirmation(
        title=_("Record the dialogue as held"),
        consequence=_(
            "The dialogue is recorded as held on its scheduled day; residents can no longer send questions online."
        ),
        button=_("Record as held"),
        back=_back(d),
    )
    return run_form(
        request, form, lambda data: actions.hold_dialogue(actor=request.user, dialogue=d, **data),  # type: ignore[arg-type]
        success=_back(d), page=lambda s: _page(request, d, s, hold_form=form), confirm=confirm, refused_to=_back(d),
        done=_("The dialogue is recorded as held. Record the answers and the conclusion."),
    )  # fmt: skip


@require_POST
def conclusion(request: HttpRequest, pk: int) -> HttpResponse:
    d = access.access_console_dialogue(request.user, pk)
    form = ConclusionForm(request.POST)
    return run_form(
        request, form, lambda data: actions.record_conclusion(actor=request.user, dialogue=d, **data),  # type: ignore[arg-type]
        success=_back(d), page=lambda s: _page(request, d, s, conclusion_form=form), refused_to=_back(d),
        done=_("The conclusion is saved."),
    )  # fmt: skip


@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    d = access.access_console_dialogue(request.user, pk)
    confirm = Confirmation(
        title=_("Close the minutes"),
        consequence=_("The minutes can no longer change; they are published with the dialogue."),
        button=_("Close the minutes"),
        back=_back(d),
    )
    return run_action(
        request, lambda: actions.close_minutes(actor=request.user, dialogue=d),  # type: ignore[arg-type]
        done=_("The minutes are closed."), then=_back(d), confirm=confirm,
    )  # fmt: skip


@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    q = access.access_console_question(request.user, pk)
    d = q.dialogue
    form = AnswerForm(request.POST)
    return run_form(
        request, form, lambda data: actions.record_answer(actor=request.user, question=q, **data),  # type: ignore[arg-type]
        success=_back(d) + "#questions", page=lambda s: _page(request, d, s), refused_to=_back(d),
        done=_("The answer is recorded. Publish it when it is final."),
    )  # fmt: skip


@require_POST
def publish_answer(request: HttpRequest, pk: int) -> HttpResponse:
    q = access.access_console_question(request.user, pk)
    return run_action(
        request, lambda: actions.publish_answer(actor=request.user, question=q),  # type: ignore[arg-type]
        done=_("The answer is published."), then=_back(q.dialogue) + "#questions",
    )  # fmt: skip


@require_POST
def hide_question(request: HttpRequest, pk: int) -> HttpResponse:
    q = access.access_console_question(request.user, pk)
    form = HideForm(request.POST)
    return run_form(
        request, form, lambda data: actions.hide_question(actor=request.user, question=q, **data),  # type: ignore[arg-type]
        success=_back(q.dialogue) + "#questions", page=lambda s: _page(request, q.dialogue, s),
        refused_to=_back(q.dialogue), done=_("The question is hidden; it stays here with its reason."),
    )  # fmt: skip


def minutes_response(d: Dialogue, ext: str) -> HttpResponse:
    if not documents.available(d) or ext not in EXTENSIONS:
        raise Http404
    return attachment(documents.render(d, ext), documents.filename(d, ext))


def minutes(request: HttpRequest, pk: int, ext: str) -> HttpResponse:
    """The minutes as PDF or DOCX (a draft until closed)."""
    return minutes_response(access.access_console_dialogue(request.user, pk), ext)
