"""Login throttling around django-axes: per account (axes) and a ceiling per address."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from grassroots.core.phone import normalize_phone


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For entry written by our own proxies."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        forwarded = [p.strip() for p in header.split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """One key per account however it is typed: 0912 345 678, +84912345678 and a username that
    belongs to the same account count together, so alternating spellings does not reset the count."""
    from .models import User

    raw = ((credentials or {}).get("username") or request.POST.get("username") or "").strip()
    phone = normalize_phone(raw)
    if phone:
        user = User.objects.filter(phone=phone).only("username").first()
        return user.username.lower() if user else phone
    return raw.lower()


def failures_from_address(ip: str | None) -> int:
    """Failed logins from one address inside the cool-off window, across all accounts."""
    if not ip:
        return 0
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )
    return int(total["n"] or 0)


def address_is_throttled(request: HttpRequest) -> bool:
    return failures_from_address(client_ip(request)) >= settings.LOGIN_FAILURES_PER_ADDRESS


def lockout_response(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The same page for every lockout: it says nothing about whether the account exists."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
