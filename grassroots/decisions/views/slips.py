"""Household ballot slips: entering returned slips by household code, and their hand delivery and
collection (D59 Art 4(5)–(6))."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.vary import vary_on_headers

from grassroots.accounts.http import AuthedRequest
from grassroots.core.forms import run_action, run_form
from grassroots.people.models import Household

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
def slips(request: AuthedRequest, pk: int) -> HttpResponse:
    """Enter returned ballot slips by household code (typed or scanned); the form is ready again after each."""
    matter = access_managed_matter(request.user, pk)
    if request.method != "POST":
        return _slips_page(request, matter, {})
    form = SlipForm(request.POST, prefix="slip")

    def entry(entered: SlipForm, notice: str = "") -> HttpResponse:
        context = _slips_context(matter, entered)
        context["notice"] = notice
        query = urlencode({"choice": entered.initial.get("choice", "")})
        url = reverse("decisions:console-slips", args=[matter.pk]) + "?" + query
        return _entry_response(request, "decisions/console/slips.html", context, "entry", not entered.errors, url)

    def record(d: dict[str, Any]) -> dict[str, Any]:
        actions.record_slip(matter, actor=request.user, household_code=d["household_code"], choice=d["choice"],
                            comment=d["comment"])  # fmt: skip
        return d

    def recorded(d: dict[str, Any]) -> HttpResponse:
        notice = _("The slip of household %(code)s was recorded.") % {"code": d["household_code"].strip()}
        if not request.htmx:
            messages.success(request, notice)
        return entry(SlipForm(prefix="slip", initial={"choice": d["choice"]}), notice)

    return run_form(request, form, record, success=recorded, page=lambda _status: entry(form))


def _distribution_context(request: AuthedRequest, matter: Matter, form: DeliveryForm) -> dict[str, Any]:
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
def distribution(request: AuthedRequest, pk: int) -> HttpResponse:
    """Who received a slip and who returned it; POST marks one household's slip delivered by its code."""
    matter = access_managed_matter(request.user, pk)
    template = "decisions/console/distribution.html"
    if request.method != "POST":
        return render(request, template, _distribution_context(request, matter, DeliveryForm(prefix="deliver")))
    form = DeliveryForm(request.POST, prefix="deliver")
    url = reverse("decisions:console-distribution", args=[matter.pk])

    def entry(entered: DeliveryForm, notice: str = "") -> HttpResponse:
        context = _distribution_context(request, matter, entered)
        context["notice"] = notice
        return _entry_response(request, template, context, "entry", not entered.errors, url)

    def delivered(household: Household) -> HttpResponse:
        notice = _("The slip of household %(code)s was delivered.") % {"code": household.code}
        if not request.htmx:
            messages.success(request, notice)
        return entry(DeliveryForm(prefix="deliver"), notice)

    return run_form(
        request, form,
        lambda d: actions.mark_delivered(matter, actor=request.user, household_code=d["household_code"]),
        success=delivered, page=lambda _status: entry(form),
    )  # fmt: skip


def deliver_all(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST marks every printed slip delivered today."""
    matter = access_managed_matter(request.user, pk)
    if request.method == "POST":
        return run_action(
            request, lambda: actions.mark_all_delivered(matter, actor=request.user),
            done=lambda n: ngettext("%(n)s slip was marked as delivered.", "%(n)s slips were marked as delivered.",
                                    n) % {"n": n},
            then=reverse("decisions:console-distribution", args=[matter.pk]),
        )  # fmt: skip
    counts, _rows = actions.distribution(matter, "not_delivered")
    return render(request, "decisions/console/deliver_all.html", {"matter": matter, "counts": counts})
