"""The console of opinion maps (commune officials and the chair): the maps of the commune and a new one,
one map's steps (statements to start with, opening, moderation, closing, the report, publishing). Every
write is one action through core.forms.run_form / run_action; irreversible steps ask first."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.core.forms import Confirmation, run_action, run_form

from . import access, actions, charts, overview, reports, rules
from .forms import HideForm, MapForm, SeedForm
from .models import OpinionMap, Statement

PER_PAGE = 50


def console(request: HttpRequest) -> HttpResponse:
    if not access.may_use_console(request.user):
        raise Http404
    units = access.managed_units(request.user)
    page = Paginator(access.console_maps(request.user), PER_PAGE).get_page(request.GET.get("page"))
    form = MapForm(request.POST or None, units=units) if units.exists() else None
    if request.method == "POST" and form is None:
        raise Http404

    def act(data: dict[str, Any]) -> OpinionMap:
        return actions.create_map(actor=request.user, **data)  # type: ignore[arg-type]

    context = {"page": page, "form": form, "min_days": rules.MIN_WINDOW_DAYS}
    return run_form(
        request, form or MapForm(units=units), act,
        success=lambda m: redirect("opinion_maps:manage", m.pk),
        template="opinion_maps/console.html", context=context, done=_("The opinion map is created."),
    )  # fmt: skip


def _page(request: HttpRequest, opinion_map: OpinionMap, status: int = 200, **forms: Any) -> HttpResponse:
    can_manage = access.can_manage(request.user, opinion_map.unit)
    view = reports.view(opinion_map)
    page = Paginator(overview.statements_for_staff(opinion_map), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "map": opinion_map,
        "can_manage": can_manage,
        "statements": page,
        "view": view,
        "scatter": charts.scatter(view.report.data) if view else "",
        "seed_form": forms.get("seed_form") or (SeedForm() if can_manage and opinion_map.status != "closed" else None),
        "hide_form": HideForm(),
        "earliest_close": rules.earliest_close(opinion_map.opens_on),
        "context_link": overview.consultation_link(opinion_map),
    }
    return render(request, "opinion_maps/manage.html", context, status=status)


def manage(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, access.access_map(request.user, pk))


def _back(opinion_map: OpinionMap) -> str:
    return reverse("opinion_maps:manage", args=[opinion_map.pk])


@require_POST
def seed(request: HttpRequest, pk: int) -> HttpResponse:
    m = access.access_map(request.user, pk)
    form = SeedForm(request.POST)
    return run_form(
        request, form, lambda d: actions.add_seed_statement(actor=request.user, opinion_map=m, **d),  # type: ignore[arg-type]
        success=_back(m), page=lambda s: _page(request, m, s, seed_form=form), done=_("The statement is added."),
    )  # fmt: skip


@require_POST
def open_map(request: HttpRequest, pk: int) -> HttpResponse:
    m = access.access_map(request.user, pk)
    confirm = Confirmation(
        title=_("Open the opinion map"),
        consequence=_("Residents can write statements and vote until the closing day; the dates cannot change."),
        button=_("Open the map"), back=_back(m),
    )  # fmt: skip
    return run_action(
        request, lambda: actions.open_map(actor=request.user, opinion_map=m),  # type: ignore[arg-type]
        done=_("The map is open."), then=_back(m), confirm=confirm,
    )  # fmt: skip


@require_POST
def close_map(request: HttpRequest, pk: int) -> HttpResponse:
    m = access.access_map(request.user, pk)
    confirm = Confirmation(
        title=_("Close the opinion map"),
        consequence=_("No more statements or votes; the final report is computed."),
        button=_("Close the map"), back=_back(m),
    )  # fmt: skip
    return run_action(
        request, lambda: actions.close_map(actor=request.user, opinion_map=m),  # type: ignore[arg-type]
        done=_("The map is closed; its report is being computed."), then=_back(m), confirm=confirm,
    )  # fmt: skip


@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    m = access.access_map(request.user, pk)
    confirm = Confirmation(
        title=_("Publish the report"),
        consequence=_("Everyone can see the statements, the groups and the counts (never who wrote or voted)."),
        button=_("Publish the report"), back=_back(m),
    )  # fmt: skip
    return run_action(
        request, lambda: actions.publish(actor=request.user, opinion_map=m),  # type: ignore[arg-type]
        done=_("The report is published."), then=_back(m), confirm=confirm,
    )  # fmt: skip


@require_POST
def compute(request: HttpRequest, pk: int) -> HttpResponse:
    m = access.access_map(request.user, pk)
    return run_action(
        request, lambda: actions.request_report(actor=request.user, opinion_map=m),  # type: ignore[arg-type]
        done=_("The report is being computed; reload this page in a moment."), then=_back(m),
    )  # fmt: skip


def _statement(request: HttpRequest, pk: int, statement_pk: int) -> tuple[OpinionMap, Statement]:
    m = access.access_map(request.user, pk)
    return m, get_object_or_404(Statement, pk=statement_pk, map=m)


@require_POST
def hide(request: HttpRequest, pk: int, statement_pk: int) -> HttpResponse:
    m, statement = _statement(request, pk, statement_pk)
    form = HideForm(request.POST)
    return run_form(
        request, form, lambda d: actions.hide_statement(actor=request.user, statement=statement, **d),  # type: ignore[arg-type]
        success=_back(m), page=lambda s: _page(request, m, s), done=_("The statement is hidden, with its reason."),
    )  # fmt: skip


@require_POST
def restore(request: HttpRequest, pk: int, statement_pk: int) -> HttpResponse:
    m, statement = _statement(request, pk, statement_pk)
    return run_action(
        request, lambda: actions.restore_statement(actor=request.user, statement=statement),  # type: ignore[arg-type]
        done=_("The statement is shown again."), then=_back(m),
    )  # fmt: skip
