"""One-time codes: a resident signs in for the first time, or sets a new password, with a code sent
by text message or printed on a letter the village head hands over (issue 9).

- A code is 6 random digits; only a keyed hash (HMAC-SHA256 under SECRET_KEY) is stored, so a copy
  of the database does not hold a usable code. The code exists in clear only in the SMS and on the
  letter; it never reaches a log, the audit trail or a URL (docs/privacy.md).
- It works once, until it expires (settings.LOGIN_CODE_SMS_MINUTES / LOGIN_CODE_LETTER_DAYS), for at
  most LOGIN_CODE_MAX_ATTEMPTS wrong tries; a newer code of the same purpose replaces the older ones.
- Requests and tries are throttled per phone number (or username) and per address, counted whether
  or not an account exists: the answers are the same for every number, so nobody learns who has an
  account (OWASP ASVS V6.4, V6.6).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grassroots.core import audit, sms
from grassroots.core.errors import DomainError
from grassroots.core.phone import normalize_phone

from .models import CodeChannel, CodePurpose, CodeRequest, LoginCode, User

CODE_DIGITS = 6
# The throttles count what happened within this window.
WINDOW = dt.timedelta(hours=1)
# Text messages to residents go out in Vietnamese: their language is not known (as people.linking).
MESSAGE_LANGUAGE = "vi"

WRONG_CODE = _("This code is not right, or it is no longer valid. Check the code, or ask for a new one.")


class CodeThrottled(Exception):
    """Too many requests or tries for this phone number or from this address; wait and try again."""


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_hash(user_id: int, code: str) -> str:
    """The keyed hash stored for a code: bound to the account, useless without SECRET_KEY."""
    return salted_hmac("grassroots.accounts.codes", f"{user_id}:{code}", algorithm="sha256").hexdigest()


def subject_of(identifier: str) -> str:
    """The keyed hash a throttle counts by: the phone number in one form, or the username in lower case."""
    value = normalize_phone(identifier) or identifier.strip().lower()
    return salted_hmac("grassroots.accounts.codes.subject", value, algorithm="sha256").hexdigest()


def lifetime(channel: str) -> dt.timedelta:
    if channel == CodeChannel.LETTER:
        return dt.timedelta(days=settings.LOGIN_CODE_LETTER_DAYS)
    return dt.timedelta(minutes=settings.LOGIN_CODE_SMS_MINUTES)


def purpose_for(user: User) -> str:
    """A first sign-in for an account that never had a password, a reset for the others."""
    return CodePurpose.RESET if user.has_usable_password() else CodePurpose.FIRST_SIGN_IN


@transaction.atomic
def issue_code(user: User, *, channel: str, actor: User | None = None) -> tuple[LoginCode, str]:
    """A new code for the account (the code in clear is returned once, to send or print); the
    account's earlier codes of the same purpose stop working."""
    now = timezone.now()
    purpose = purpose_for(user)
    LoginCode.objects.filter(user=user, purpose=purpose).live_at(now).update(revoked_at=now)
    code = new_code()
    row = LoginCode.objects.create(
        user=user,
        purpose=purpose,
        channel=channel,
        code_hash=code_hash(user.pk, code),
        created_at=now,
        expires_at=now + lifetime(channel),
        issued_by=actor,
    )
    return row, code


def sms_text(code: str, expires_at: dt.datetime) -> str:
    with translation.override(MESSAGE_LANGUAGE):
        return gettext(
            "Your Grassroots sign-in code is %(code)s, valid until %(time)s. Do not share this code with anyone."
        ) % {"code": code, "time": timezone.localtime(expires_at).strftime("%H:%M")}


def _count(kind: str, since: dt.datetime, *, subject: str | None = None, ip: str | None = None) -> int:
    rows = CodeRequest.objects.filter(kind=kind, created_at__gte=since)
    if subject is not None:
        rows = rows.filter(subject=subject)
    if ip is not None:
        rows = rows.filter(ip_address=ip)
    return rows.count()


def _note(kind: str, subject: str, ip: str | None, now: dt.datetime, *, succeeded: bool = False) -> None:
    # Old rows are of no use to any throttle: drop them as new ones come.
    CodeRequest.objects.filter(created_at__lt=now - 2 * WINDOW).delete()
    CodeRequest.objects.create(kind=kind, subject=subject, ip_address=ip, created_at=now, succeeded=succeeded)


def _check_throttle(kind: str, subject: str, ip: str | None, *, per_subject: int, now: dt.datetime) -> None:
    since = now - WINDOW
    # Per phone number or username, whether or not it has an account.
    if _count(kind, since, subject=subject) >= per_subject:
        raise CodeThrottled
    # Per address, across all numbers (guessing many numbers from one place).
    if ip is not None and _count(kind, since, ip=ip) >= settings.LOGIN_CODE_REQUESTS_PER_ADDRESS:
        raise CodeThrottled


def request_code_by_sms(phone: str, *, ip: str | None) -> None:
    """Send a code to the phone number if an active account has it; otherwise do nothing, silently.

    The caller answers the same in both cases. Raises CodeThrottled when the number or the address
    asked too often (counted before the account is looked up, so that it says nothing either).
    """
    now = timezone.now()
    subject = subject_of(phone)
    _check_throttle(CodeRequest.Kind.SEND, subject, ip, per_subject=settings.LOGIN_CODE_SENDS_PER_PHONE, now=now)
    number = normalize_phone(phone)
    with transaction.atomic():
        _note(CodeRequest.Kind.SEND, subject, ip, now)
        user = User.objects.filter(phone=number, is_active=True).first() if number else None
        if user is None or number is None:
            return
        row, code = issue_code(user, channel=CodeChannel.SMS)
        audit.record(
            "accounts.login_code_sent",
            actor=None,
            target=user,
            data={"code": row.pk, "purpose": row.purpose, "channel": row.channel},
        )
        text = sms_text(code, row.expires_at)
        transaction.on_commit(lambda: sms.send_sms(number, text))


def _account_for(identifier: str) -> User | None:
    number = normalize_phone(identifier)
    query = Q(username__iexact=identifier.strip())
    if number:
        query |= Q(phone=number)
    return User.objects.filter(query, is_active=True).first()


def use_code(identifier: str, code: str, *, ip: str | None) -> LoginCode:
    """The live code of the account (by phone number or username) that matches, now used up.

    A wrong code counts against every live code of the account; one message for a wrong, used,
    expired or replaced code and for an unknown account. Raises CodeThrottled after too many tries.
    """
    now = timezone.now()
    subject = subject_of(identifier)
    max_attempts = settings.LOGIN_CODE_MAX_ATTEMPTS
    # Twice the tries one code allows: a resident may mistype a first code, then a second one.
    _check_throttle(CodeRequest.Kind.CHECK, subject, ip, per_subject=2 * max_attempts, now=now)
    code = code.replace(" ", "").strip()
    with transaction.atomic():
        user = _account_for(identifier)
        live = (
            list(
                LoginCode.objects.select_for_update()
                .filter(user=user, attempts__lt=max_attempts)
                .live_at(now)
                .order_by("-created_at")
            )
            if user is not None
            else []
        )
        match = None
        if user is not None and code.isdigit():
            wanted = code_hash(user.pk, code)
            match = next((row for row in live if constant_time_compare(row.code_hash, wanted)), None)
        _note(CodeRequest.Kind.CHECK, subject, ip, now, succeeded=match is not None)
        if match is None:
            if user is not None:
                LoginCode.objects.filter(pk__in=[row.pk for row in live]).update(attempts=F("attempts") + 1)
                audit.record("accounts.login_code_failed", actor=None, target=user)
            failure = DomainError(WRONG_CODE, field="code")
        else:
            match.used_at = now
            match.save(update_fields=["used_at"])
            audit.record(
                "accounts.login_code_used",
                actor=None,
                target=match.user,
                data={"code": match.pk, "purpose": match.purpose, "channel": match.channel},
            )
            return match
    # Outside the transaction, so that the counted attempt is kept.
    raise failure
