from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import NoEchoTextInput


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Phone number or username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        # The same message whether the account exists or not (no account enumeration).
        "invalid_login": _("The phone number/username or the password is wrong."),
        "inactive": _("This account is disabled."),
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=16,
        widget=NoEchoTextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self) -> str:
        return str(self.cleaned_data["token"]).replace(" ", "").strip()


class SetupTokenForm(TokenForm):
    token = forms.CharField(
        label=_("The 6-digit code your authenticator app shows now"),
        max_length=8,
        widget=NoEchoTextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )
