"""The register kept in the browser by the commune official (people.keeping), and the household history."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts.http import AuthedRequest
from grassroots.core.downloads import attachment
from grassroots.core.forms import run_form
from grassroots.core.text import natural_key
from grassroots.territory.models import Unit

from . import rules
from .access import access_household, access_import_unit, access_kept_household, access_kept_unit, can_keep_register
from .forms import (
    BirthForm,
    HouseholdMoveInForm,
    HouseholdMoveOutForm,
    MemberLeavingForm,
    MemberMoveInForm,
    RepresentativeForm,
)
from .history import history_of
from .keeping import (
    DIED,
    record_birth,
    record_household_moving_in,
    record_household_moving_out,
    record_member_leaving,
    record_member_moving_in,
    record_new_representative,
)
from .models import Household, Membership, Representation, Resident
from .spreadsheets import template_csv, template_xlsx


def _history_url(household: Household) -> str:
    return reverse("people:household-history", args=[household.pk])


def record_birth_view(request: AuthedRequest, pk: int) -> HttpResponse:
    household = access_kept_household(request.user, pk)
    form = BirthForm(request.POST or None)
    return run_form(
        request,
        form,
        lambda data: record_birth(household, actor=request.user, **data),
        success=_history_url(household),
        template="people/keep_form.html",
        context={"title": _("Record a birth"), "household": household},
        done=_("The birth is recorded."),
        fields={"on": "birth_date"},
    )


def member_move_in(request: AuthedRequest, pk: int) -> HttpResponse:
    household = access_kept_household(request.user, pk)
    form = MemberMoveInForm(request.POST or None)
    return run_form(
        request,
        form,
        lambda data: record_member_moving_in(household, actor=request.user, **data),
        success=_history_url(household),
        template="people/keep_form.html",
        context={"title": _("Record a member moving in"), "household": household},
        done=_("The new member is recorded."),
    )


def household_move_in(request: AuthedRequest, code: str) -> HttpResponse:
    """A household comes to live in a village of the commune (or in this village)."""
    unit = access_kept_unit(request.user, code)
    villages = sorted(unit.children.all(), key=lambda u: natural_key(u.name)) if unit.is_commune_level else [unit]
    form = HouseholdMoveInForm(request.POST or None, villages=villages)

    def act(data: dict[str, Any]) -> Household:
        village: Unit = data.pop("village")
        return record_household_moving_in(village, actor=request.user, **data)

    return run_form(
        request,
        form,
        act,
        success=lambda household: _redirect(reverse("people:household-detail", args=[household.pk])),
        template="people/keep_form.html",
        context={"title": _("Record a household moving in"), "household": None, "unit": unit},
        done=_("The household is recorded. Add its other members as moving in."),
        fields={"representative": "full_name", "unit": "village"},
    )


def _redirect(url: str) -> HttpResponse:
    return redirect(url)


def _current_member(household: Household, resident_pk: int) -> Resident:
    membership = (
        Membership.objects.filter(household=household, resident_id=resident_pk, valid_to__isnull=True)
        .select_related("resident")
        .first()
    )
    if membership is None:
        raise Http404
    resident: Resident = membership.resident
    return resident


def _confirm_or_form(
    request: AuthedRequest, form: forms.Form, *, template_context: dict[str, Any], action: Any, done: str, then: str
) -> HttpResponse:
    """Two steps for a change that ends something: the form, then a confirmation page with a
    warning button; only a POST that carries `confirmed=yes` and valid data writes."""
    if request.method == "POST" and form.is_valid() and request.POST.get("confirmed") != "yes":
        return render(request, "people/keep_confirm.html", {**template_context, "form": form})
    return run_form(
        request,
        form,
        action,
        success=then,
        template="people/keep_form.html",
        context=template_context,
        done=done,
    )


def member_leaving(request: AuthedRequest, pk: int, resident_pk: int) -> HttpResponse:
    """A member dies or moves out: the form, then a confirmation page (the membership ends)."""
    household = access_kept_household(request.user, pk)
    resident = _current_member(household, resident_pk)
    form = MemberLeavingForm(request.POST or None)
    others = Membership.objects.filter(household=household, valid_to__isnull=True).exclude(resident=resident).count()
    reason = form.cleaned_data.get("reason") if form.is_bound and form.is_valid() else ""
    context = {
        "title": _("Record that %(name)s leaves the household") % {"name": resident.full_name},
        "household": household,
        "resident": resident,
        "consequence": _(
            "%(name)s stops being a member of household %(code)s from this date. This cannot be undone here."
        )
        % {"name": resident.full_name, "code": household.code},
        "ends_household": others == 0,
        "button": _("Yes, record the death") if reason == DIED else _("Yes, record the move out"),
    }
    return _confirm_or_form(
        request,
        form,
        template_context=context,
        action=lambda data: record_member_leaving(household, resident, actor=request.user, **data),
        done=_("Recorded: %(name)s is no longer a member of the household.") % {"name": resident.full_name},
        then=_history_url(household),
    )


def household_move_out(request: AuthedRequest, pk: int) -> HttpResponse:
    """The whole household leaves: the form, then a confirmation page (the household ends)."""
    household = access_kept_household(request.user, pk)
    form = HouseholdMoveOutForm(request.POST or None)
    context = {
        "title": _("Record household %(code)s moving out") % {"code": household.code},
        "household": household,
        "consequence": _(
            "Household %(code)s and all its members leave the register of the commune from this date, and its "
            "representative can no longer vote for it. This cannot be undone here."
        )
        % {"code": household.code},
        "button": _("Yes, record the household moving out"),
    }
    return _confirm_or_form(
        request,
        form,
        template_context=context,
        action=lambda data: record_household_moving_out(household, actor=request.user, **data),
        done=_("Recorded: household %(code)s has moved out.") % {"code": household.code},
        then=_history_url(household),
    )


def change_representative_view(request: AuthedRequest, pk: int) -> HttpResponse:
    household = access_kept_household(request.user, pk)
    today = timezone.localdate()
    current = Representation.objects.filter(household=household, valid_to__isnull=True).first()
    members = [
        m.resident
        for m in Membership.objects.filter(household=household, valid_to__isnull=True).select_related("resident")
        if rules.is_adult(m.resident.birth_date, today) and (current is None or m.resident_id != current.resident_id)
    ]
    form = RepresentativeForm(request.POST or None, members=members)

    def act(data: dict[str, Any]) -> None:
        resident = next(m for m in members if m.pk == data["resident"])
        record_new_representative(household, resident, on=data["on"], actor=request.user)

    return run_form(
        request,
        form,
        act,
        success=_history_url(household),
        template="people/keep_form.html",
        context={
            "title": _("Change the household's representative"),
            "household": household,
            "no_members": not members,
        },
        done=_("The new representative is recorded."),
        fields={"representative": "resident"},
    )


def household_history(request: AuthedRequest, pk: int) -> HttpResponse:
    """Who changed what in the household, when, and from which date (from the audit trail)."""
    household = access_household(request.user, pk)
    context = {
        "household": household,
        "rows": history_of(household),
        "registered_on": household.formed_on,
        "can_keep": can_keep_register(request.user, household.unit),
    }
    return render(request, "people/household_history.html", context)


def import_template(request: AuthedRequest, code: str, kind: str) -> HttpResponse:
    """The template of the register import, as CSV or Excel, for those who may import it."""
    access_import_unit(request.user, code)
    if kind not in ("csv", "xlsx"):
        raise Http404
    return attachment(template_csv() if kind == "csv" else template_xlsx(), f"so-ho-mau.{kind}", public=True)
