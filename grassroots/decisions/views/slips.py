"""Household ballot slips: entering returned slips by household code, and their hand delivery and
collection (D59 Art 4(5)–(6))."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.vary import vary_on_headers

from grassroots.core.errors import DomainError

from .. import actions
from ..access import (
    access_managed_matter,
)
from ..forms import (
    DeliveryForm,
    SlipForm,
)
from ..models import (
    Matter,
    Status,
)
from ._pages import (
    _entry_response,
    _slips_context,
    _slips_page,
)


@vary_on_headers("HX-Request")
def slips(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter returned ballot slips by household code (typed or scanned); the form is ready again after each."""
    matter = access_managed_matter(request.user, pk)
    template = "decisions/console/slips.html"
    if request.method != "POST":
        return _slips_page(request, matter, {})
    form = SlipForm(request.POST, prefix="slip")
    notice = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_slip(matter, actor=request.user, household_code=data["household_code"],
                                choice=data["choice"], comment=data["comment"])  # fmt: skip
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            notice = _("The slip of household %(code)s was recorded.") % {"code": data["household_code"].strip()}
            if not request.htmx:
                messages.success(request, notice)
            form = SlipForm(prefix="slip", initial={"choice": data["choice"]})
    context = _slips_context(matter, form)
    context["notice"] = notice
    url = (
        reverse("decisions:console-slips", args=[matter.pk])
        + "?"
        + urlencode({"choice": form.initial.get("choice", "")})
    )
    return _entry_response(request, template, context, "entry", not form.errors, url)


def _distribution_context(request: HttpRequest, matter: Matter, form: DeliveryForm) -> dict[str, Any]:
    show = request.GET.get("show", "all")
    show = show if show in actions.FILTERS else "all"
    counts, rows = actions.distribution(matter, show)
    return {
        "matter": matter,
        "form": form,
        "show": show,
        "counts": counts,
        "rows": rows,
        "current": matter.status == Status.OPEN and matter.form == "ballot",
    }


@vary_on_headers("HX-Request")
def distribution(request: HttpRequest, pk: int) -> HttpResponse:
    """Who received a slip and who returned it; POST marks one household's slip delivered by its code."""
    matter = access_managed_matter(request.user, pk)
    template = "decisions/console/distribution.html"
    if request.method != "POST":
        return render(request, template, _distribution_context(request, matter, DeliveryForm(prefix="deliver")))
    form = DeliveryForm(request.POST, prefix="deliver")
    notice = ""
    if form.is_valid():
        try:
            household = actions.mark_delivered(matter, actor=request.user,
                                                household_code=form.cleaned_data["household_code"])  # fmt: skip
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            notice = _("The slip of household %(code)s was delivered.") % {"code": household.code}
            if not request.htmx:
                messages.success(request, notice)
            form = DeliveryForm(prefix="deliver")
    context = _distribution_context(request, matter, form)
    context["notice"] = notice
    url = reverse("decisions:console-distribution", args=[matter.pk])
    return _entry_response(request, template, context, "entry", not form.errors, url)


def deliver_all(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST marks every printed slip delivered today."""
    matter = access_managed_matter(request.user, pk)
    if request.method == "POST":
        try:
            n = actions.mark_all_delivered(matter, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                ngettext("%(n)s slip was marked as delivered.", "%(n)s slips were marked as delivered.", n) % {"n": n},
            )
        return redirect("decisions:console-distribution", pk=matter.pk)
    counts, _rows = actions.distribution(matter, "not_delivered")
    return render(request, "decisions/console/deliver_all.html", {"matter": matter, "counts": counts})
