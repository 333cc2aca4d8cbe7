"""The public page of a commune's casework: aggregate figures only (cases received, recommendations
answered on time, average days to answer, satisfaction), no personal data and no case text."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from . import access, overview


@login_not_required
def commune(request: HttpRequest, code: str) -> HttpResponse:
    unit = access.commune_by_code(code)
    figures = overview.figures(overview.commune_cases(unit).only(
        "state", "sent_on", "answered_on", "rating"), timezone.localdate())  # fmt: skip
    return render(request, "petitions/public.html", {"commune": unit, "f": figures})
