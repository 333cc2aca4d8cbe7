"""The residents' side (phone-first, no JavaScript): the next statement to vote on with three buttons,
writing a statement, one's own votes to change while open; and the public side: a unit's maps, a
published map's report (SVG and tables) and its CSV. No page names a resident, except the author of a
statement they chose to sign."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.core.downloads import attachment
from grassroots.core.forms import run_form
from grassroots.territory.models import Unit

from . import access, actions, charts, overview, reports
from .forms import StatementForm, VoteForm
from .models import OpinionMap, Statement

PER_PAGE = 20


def mine(request: HttpRequest) -> HttpResponse:
    """The open maps of the unit the resident lives in."""
    resident = access.resident_of(request.user)
    maps = list(overview.open_maps_for(resident)) if resident is not None else []
    return render(request, "opinion_maps/mine.html", {"maps": maps, "linked": resident is not None})


def _page(request: HttpRequest, m: OpinionMap, status: int = 200, form: StatementForm | None = None) -> HttpResponse:
    participant = overview.participant_of(m, getattr(request.user, "resident_id", None))
    done, votable = overview.progress(m, participant)
    votes = Paginator(overview.my_votes(participant), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "map": m,
        "open": m.accepts_votes(),
        "next": overview.next_statement(m, participant) if m.accepts_votes() else None,
        "done": done,
        "votable": votable,
        "votes": votes,
        "form": form or StatementForm(),
        "context_link": overview.consultation_link(m),
    }
    return render(request, "opinion_maps/take_part.html", context, status=status)


def take_part(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, access.access_for_resident(request.user, pk))


def _back(m: OpinionMap) -> str:
    return reverse("opinion_maps:take-part", args=[m.pk])


@require_POST
def write(request: HttpRequest, pk: int) -> HttpResponse:
    m = access.access_for_resident(request.user, pk)
    form = StatementForm(request.POST)
    return run_form(
        request, form, lambda d: actions.write_statement(actor=request.user, opinion_map=m, **d),  # type: ignore[arg-type]
        success=_back(m), page=lambda s: _page(request, m, s, form), done=_("Your statement is added."),
    )  # fmt: skip


@require_POST
def vote(request: HttpRequest, pk: int, statement_pk: int) -> HttpResponse:
    m = access.access_for_resident(request.user, pk)
    statement = get_object_or_404(Statement, pk=statement_pk, map=m)
    form = VoteForm(request.POST)
    return run_form(
        request, form, lambda d: actions.vote(actor=request.user, statement=statement, **d),  # type: ignore[arg-type]
        success=_back(m), page=lambda s: _page(request, m, s), done=_("Your vote is recorded."),
    )  # fmt: skip


@login_not_required
def unit_maps(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=code)
    page = Paginator(overview.unit_maps(unit.path), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "opinion_maps/unit.html", {"unit": unit, "page": page})


@login_not_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    m = access.published_map(pk)
    view = reports.view(m)
    statements = Statement.objects.filter(map=m, hidden_at__isnull=False).order_by("pk")
    context = {
        "map": m,
        "view": view,
        "scatter": charts.scatter(view.report.data) if view else "",
        "hidden": statements,
        "context_link": overview.consultation_link(m),
    }
    return render(request, "opinion_maps/report.html", context)


@login_not_required
def report_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Public once published; before that, only to the staff who see the map."""
    m = OpinionMap.objects.filter(pk=pk).select_related("unit").first()
    if m is None or not (m.is_published or (access.may_use_console(request.user) and _sees(request, m))):
        raise Http404
    return attachment(overview.report_csv(m), f"opinion-map-{m.pk}.csv", public=m.is_published)


def _sees(request: HttpRequest, m: OpinionMap) -> bool:
    try:
        access.access_map(request.user, m.pk)
    except Http404:
        return False
    return True
