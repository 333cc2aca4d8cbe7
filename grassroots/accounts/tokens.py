"""API tokens for machine clients: created by `manage.py create_api_token`, stored as SHA-256 hashes."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from grassroots.core import audit

from .models import ApiToken, User

PREFIX = "gr_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user: User, name: str) -> str:
    token = PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, prefix=token[:10], key_hash=_hash(token))
    audit.record("accounts.api_token_created", target=user, data={"name": name})
    return token


def user_for_token(token: str) -> User | None:
    if not token.startswith(PREFIX):
        return None
    found = ApiToken.objects.filter(key_hash=_hash(token), revoked_at__isnull=True).select_related("user").first()
    if found is None or not found.user.is_active:
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found.user
