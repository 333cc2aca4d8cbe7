"""Authentication for the JSON API: a verified session, or a bearer token for machine clients."""

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, SessionAuth

from .models import TokenScope
from .tokens import record_use_of, token_for
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


class InvalidToken(AuthenticationError):
    """A bearer token was given and is not good: 401 with `WWW-Authenticate` (RFC 6750), never 403."""

    def __init__(self) -> None:
        super().__init__(401, "The API token is invalid, expired or revoked. Ask for a new one.")


class TokenAuth(HttpBearer):
    """`Authorization: Bearer gr_…` for machine clients (tokens from `manage.py create_api_token`).

    A request that carries a bearer token is judged on that token alone: a bad one is refused at
    once (401) rather than falling through to the session check, whose CSRF refusal is a 403.

    `defer_last_use=True` leaves the token's last use to the operation (`record_token_use`), which
    writes it in the transaction of its own write instead of a commit of its own.
    """

    def __init__(self, *, defer_last_use: bool = False) -> None:
        super().__init__()
        self.defer_last_use = defer_last_use

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_for(token, record_use=not self.defer_last_use)
        if found is None:
            raise InvalidToken
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


token_auth = TokenAuth()
# For the vote, which writes the token's last use inside the vote's transaction: one commit per vote.
vote_token_auth = TokenAuth(defer_last_use=True)


def record_token_use(request: HttpRequest) -> None:
    """Write the last use of the request's token if it is due (a no-op for sessions and once written)."""
    token = getattr(request, "api_token", None)
    if token is not None:
        record_use_of(token)


def require_scope(request: HttpRequest, scope: str) -> None:
    """Refuse (403) a request made with a token whose scope does not cover `scope`; sessions pass."""
    token = getattr(request, "api_token", None)
    if token is None or scope == TokenScope.READ or token.scope == scope:
        return
    raise HttpError(403, "This API token may only read. Casting a vote needs a token with the vote scope.")


def www_authenticate(exc: AuthenticationError) -> str:
    """The `WWW-Authenticate` header of a 401 (RFC 6750 section 3)."""
    if isinstance(exc, InvalidToken):
        return 'Bearer realm="grassroots", error="invalid_token"'
    return 'Bearer realm="grassroots"'
