"""The public side of the dialogues (Law Art 32): a commune's schedule and its dialogues with their
questions and published answers (an asker named only when they signed), the closed minutes, and the
resident's own questions and the form to ask one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.accounts.http import AuthedRequest, PublicRequest
from grassroots.core.forms import run_form

from . import access, actions, overview
from .forms import AskForm
from .models import Dialogue, Question
from .views import minutes_response


@login_not_required
def commune(request: PublicRequest, code: str) -> HttpResponse:
    c = access.public_commune(code)
    year = timezone.localdate().year
    context = {
        "commune": c,
        "this_year": overview.communes_in_year([c], year)[0],
        "dialogues": access.public_dialogues(c)[:50],
        **overview.next_and_last(c),
    }
    return render(request, "dialogues/public_commune.html", context)


def _page(
    request: PublicRequest | AuthedRequest, d: Dialogue, form: AskForm | None = None, status: int = 200
) -> HttpResponse:
    resident_commune = access.resident_commune(request.user)
    may_ask = resident_commune is not None and resident_commune.pk == d.commune_id and not d.is_held
    context = {
        "dialogue": d,
        "commune": d.commune,
        "questions": [(q, overview.public_answer(q)) for q in overview.public_questions(d)],
        "form": form or (AskForm() if may_ask else None),
        "minutes": d.is_closed,
    }
    return render(request, "dialogues/public_dialogue.html", context, status=status)


@login_not_required
def dialogue(request: PublicRequest, pk: int) -> HttpResponse:
    return _page(request, access.access_public_dialogue(pk))


@require_POST
def ask(request: AuthedRequest, pk: int) -> HttpResponse:
    d = access.access_public_dialogue(pk)
    commune = access.resident_commune(request.user)
    if commune is None or commune.pk != d.commune_id:
        raise Http404
    form = AskForm(request.POST)
    return run_form(
        request, form, lambda data: actions.ask_question(actor=request.user, dialogue=d, **data),
        success=lambda q: redirect(reverse("dialogues:public-dialogue", args=[d.pk]) + "#questions"),
        page=lambda s: _page(request, d, form, s), done=_("Your question is sent."),
    )  # fmt: skip


@login_not_required
def public_minutes(request: PublicRequest, pk: int, ext: str) -> HttpResponse:
    """The closed minutes, published with the dialogue."""
    d = access.access_public_dialogue(pk)
    if not d.is_closed:
        raise Http404
    return minutes_response(d, ext)


def mine(request: AuthedRequest) -> HttpResponse:
    """The resident's own questions, with their answers once published."""
    questions = (
        Question.objects.filter(asker_id=request.user.pk)
        .select_related("dialogue__commune")
        .order_by("-received_on")[:100]
    )
    commune = access.resident_commune(request.user)
    context = {
        "questions": [(q, overview.public_answer(q)) for q in questions],
        "commune": commune,
        "upcoming": access.public_dialogues(commune).filter(held_on__isnull=True) if commune else [],
    }
    return render(request, "dialogues/mine.html", context)
