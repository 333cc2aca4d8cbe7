"""The annual evaluation's pages: a province's schemes, one scheme's criteria editor (create, add, change,
remove, publish after a confirmation, delete a draft after a confirmation), and the ranking of the communes with the evidence of each score (CSV too).
Every write is one action through core.forms.run_form / run_action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.core import csvexport
from grassroots.core.downloads import csv_attachment
from grassroots.core.forms import Confirmation, run_action, run_form

from . import evaluation, evaluation_actions, registry
from .evaluation_models import EvaluationScheme


def _locked(request: HttpRequest, s: EvaluationScheme) -> HttpResponse:
    """A published scheme cannot change: back to it, saying so (rather than a 404 for a page that exists)."""
    messages.error(request, evaluation_actions.LOCKED)
    return redirect("reporting_reports:evaluation-scheme", s.pk)


class SchemeForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


def _indicator_choices() -> list[tuple[str, str]]:
    return [(i.code, f"{i.title} ({i.code})") for i in registry.all_indicators()]


class CriterionForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), choices=())
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=1000)
    target_percent = forms.IntegerField(
        label=_("Target (%)"),
        min_value=1,
        max_value=100,
        help_text=_("A commune whose figure reaches the target earns the whole weight."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = _indicator_choices()  # type: ignore[attr-defined]


def schemes(request: HttpRequest, code: str) -> HttpResponse:
    province = evaluation.access_province(request.user, code)
    context = {
        "province": province,
        "schemes": EvaluationScheme.objects.filter(province=province).order_by("-year"),
    }
    form = SchemeForm(request.POST or None, initial={"year": timezone.localdate().year})
    return run_form(
        request, form,
        lambda d: evaluation_actions.create_scheme(actor=request.user, province=province, year=d["year"]),
        success=lambda s: redirect("reporting_reports:evaluation-scheme", s.pk),
        template="reporting/evaluation/schemes.html", context=context,
        done=_("The scheme is created as a draft. Add its criteria, then publish it."),
    )  # fmt: skip


def scheme(request: HttpRequest, pk: int) -> HttpResponse:
    s = evaluation.access_scheme(request.user, pk)
    criteria = [(c, evaluation.title_of(c.indicator)) for c in s.criteria.all()]
    context = {
        "scheme": s,
        "criteria": criteria,
        "weights_total": sum(c.weight for c, _t in criteria),
    }
    if request.method == "POST" and s.is_published:
        return _locked(request, s)
    return run_form(
        request, CriterionForm(request.POST or None),
        lambda d: evaluation_actions.add_criterion(actor=request.user, scheme=s, **d),
        success=reverse("reporting_reports:evaluation-scheme", args=[s.pk]),
        template="reporting/evaluation/scheme.html", context=context,
        done=_("The criterion is added."),
    )  # fmt: skip


def criterion_edit(request: HttpRequest, pk: int, criterion: int) -> HttpResponse:
    s = evaluation.access_scheme(request.user, pk)
    c = evaluation.access_criterion(s, criterion)
    if s.is_published:
        return _locked(request, s)
    back = reverse("reporting_reports:evaluation-scheme", args=[s.pk])
    form = CriterionForm(
        request.POST or None,
        initial={"indicator": c.indicator, "weight": c.weight, "target_percent": c.target_percent},
    )
    return run_form(
        request, form,
        lambda d: evaluation_actions.change_criterion(actor=request.user, criterion=c, **d),
        success=back, template="reporting/evaluation/criterion.html",
        context={"scheme": s, "criterion": c, "back": back},
        done=_("The criterion is changed."),
    )  # fmt: skip


@require_POST
def criterion_remove(request: HttpRequest, pk: int, criterion: int) -> HttpResponse:
    s = evaluation.access_scheme(request.user, pk)
    c = evaluation.access_criterion(s, criterion)
    return run_action(
        request,
        lambda: evaluation_actions.remove_criterion(actor=request.user, criterion=c),
        done=_("The criterion is removed."),
        then=reverse("reporting_reports:evaluation-scheme", args=[s.pk]),
    )


@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    s = evaluation.access_scheme(request.user, pk)
    back = reverse("reporting_reports:evaluation-scheme", args=[s.pk])
    return run_action(
        request,
        lambda: evaluation_actions.publish_scheme(actor=request.user, scheme=s),
        done=_("The scheme is published."),
        then=back,
        confirm=Confirmation(
            title=_("Publish the evaluation scheme"),
            consequence=_("Once published, the criteria, weights and targets are locked for the year."),
            button=_("Publish the scheme"),
            back=back,
        ),
    )


@require_POST
def delete_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a draft scheme (a published one is locked), after a confirmation."""
    s = evaluation.access_scheme(request.user, pk)
    if s.is_published:
        return _locked(request, s)
    back = reverse("reporting_reports:evaluation-scheme", args=[s.pk])
    return run_action(
        request,
        lambda: evaluation_actions.delete_draft_scheme(actor=request.user, scheme=s),
        done=_("The draft scheme is deleted."),
        then=reverse("reporting_reports:evaluation-schemes", args=[s.province.code]),
        confirm=Confirmation(
            title=_("Delete the draft scheme %(year)s") % {"year": s.year},
            consequence=_("The draft and its criteria are deleted; the audit trail keeps what they were."),
            button=_("Delete the draft"),
            back=back,
        ),
    )


def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    s = evaluation.access_scheme(request.user, pk)
    rows = evaluation.score_units(s)
    criteria = list(s.criteria.all())
    context = {
        "scheme": s,
        "rows": rows,
        "criteria": [(c, evaluation.title_of(c.indicator)) for c in criteria],
        "weights_total": sum(c.weight for c in criteria),
    }
    return render(request, "reporting/evaluation/ranking.html", context)


def ranking_csv(request: HttpRequest, pk: int) -> HttpResponse:
    s = evaluation.access_scheme(request.user, pk)
    rows = evaluation.score_units(s)
    criteria = list(s.criteria.all())
    response = csv_attachment(f"xep-hang-{s.province.code}-{s.year}.csv")
    out = csvexport.writer(response)
    header = [gettext("Rank"), gettext("unit code"), gettext("unit"), gettext("Total score"),
              gettext("Weights with data"), gettext("Total weight")]  # fmt: skip
    for c in criteria:
        header += [
            gettext("%(indicator)s: numerator/denominator") % {"indicator": c.indicator},
            gettext("%(indicator)s: score (at most %(weight)s)") % {"indicator": c.indicator, "weight": c.weight},
        ]
    out.writerow(header)
    no_data = gettext("no data yet")
    for row in rows:
        cells: list[Any] = [
            row.rank or "",
            row.unit.code,
            row.unit.name,
            evaluation.points(row.total),
            row.weights_with_data,
            row.weights_total,
        ]
        for score in row.scores:
            if score.tally is None or score.score is None:
                cells += ["", no_data]
            else:
                cells += [f"{score.tally.numerator}/{score.tally.denominator}", evaluation.points(score.score)]
        out.writerow(cells)
    return response
