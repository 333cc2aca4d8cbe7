from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .errors import DomainError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

T = TypeVar("T")


class NoEchoTextInput(forms.TextInput):
    """A text box that is never filled back in: a national ID number or a code is not sent back to the browser."""

    def format_value(self, value: object) -> None:
        return None


@dataclass(frozen=True)
class Confirmation:
    """The confirmation page of an irreversible step: what it is, what cannot be undone after it, and a
    warning button that states the consequence. The step acts only on a POST with `confirm=yes`."""

    title: StrOrPromise
    consequence: StrOrPromise
    button: StrOrPromise
    back: str  # where "Cancel" goes


def confirmed(request: HttpRequest) -> bool:
    return request.POST.get("confirm") == "yes"


def _answers(form: forms.Form | None) -> list[tuple[str, str]]:
    """What the step will record, as the form's labels and the values entered (check your answers)."""
    if form is None:
        return []
    rows = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value is None or value is False or value == "" or value == []:
            continue  # a count of 0 is shown: it is an answer
        shown = dict(getattr(field, "choices", ())).get(value, value)
        rows.append((str(field.label or name), str(shown)))
    return rows


def confirm_page(request: HttpRequest, confirmation: Confirmation, form: forms.Form | None = None) -> HttpResponse:
    """The confirmation page: the same POST again, with `confirm=yes`, once the user presses the warning button."""
    hidden = [
        (key, value)
        for key in request.POST
        if key not in ("csrfmiddlewaretoken", "confirm")
        for value in request.POST.getlist(key)
    ]
    context = {"confirmation": confirmation, "hidden": hidden, "answers": _answers(form), "action": request.path}
    return render(request, "core/confirm.html", context)


def run_form(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[dict[str, Any]], T],
    *,
    success: str | Callable[[T], HttpResponse],
    page: Callable[[int], HttpResponse] | None = None,
    template: str = "",
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None,
    done: StrOrPromise = "",
    refused_to: str = "",
    fields: Mapping[str, str] | None = None,
    confirm: Confirmation | None = None,
) -> HttpResponse:
    """Run a submitted form through one action, the way every form page here does.

    A bound, valid form's cleaned data goes to `action`. When it succeeds: the `done` message, then
    `success` (a URL to redirect to, or a function of the action's result that returns the response).
    When the action refuses (`DomainError`): with `refused_to`, a refusal that names no field becomes a
    message and a redirect there; any other goes beside the field it names (`fields` maps the action's
    names to the form's) or above the form when the form has no such field. The page is then rendered
    again with the form's errors, status 422: by `page(status)`, or `template` with `context` (a mapping,
    or a function that builds it) and the form as "form". Not submitted (GET): the page, status 200.
    An irreversible step (`confirm`) acts only when confirmed; a valid form without `confirm=yes` gets
    the confirmation page instead.
    """
    if form.is_bound and form.is_valid():
        if confirm is not None and not confirmed(request):
            return confirm_page(request, confirm, form)
        try:
            result = action(form.cleaned_data)
        except DomainError as exc:
            if refused_to and not exc.field:
                messages.error(request, exc.message)
                return redirect(refused_to)
            name = (fields or {}).get(exc.field, exc.field) if exc.field else None
            form.add_error(name if name in form.fields else None, exc.message)
        else:
            if done:
                messages.success(request, done)
            return redirect(success) if isinstance(success, str) else success(result)
    status = 422 if request.method == "POST" else 200
    if page is not None:
        return page(status)
    values = context() if callable(context) else context
    return render(request, template, {**(values or {}), "form": form}, status=status)


def run_action(
    request: HttpRequest,
    action: Callable[[], T],
    *,
    done: StrOrPromise | Callable[[T], StrOrPromise],
    then: str,
    confirm: Confirmation | None = None,
) -> HttpResponse:
    """A step without a form (a button): call one action, say how it went (the `done` message, or one
    built from the action's result; the refusal's message otherwise) and redirect to `then`. An
    irreversible step (`confirm`) first gets its confirmation page, and acts only with `confirm=yes`."""
    if confirm is not None and not confirmed(request):
        return confirm_page(request, confirm)
    try:
        result = action()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done(result) if callable(done) else done)
    return redirect(then)
