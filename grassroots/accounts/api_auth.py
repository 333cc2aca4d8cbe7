"""Session authentication for the JSON API that also requires the second factor where it is due."""

from typing import Any

from django.http import HttpRequest
from ninja.security import SessionAuth

from .twofactor import needs_second_factor


class VerifiedSessionAuth(SessionAuth):
    """A logged-in session; for officials, one that passed the second factor (else 401)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is None:
            return None
        if needs_second_factor(user) and not user.is_verified():
            return None
        return user


verified_session = VerifiedSessionAuth()
