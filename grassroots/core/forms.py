from __future__ import annotations

from collections.abc import Callable, Mapping
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
) -> HttpResponse:
    """Run a submitted form through one action, the way every form page here does.

    A bound, valid form's cleaned data goes to `action`. When it succeeds: the `done` message, then
    `success` (a URL to redirect to, or a function of the action's result that returns the response).
    When the action refuses (`DomainError`): with `refused_to`, a refusal that names no field becomes a
    message and a redirect there; any other goes beside the field it names (`fields` maps the action's
    names to the form's) or above the form when the form has no such field. The page is then rendered
    again with the form's errors, status 422: by `page(status)`, or `template` with `context` (a mapping,
    or a function that builds it) and the form as "form". Not submitted (GET): the page, status 200.
    """
    if form.is_bound and form.is_valid():
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
    request: HttpRequest, action: Callable[[], T], *, done: StrOrPromise | Callable[[T], StrOrPromise], then: str
) -> HttpResponse:
    """A step without a form (a button): call one action, say how it went (the `done` message, or one
    built from the action's result; the refusal's message otherwise) and redirect to `then`."""
    try:
        result = action()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done(result) if callable(done) else done)
    return redirect(then)
