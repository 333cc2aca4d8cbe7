from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import NoEchoTextInput
from grassroots.core.phone import normalize_phone


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


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "tel", "inputmode": "tel"}),
    )

    def clean_phone(self) -> str:
        phone = normalize_phone(self.cleaned_data["phone"])
        if phone is None:
            raise forms.ValidationError(_("Enter a Vietnamese phone number, such as 0912 345 678."))
        return phone


class CodeForm(forms.Form):
    identifier = forms.CharField(
        label=_("Phone number or username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    code = forms.CharField(
        label=_("The 6-digit code from the text message or the letter"),
        max_length=12,
        widget=NoEchoTextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).replace(" ", "").strip()
        if not code.isdigit():
            raise forms.ValidationError(_("The code is made of digits only. Type it as it is written."))
        return code
