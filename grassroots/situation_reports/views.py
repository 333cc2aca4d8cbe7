"""The pages of situation reports: the user's work (the reports their units owe, the rounds they steer), the
round page of the steering committee (every commune with its status and its villages rolled up, the totals,
the CSV), and a unit's report (the form while it is a draft, the commune's villages beside it). Every write
is one action through core.forms.run_form / run_action; submitting asks for confirmation first."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.core import csvexport
from grassroots.core.downloads import csv_attachment
from grassroots.core.forms import Confirmation, run_action, run_form
from grassroots.territory.models import Unit

from . import access, actions, overview
from .choices import Trend
from .forms import ReopenForm, ReportForm, RoundForm
from .models import TEXT_FIELDS, ReportRound

PER_PAGE = 25


def home(request: HttpRequest) -> HttpResponse:
    """The user's work: the reports their villages or communes owe (or, for a steering committee of a commune
    or village, the reports of its unit), and the rounds they steer."""
    user, today = request.user, timezone.localdate()
    steering = access.steering_units(user)
    writing = access.writer_units(user)
    writing += [u for u in access.steered_reporting_units(user) if u not in writing]
    if not steering and not writing:
        raise Http404
    due = []
    for unit in writing:
        for round_ in overview.rounds_over(unit)[:6]:
            if access.in_round(round_, unit):
                due.append((round_, overview.row(round_, unit, access.report_of(round_, unit), today)))
    due.sort(key=lambda pair: (-pair[0].starts_on.toordinal(), pair[1].unit.path))
    rounds = Paginator(access.steered_rounds(user).order_by("-starts_on", "-pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"steering": steering, "due": due, "page": rounds, "writing": writing}
    return render(request, "situation_reports/home.html", context)


def new_round(request: HttpRequest) -> HttpResponse:
    units = access.steering_unit_choices(request.user)
    first = units.first()
    if first is None:
        raise Http404
    form = RoundForm(request.POST or None, units=units, initial={"unit": first.pk})
    return run_form(
        request, form, lambda d: actions.open_round(actor=request.user, **d),  # type: ignore[arg-type]
        success=lambda r: redirect("situation_reports:round", r.pk), template="situation_reports/new_round.html",
        done=_("The round is open. The villages and communes see it in their situation reports."),
    )  # fmt: skip


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = access.access_round(request.user, pk)
    today = timezone.localdate()
    page = Paginator(access.communes_of(round_), PER_PAGE).get_page(request.GET.get("page"))
    rows = overview.communes(round_, list(page.object_list), today)
    context = {
        "round": round_,
        "page": page,
        "rows": rows,
        "totals": overview.totals(overview.all_rows(round_, today)),
        "trends": Trend.choices,
    }
    return render(request, "situation_reports/round.html", context)


def round_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Every reporting unit of the round with its status (no free text)."""
    round_ = access.access_round(request.user, pk)
    response = csv_attachment(f"bao-cao-nam-tinh-hinh-{round_.unit.code}-{round_.starts_on:%Y-%m}.csv")
    out = csvexport.writer(response)
    out.writerow(["code", "unit", "kind", "commune", "deadline", "status", "submitted_at", "hot_spots", "trend"])
    for r in overview.flat(overview.all_rows(round_, timezone.localdate())):
        report = r.report if r.submitted else None
        out.writerow([
            r.unit.code, r.unit.name, r.unit.kind, r.unit.parent.code if r.unit.is_village_level and r.unit.parent else "",
            r.deadline.isoformat(), r.standing.value,
            timezone.localtime(report.submitted_at).isoformat() if report and report.submitted_at else "",
            report.hot_spot_count if report else "", report.complaints_trend if report else "",
        ])  # fmt: skip
    return response


def _report_url(round_: ReportRound, unit: Unit) -> str:
    return reverse("situation_reports:report", args=[round_.pk, unit.code])


def report(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    round_, unit = access.access_unit_in_round(request.user, pk, code)
    user, today = request.user, timezone.localdate()
    existing = access.report_of(round_, unit)
    writer = access.may_write(user, unit)
    can_write = writer and not (existing and existing.is_submitted)
    if request.method == "POST" and not can_write:
        if not writer:
            raise Http404
        messages.error(request, actions.LOCKED)
        return redirect(_report_url(round_, unit))
    initial = (
        {name: getattr(existing, name) for name in (*TEXT_FIELDS, "hot_spot_count", "complaints_trend")}
        if existing
        else {}
    )
    form = ReportForm(request.POST or None, initial=initial)

    def context() -> dict[str, Any]:
        rollup = overview.commune(round_, unit, today) if unit.is_commune_level else None
        return {
            "round": round_,
            "unit": unit,
            "row": overview.row(round_, unit, existing, today),
            "report": existing,
            "can_write": can_write,
            "can_submit": can_write and existing is not None,
            "can_reopen": bool(existing and existing.is_submitted and access.may_steer(user, round_.unit)),
            "reopen_form": ReopenForm(),
            "rollup": rollup,
            "steers": access.may_steer(user, round_.unit),
            "commune_url": _report_url(round_, unit.parent)
            if unit.is_village_level and unit.parent and access.may_read(user, unit.parent)
            else "",
        }

    return run_form(
        request, form, lambda d: actions.save_report(actor=user, round_=round_, unit=unit, **d),  # type: ignore[arg-type]
        success=_report_url(round_, unit), template="situation_reports/report.html", context=context,
        done=_("The draft is saved. Submit it when it is complete."),
    )  # fmt: skip


@require_POST
def submit(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    round_, unit = access.access_unit_in_round(request.user, pk, code)
    existing = access.report_of(round_, unit)
    if existing is None or not access.may_write(request.user, unit):
        raise Http404
    back = _report_url(round_, unit)
    if existing.is_submitted:
        messages.error(request, actions.LOCKED)
        return redirect(back)
    confirmation = Confirmation(
        title=_("Submit the situation report of %(unit)s?") % {"unit": unit.name},
        consequence=_("Once submitted, the report is locked: only the steering committee can reopen it."),
        button=_("Submit the report"),
        back=back,
    )
    return run_action(
        request, lambda: actions.submit_report(actor=request.user, report=existing),  # type: ignore[arg-type]
        done=_("The report is submitted."), then=back, confirm=confirmation,
    )  # fmt: skip


@require_POST
def reopen(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    round_, unit = access.access_unit_in_round(request.user, pk, code)
    existing = access.report_of(round_, unit)
    if existing is None or not access.may_steer(request.user, round_.unit):
        raise Http404
    back = _report_url(round_, unit)
    form = ReopenForm(request.POST)
    return run_form(
        request, form, lambda d: actions.reopen_report(actor=request.user, report=existing, **d),  # type: ignore[arg-type]
        success=back, refused_to=back, template="situation_reports/reopen.html",
        context={"round": round_, "unit": unit}, done=_("The report is reopened: its writers may change it again."),
    )  # fmt: skip
