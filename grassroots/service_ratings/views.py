"""The pages of the satisfaction ratings (Law Art 34(1), Art 35(2)(a)):

- the console of a commune (officials, chair, Front): results per service and per official for a
  quarter with bars, the comments to moderate, the list of services;
- the resident's page: rate a service and the official who served them, and see their own ratings;
- the public page of a commune (public.py) with its CSV.
Every write is one action through core.forms.run_form / run_action."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.core.forms import run_action, run_form

from . import access, actions, overview, rules
from .forms import HideForm, PeriodForm, RatingForm, ServiceForm
from .models import Rating


def period_of(request: HttpRequest) -> overview.Period:
    """The period asked for in the query string; the current quarter by default."""
    form = PeriodForm(request.GET or None)
    year, quarter = rules.quarter_of(timezone.localdate())
    if form.is_bound and form.is_valid() and form.cleaned_data.get("year"):
        return overview.Period(form.cleaned_data["year"], form.cleaned_data.get("quarter"))
    return overview.Period(year, quarter)


def results_context(commune: Any, period: overview.Period) -> dict[str, Any]:
    return {
        "commune": commune,
        "period": period,
        "period_form": PeriodForm(initial={"year": period.year, "quarter": period.quarter or ""}),
        "services": overview.by_service(commune, period),
        "totals": overview.totals(commune, period),
        "floor": rules.SMALL_COUNT_FLOOR,
        "quarters": overview.quarters_with_ratings(commune)[:12],
    }


def console(request: HttpRequest) -> HttpResponse:
    communes = access.console_communes(request.user)
    if not communes:
        raise Http404
    if len(communes) == 1:
        return redirect("service_ratings:commune", communes[0].code)
    return render(request, "service_ratings/console.html", {"communes": communes})


def _commune_page(request: HttpRequest, commune: Any, status: int = 200, **forms: Any) -> HttpResponse:
    user = request.user
    period = period_of(request)
    every = access.sees_every_official(user, commune)
    context = {
        **results_context(commune, period),
        "officials": overview.by_official(commune, period, only=None if every else user.pk),
        "sees_every_official": every,
        "comments": overview.console_comments(commune, int(user.pk or 0))[:100],
        "can_moderate": access.can_moderate(user, commune),
        "can_keep": access.can_keep_services(user, commune),
        "all_services": overview.services(commune),
        "service_form": forms.get("service_form") or ServiceForm(),
        "hide_form": HideForm(),
    }
    return render(request, "service_ratings/commune.html", context, status=status)


def commune(request: HttpRequest, code: str) -> HttpResponse:
    c = access.access_console_commune(request.user, code)
    if request.method != "POST":
        return _commune_page(request, c)
    form = ServiceForm(request.POST)
    return run_form(
        request, form, lambda d: actions.add_service(actor=request.user, commune=c, **d),  # type: ignore[arg-type]
        success=reverse("service_ratings:commune", args=[c.code]),
        page=lambda s: _commune_page(request, c, s, service_form=form), done=_("The service is added to the list."),
    )  # fmt: skip


@require_POST
def service_offered(request: HttpRequest, pk: int) -> HttpResponse:
    service = access.access_service(request.user, pk)
    active = request.POST.get("active") == "1"
    return run_action(
        request, lambda: actions.set_service_offered(actor=request.user, service=service, active=active),  # type: ignore[arg-type]
        done=_("The list of services is updated."), then=reverse("service_ratings:commune", args=[service.commune.code]),
    )  # fmt: skip


@require_POST
def publish_comment(request: HttpRequest, pk: int) -> HttpResponse:
    rating = access.access_comment(request.user, pk)
    return run_action(
        request, lambda: actions.publish_comment(actor=request.user, rating=rating),  # type: ignore[arg-type]
        done=_("The comment is published, without its author."),
        then=reverse("service_ratings:commune", args=[rating.commune.code]) + "#comments",
    )  # fmt: skip


@require_POST
def hide_comment(request: HttpRequest, pk: int) -> HttpResponse:
    rating = access.access_comment(request.user, pk)
    back = reverse("service_ratings:commune", args=[rating.commune.code])
    form = HideForm(request.POST)
    return run_form(
        request, form, lambda d: actions.hide_comment(actor=request.user, rating=rating, **d),  # type: ignore[arg-type]
        success=back + "#comments", page=lambda s: _commune_page(request, rating.commune, s),
        done=_("The comment is hidden; it stays in the console with its reason."), refused_to=back,
    )  # fmt: skip


def rate(request: HttpRequest) -> HttpResponse:
    """The resident's page: rate a service of their commune, and their own ratings."""
    commune = access.resident_commune(request.user)
    mine = Rating.objects.filter(rater_id=request.user.pk).select_related("service").order_by("-rated_on")[:50]
    if commune is None:
        if request.method == "POST":
            raise Http404
        return render(request, "service_ratings/rate.html", {"commune": None, "mine": mine})
    form = RatingForm(
        request.POST or None,
        services=overview.services(commune, only_active=True),
        officials=access.rated_officials(commune),
    )

    def act(data: dict[str, Any]) -> Rating:
        return actions.rate(actor=request.user, **data)  # type: ignore[arg-type]

    context = {"commune": commune, "mine": mine, "floor": rules.SMALL_COUNT_FLOOR}
    return run_form(
        request, form, act, success=reverse("service_ratings:rate"), template="service_ratings/rate.html",
        context=context, done=_("Thank you: your rating is recorded."),
    )  # fmt: skip
