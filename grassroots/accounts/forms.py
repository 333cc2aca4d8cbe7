import datetime as dt

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from grassroots.core.csvimport import parse_date


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


class NoEchoTextInput(forms.TextInput):
    """A text box that is never filled back in: a national ID number is not sent back to the browser."""

    def format_value(self, value: object) -> None:
        return None


class VerifyResidentForm(forms.Form):
    national_id = forms.CharField(
        label=_("National ID number (12 digits)"),
        min_length=12,
        max_length=12,
        widget=NoEchoTextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]{12}"}),
    )
    birth_date = forms.CharField(label=_("Date of birth (dd/mm/yyyy)"), max_length=10)

    def clean_national_id(self) -> str:
        value = self.cleaned_data["national_id"].strip()
        if not (value.isascii() and value.isdigit()):
            raise forms.ValidationError(_("The national ID number must have exactly 12 digits."))
        return value

    def clean_birth_date(self) -> dt.date:
        try:
            return parse_date(self.cleaned_data["birth_date"])
        except ValueError:
            raise forms.ValidationError(_("Enter the date as dd/mm/yyyy.")) from None
