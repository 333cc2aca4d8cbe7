"""Session authentication for the JSON API that also requires the second factor where it is due."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from .tokens import user_for_token
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


class TokenAuth(HttpBearer):
    """`Authorization: Bearer gr_…` for machine clients (tokens from `manage.py create_api_token`)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


token_auth = TokenAuth()
