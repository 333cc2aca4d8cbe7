"""The periodic reports page of a unit: choose a quarter, a half-year or a year, download it as DOCX, PDF or XLSX."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from grassroots.core.downloads import attachment
from grassroots.core.errors import DomainError

from . import access, evaluation, periodic


def reports(request: HttpRequest, code: str) -> HttpResponse:
    unit = access.access_unit(request.user, code)
    today = timezone.localdate()
    context = {
        "unit": unit,
        "periods": periodic.choices(today),
        "extensions": periodic.EXTENSIONS,
        "evaluation_province": evaluation.province_of(unit)
        if evaluation.can_see_evaluation(request.user, unit)
        else None,
    }
    return render(request, "reporting/periodic/reports.html", context)


def report_download(request: HttpRequest, code: str, kind: str, year: int, number: int, ext: str) -> HttpResponse:
    unit = access.access_unit(request.user, code)
    if ext not in periodic.EXTENSIONS:
        raise Http404
    period = periodic.parse_period(kind, year, number)
    try:
        content = periodic.issue_report(actor=request.user, unit=unit, period=period, ext=ext)
    except DomainError as exc:  # a period that has not begun: back to the list, saying which to choose
        messages.error(request, exc.message)
        return redirect("reporting_reports:reports", unit.code)
    return attachment(content, periodic.filename(unit, period, ext))
