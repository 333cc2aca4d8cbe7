"""API tokens for machine clients, stored as SHA-256 hashes.

Created by `manage.py create_api_token`; listed and revoked by their owner (/account/api-tokens/)
and by an administrator (the admin's "revoke" action, `manage.py revoke_api_tokens`). A token
expires API_TOKEN_DAYS after it is made (90 by default), carries a scope (read, or read and vote),
and every token of a user is revoked when that user's password changes. Every write is audited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from grassroots.core import audit
from grassroots.core.prepared import SAMPLE_DATETIME, Prepared, columns, instance, prepared_cursor

from .models import ApiToken, TokenScope, User

PREFIX = "gr_"
# last_used_at is a hint for the owner, not a log: written at most once a minute per token, so that
# a busy client does not turn every read into a write.
LAST_USED_EVERY = dt.timedelta(minutes=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(
    user: User, name: str, *, scope: str = TokenScope.READ, days: int | None = None, actor: Any = None
) -> str:
    """Make a token and return it; this is the only time it is ever shown."""
    if scope not in TokenScope.values:
        raise ValueError(f"unknown scope {scope!r}")
    days = settings.API_TOKEN_DAYS if days is None else days
    if days < 1:
        raise ValueError("a token must be valid for at least one day")
    token = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        row = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=token[:10],
            key_hash=_hash(token),
            scope=scope,
            expires_at=timezone.now() + dt.timedelta(days=days),
        )
        audit.record(
            "accounts.api_token_created",
            actor=actor,
            target=user,
            data={"token": row.pk, "name": name, "scope": scope, "days": days},
        )
    return token


def token_for(token: str, *, record_use: bool = True) -> ApiToken | None:
    """The usable token row for this secret (not revoked, not expired, its user active), or None.

    `record_use=False` leaves the last use to the caller (`record_use_of`), who writes it inside the
    transaction of its own write, so that a vote commits once."""
    if not token.startswith(PREFIX):
        return None
    now = timezone.now()
    row = _USABLE.first(key=_hash(token), now=now)
    if row is None:
        return None
    split = len(_TOKEN_COLUMNS)
    found: ApiToken = instance(ApiToken, row[:split])
    found.user = instance(User, row[split:])
    if record_use:
        record_use_of(found, now)
    return found


_TOKEN_COLUMNS = columns(ApiToken)
# Every API request asks this: compiled once per process (core.prepared).
_USABLE = Prepared(
    lambda key, now: (
        ApiToken.objects.usable_at(now)
        .filter(key_hash=key, user__is_active=True)
        .values_list(*_TOKEN_COLUMNS, *columns(User, "user__"))[:1]
    ),
    key="sample-key-hash",
    now=SAMPLE_DATETIME,
)


def record_use_of(found: ApiToken, now: dt.datetime | None = None) -> None:
    """Write the token's last use if the last one written is more than a minute old; no write otherwise."""
    now = now or timezone.now()
    if found.last_used_at is None or found.last_used_at <= now - LAST_USED_EVERY:
        # The condition repeats in SQL so that concurrent requests write once between them. Plain SQL:
        # this is written inside the vote's transaction, the peak path.
        table = connection.ops.quote_name(ApiToken._meta.db_table)
        adapt = connection.ops.adapt_datetimefield_value
        with prepared_cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET last_used_at = %s WHERE id = %s"  # noqa: S608 - the model's table
                " AND (last_used_at IS NULL OR last_used_at <= %s)",
                [adapt(now), found.pk, adapt(now - LAST_USED_EVERY)],
            )
        found.last_used_at = now


def user_for_token(token: str) -> User | None:
    found = token_for(token)
    return found.user if found is not None else None


def revoke_tokens(tokens: Any, *, actor: Any, reason: str) -> int:
    """Revoke the tokens of a queryset that are still live; one audit event per token revoked.

    `reason`: "owner" (the user on their page), "administrator" (admin page or command),
    "password_changed".
    """
    now = timezone.now()
    with transaction.atomic():
        live = list(tokens.filter(revoked_at__isnull=True).select_for_update().select_related("user"))
        for token in live:
            token.revoked_at = now
            token.save(update_fields=["revoked_at"])
            audit.record(
                "accounts.api_token_revoked",
                actor=actor,
                target=token.user,
                data={"token": token.pk, "name": token.name, "reason": reason},
            )
    return len(live)


def revoke_token_of_owner(user: User, token_id: int) -> int:
    """The owner revokes one of their own tokens; another user's token id revokes nothing."""
    return revoke_tokens(ApiToken.objects.filter(user=user, pk=token_id), actor=user, reason="owner")


def revoke_all_tokens(user: User, *, actor: Any, reason: str) -> int:
    return revoke_tokens(ApiToken.objects.filter(user=user), actor=actor, reason=reason)
