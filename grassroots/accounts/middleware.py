"""A second factor for every role above household representative (issue 3; OWASP ASVS V6.3)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .twofactor import has_confirmed_device, needs_second_factor


def second_factor_exempt(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a view reachable before the second factor: login, logout, the 2FA pages themselves."""
    view.second_factor_exempt = True  # type: ignore[attr-defined]
    return view


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        # Anonymous visitors are LoginRequiredMiddleware's business; verified users pass.
        if not user.is_authenticated or user.is_verified():
            return None
        # The login, logout and two-factor pages must be reachable to get verified.
        if getattr(view, "second_factor_exempt", False):
            return None
        path = request.path_info
        # The JSON API checks the factor in its own authentication (accounts.api_auth).
        if path.startswith("/api/"):
            return None
        # Public pages stay public; Django admin is never public, whatever its views say.
        if getattr(view, "login_required", True) is False and not path.startswith("/admin/"):
            return None
        # Household representatives and residents need only their password.
        if not needs_second_factor(user):
            return None
        target = "accounts:two-factor" if has_confirmed_device(user) else "accounts:two-factor-setup"
        return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
