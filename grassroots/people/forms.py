import datetime as dt

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core.csvimport import parse_date
from grassroots.core.forms import NoEchoTextInput
from grassroots.core.phone import normalize_phone
from grassroots.core.uploads import check_csv_upload

from .importing import COLUMNS


class LinkAccountForm(forms.Form):
    resident = forms.IntegerField(widget=forms.HiddenInput)
    account = forms.CharField(label=_("Username or phone number of the account"), max_length=150)

    def clean_account(self) -> User:
        value = self.cleaned_data["account"].strip()
        phone = normalize_phone(value)
        user = User.objects.filter(username__iexact=value).first() or (
            User.objects.filter(phone=phone).first() if phone else None
        )
        if user is None:
            raise forms.ValidationError(_("No account has this username or phone number."))
        return user


class VerifyResidentForm(forms.Form):
    national_id = forms.CharField(
        label=_("National ID number (12 digits)"),
        min_length=12,
        max_length=12,
        widget=NoEchoTextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]{12}"}),
    )
    birth_date = forms.CharField(label=_("Date of birth (dd/mm/yyyy)"), max_length=10)

    def clean_national_id(self) -> str:
        value = str(self.cleaned_data["national_id"]).strip()
        if not (value.isascii() and value.isdigit()):
            raise forms.ValidationError(_("The national ID number must have exactly 12 digits."))
        return value

    def clean_birth_date(self) -> dt.date:
        try:
            return parse_date(self.cleaned_data["birth_date"])
        except ValueError:
            raise forms.ValidationError(_("Enter the date as dd/mm/yyyy.")) from None


class RegisterImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file of the household register"),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        check_csv_upload(upload, required=COLUMNS)
        return upload
