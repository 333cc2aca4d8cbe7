from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from grassroots.core import audit
from grassroots.core.errors import DomainError

from .forms import LoginForm, SetupTokenForm, TokenForm
from .http import AuthedRequest, signed_in
from .middleware import second_factor_exempt
from .models import ApiToken, SignIn
from .roles import active_roles
from .sessions import end_sessions, is_active, live_session_keys
from .tokens import revoke_token_of_owner
from .twofactor import (
    confirm_device,
    has_confirmed_device,
    needs_second_factor,
    pending_device,
    qr_data_uri,
    secret_for_display,
)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        # Officials go straight on to the second step rather than meeting it on the next page.
        url = super().get_success_url()
        user = signed_in(self.request)
        # A fresh login is never verified yet (django-otp marks the session only after the code).
        if needs_second_factor(user):
            target = "accounts:two-factor" if has_confirmed_device(user) else "accounts:two-factor-setup"
            return f"{resolve_url(target)}?{urlencode({'next': url})}"
        return url


def _next_url(request: AuthedRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url("portal:home")


@second_factor_exempt
def two_factor(request: AuthedRequest) -> HttpResponse:
    """Second step of the login: a code from the authenticator app, or a recovery code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not has_confirmed_device(request.user):
        return redirect(f"{resolve_url('accounts:two-factor-setup')}?next={_next_url(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            audit.record(
                "accounts.second_factor_passed",
                actor=request.user,
                target=request.user,
                data={"device": device.__class__.__name__},
            )
            return redirect(_next_url(request))
        audit.record("accounts.second_factor_failed", actor=request.user, target=request.user)
        form.add_error(
            "token",
            _("The code is not right, or too many wrong codes were tried. Wait a moment and try the newest code."),
        )
    status = 422 if form.errors else 200
    return render(request, "accounts/two_factor.html", {"form": form, "next": _next_url(request)}, status=status)


@second_factor_exempt
def two_factor_setup(request: AuthedRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), then confirm with a code."""
    if has_confirmed_device(request.user) and not request.user.is_verified():
        # Replacing the authenticator needs the current second factor first.
        return redirect(f"{resolve_url('accounts:two-factor')}?next={request.get_full_path()}")
    device = pending_device(request.user)
    form = SetupTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = confirm_device(request.user, device, form.cleaned_data["token"])
        except DomainError as exc:
            form.add_error("token", exc.message)
        else:
            otp_login(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)})
    context = {
        "form": form,
        "qr": qr_data_uri(device),
        "secret": secret_for_display(device),
        "next": _next_url(request),
        "required": needs_second_factor(request.user),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=422 if form.errors else 200)


@require_POST
def recovery_codes(request: AuthedRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working); only after the second factor."""
    from .twofactor import new_recovery_codes

    if not request.user.is_verified():
        return redirect("accounts:two-factor")
    codes = new_recovery_codes(request.user)
    audit.record("accounts.recovery_codes_renewed", actor=request.user, target=request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": resolve_url("accounts:profile")})


def profile(request: AuthedRequest) -> HttpResponse:
    context = {
        "roles": active_roles(request.user),
        "has_device": has_confirmed_device(request.user),
        "needs_second_factor": needs_second_factor(request.user),
    }
    return render(request, "accounts/profile.html", context)


def sign_ins(request: AuthedRequest) -> HttpResponse:
    """Where and when this account signed in; any session can be ended from here."""
    if request.method == "POST":
        sign_in_id = request.POST.get("sign_in")
        count = end_sessions(
            request.user,
            actor=request.user,
            keep_session_key=request.session.session_key,
            sign_in_id=int(sign_in_id) if sign_in_id and sign_in_id.isdigit() else None,
        )
        messages.success(request, _("Sessions ended: %(count)s.") % {"count": count})
        return redirect("accounts:sign-ins")
    items = list(SignIn.objects.filter(user=request.user)[:50])
    live = live_session_keys(items)
    rows = [
        {"sign_in": s, "active": is_active(s, live), "current": s.session_key == request.session.session_key}
        for s in items
    ]
    return render(request, "accounts/sign_ins.html", {"rows": rows})


def api_tokens(request: AuthedRequest) -> HttpResponse:
    """The user's API tokens: name, scope, dates; never the token itself, which is shown only once."""
    now = timezone.now()
    rows = [
        {"token": t, "state": "revoked" if t.revoked_at else ("active" if t.is_usable_at(now) else "expired")}
        for t in ApiToken.objects.filter(user=request.user)[:100]
    ]
    return render(request, "accounts/api_tokens.html", {"rows": rows})


def api_token_revoke(request: AuthedRequest, token_id: int) -> HttpResponse:
    """Confirm (GET), then revoke (POST) one of the user's own tokens; anyone else's is a 404."""
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    if request.method == "POST":
        if revoke_token_of_owner(request.user, token.pk):
            messages.success(request, _("The API token “%(name)s” was revoked.") % {"name": token.name})
        return redirect("accounts:api-tokens")
    return render(request, "accounts/api_token_revoke.html", {"token": token})


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        user = signed_in(self.request)
        audit.record("accounts.password_changed", actor=user, target=user)
        # Other sessions of this account end with the old password.
        end_sessions(user, actor=user, keep_session_key=self.request.session.session_key)
        # The API tokens were revoked when the new password was saved (passwords.RevokeApiTokensOnChange).
        messages.success(
            self.request, _("Your password was changed. Your other sessions were ended and your API tokens revoked.")
        )
        return response

    def get_success_url(self) -> str:
        return resolve_url("accounts:profile")
