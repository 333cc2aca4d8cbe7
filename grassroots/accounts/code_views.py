"""Signing in with a one-time code, and "forgot password" (accounts.codes): phone number → text
message with a code (or a printed letter) → the code → a new password → signed in."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from grassroots.core import audit
from grassroots.core.errors import DomainError

from .codes import CodeThrottled, request_code_by_sms, use_code
from .forms import CodeForm, PhoneForm
from .middleware import second_factor_exempt
from .models import CodePurpose, User
from .sessions import end_sessions
from .throttle import client_ip

# Session keys: the number typed on the first page (to fill in the second), and the account whose
# code was right, with when, for the password page.
PHONE_KEY = "login_code_phone"
VERIFIED_KEY = "login_code_verified"
# How long after a right code the new password must be set.
PASSWORD_STEP_MINUTES = 15
AUTH_BACKEND = "grassroots.accounts.backends.PhoneOrUsernameBackend"


def _throttled(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/code_throttled.html", status=429)


def _request_code(request: HttpRequest, *, forgot: bool) -> HttpResponse:
    form = PhoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            request_code_by_sms(form.cleaned_data["phone"], ip=client_ip(request))
        except CodeThrottled:
            return _throttled(request)
        request.session[PHONE_KEY] = form.cleaned_data["phone"]
        # The same answer whether or not the number has an account.
        messages.info(
            request,
            _(
                "If an account has this phone number, a text message with a code is on its way. "
                "The code works for %(minutes)s minutes."
            )
            % {"minutes": settings.LOGIN_CODE_SMS_MINUTES},
        )
        return redirect("accounts:code-enter")
    template = "accounts/password_forgot.html" if forgot else "accounts/code_request.html"
    return render(request, template, {"form": form}, status=422 if form.errors else 200)


@never_cache
@login_not_required
@second_factor_exempt
def code_request(request: HttpRequest) -> HttpResponse:
    """Sign in with a code: the phone number the code is sent to."""
    return _request_code(request, forgot=False)


@never_cache
@login_not_required
@second_factor_exempt
def password_forgot(request: HttpRequest) -> HttpResponse:
    """Forgot password: the same flow; the code lets the resident set a new password."""
    return _request_code(request, forgot=True)


@never_cache
@login_not_required
@second_factor_exempt
def code_enter(request: HttpRequest) -> HttpResponse:
    """The code from the text message or the letter, with the phone number or the username."""
    initial = {"identifier": request.session.get(PHONE_KEY, "")}
    form = CodeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            row = use_code(form.cleaned_data["identifier"], form.cleaned_data["code"], ip=client_ip(request))
        except CodeThrottled:
            return _throttled(request)
        except DomainError as exc:
            form.add_error("code", str(exc.message))
        else:
            request.session.pop(PHONE_KEY, None)
            request.session[VERIFIED_KEY] = {"user": row.user_id, "at": timezone.now().isoformat()}
            return redirect("accounts:code-password")
    return render(request, "accounts/code_enter.html", {"form": form}, status=422 if form.errors else 200)


def _verified_user(request: HttpRequest) -> User | None:
    """The account whose code was right in this session, a short while ago."""
    verified = request.session.get(VERIFIED_KEY)
    if not isinstance(verified, dict):
        return None
    try:
        at = dt.datetime.fromisoformat(str(verified["at"]))
        user_id = int(verified["user"])
    except (KeyError, TypeError, ValueError):
        return None
    if timezone.now() - at > dt.timedelta(minutes=PASSWORD_STEP_MINUTES):
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


@never_cache
@login_not_required
@second_factor_exempt
def code_password(request: HttpRequest) -> HttpResponse:
    """Set the password (the same rules as everywhere: accounts.passwords), then signed in."""
    user = _verified_user(request)
    if user is None:
        request.session.pop(VERIFIED_KEY, None)
        messages.error(request, _("Enter the code first. If it is more than a few minutes old, ask for a new one."))
        return redirect("accounts:code-enter")
    first = not user.has_usable_password()
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        request.session.pop(VERIFIED_KEY, None)
        audit.record(
            "accounts.password_set_with_code",
            actor=user,
            target=user,
            data={"purpose": CodePurpose.FIRST_SIGN_IN if first else CodePurpose.RESET},
        )
        # Whoever knew the old password is signed out everywhere.
        end_sessions(user, actor=user)
        login(request, user, backend=AUTH_BACKEND)
        messages.success(request, _("Your password is set. You are signed in."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    context = {"form": form, "first": first, "username": user.username}
    return render(request, "accounts/code_password.html", context, status=422 if form.errors else 200)
