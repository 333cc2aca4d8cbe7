"""What the role commands share: finding the accounts they name and reading their dates."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError

from grassroots.accounts.models import User
from grassroots.core.csvimport import parse_date


def user_named(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"no user {username!r}")
    return user


def actor_named(username: str | None) -> User | None:
    """The administrator given with --by, for the audit trail; nobody when none is given."""
    return user_named(username) if username else None


def day(value: str | None) -> dt.date | None:
    """The date given (YYYY-MM-DD or dd/mm/yyyy), or None when none was given."""
    try:
        return parse_date(value) if value else None
    except ValueError as exc:
        raise CommandError(f"not a date: {exc}") from None
