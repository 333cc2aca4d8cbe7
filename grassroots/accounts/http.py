"""The request of a signed-in user, for typing views that LoginRequiredMiddleware protects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .models import User

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails


class AuthedRequest(HttpRequest):
    """An `HttpRequest` whose `user` is a signed-in `User`: every view not marked `@login_not_required`
    gets one, since LoginRequiredMiddleware turns anonymous visitors away first. Typing only."""

    user: User
    htmx: HtmxDetails


def signed_in(request: HttpRequest) -> User:
    """The request's user, where only a signed-in user can be (the admin site, a logged-in form)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


class PublicRequest(HttpRequest):
    """A request to a `@login_not_required` view, as django-htmx's middleware leaves it. Typing only."""

    htmx: HtmxDetails
