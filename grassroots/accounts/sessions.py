"""Recording sign-ins and ending sessions (a user's own, or any user's by an administrator)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.models import Session
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from grassroots.core import audit

from .models import SignIn, User
from .throttle import client_ip


@receiver(user_logged_in)
def record_sign_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    SignIn.objects.create(
        user=user,
        session_key=request.session.session_key or "",
        signed_in_at=timezone.now(),
        ip_address=client_ip(request),
        user_agent=request.headers.get("User-Agent", "")[:200],
    )


@receiver(user_logged_out)
def record_sign_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if request is None or user is None or request.session.session_key is None:
        return
    SignIn.objects.filter(user=user, session_key=request.session.session_key, ended_at__isnull=True).update(
        ended_at=timezone.now(), ended_reason="logout"
    )


def is_active(sign_in: SignIn, live_keys: set[str]) -> bool:
    return sign_in.ended_at is None and sign_in.session_key in live_keys


def live_session_keys(sign_ins: list[SignIn]) -> set[str]:
    keys = [s.session_key for s in sign_ins if s.ended_at is None]
    return set(
        Session.objects.filter(session_key__in=keys, expire_date__gt=timezone.now()).values_list(
            "session_key", flat=True
        )
    )


def end_sessions(user: User, *, actor: User, keep_session_key: str | None = None, sign_in_id: int | None = None) -> int:
    """End the user's sessions (all, all but the current one, or one); the user is logged out at once."""
    with transaction.atomic():
        sign_ins = SignIn.objects.filter(user=user, ended_at__isnull=True)
        if sign_in_id is not None:
            sign_ins = sign_ins.filter(pk=sign_in_id)
        if keep_session_key:
            sign_ins = sign_ins.exclude(session_key=keep_session_key)
        keys = list(sign_ins.values_list("session_key", flat=True))
        Session.objects.filter(session_key__in=keys).delete()
        ended = sign_ins.update(ended_at=timezone.now(), ended_reason="revoked" if actor != user else "ended")
        audit.record("accounts.sessions_ended", actor=actor, target=user, data={"count": ended})
    return ended
