from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core.csvimport import parse_date
from grassroots.core.forms import NoEchoTextInput
from grassroots.core.phone import normalize_phone
from grassroots.core.uploads import check_csv_upload, check_upload
from grassroots.territory.forms import UnitChoiceField
from grassroots.territory.models import Unit

from .importing import COLUMNS
from .models import Resident
from .rules import Sex
from .spreadsheets import xlsx_to_csv

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


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
        label=_("File of the household register (CSV or Excel .xlsx)"),
        widget=forms.FileInput(
            attrs={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self) -> UploadedFile:
        """A CSV file as it is; an Excel workbook turned into the same CSV (people.spreadsheets), so
        that both go through the one import path. The original name is kept in `original_name`."""
        upload: UploadedFile = self.cleaned_data["file"]
        self.original_name = upload.name or ""
        if self.original_name.lower().endswith(".xlsx"):
            check_upload(upload, extensions=("xlsx",))
            upload.seek(0)
            data = xlsx_to_csv(upload)
            upload = SimpleUploadedFile(f"{self.original_name[:-5]}.csv", data, content_type="text/csv")
        check_csv_upload(upload, required=COLUMNS)
        return upload


# --- Keeping the register in the browser (people.keeping) --------------------------------------
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_field(label: StrOrPromise, missing: StrOrPromise) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": missing, "invalid": _("Enter the date as dd/mm/yyyy.")},
    )


class _PersonForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=200, error_messages={"required": _("Enter the full name.")}
    )
    birth_date = _date_field(_("Date of birth"), _("Enter the date of birth."))
    sex = forms.ChoiceField(
        label=_("Sex"),
        choices=Sex.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose male or female.")},
    )
    national_id = forms.CharField(
        label=_("National ID number (12 digits, if known)"),
        required=False,
        min_length=12,
        max_length=12,
        widget=NoEchoTextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]{12}"}),
        error_messages={
            "min_length": _("The national ID number must have exactly 12 digits."),
            "max_length": _("The national ID number must have exactly 12 digits."),
        },
    )

    def clean_national_id(self) -> str:
        value = str(self.cleaned_data["national_id"]).strip()
        if value and not (value.isascii() and value.isdigit()):
            raise forms.ValidationError(_("The national ID number must have exactly 12 digits."))
        return value


class BirthForm(_PersonForm):
    pass


class MemberMoveInForm(_PersonForm):
    on = _date_field(_("Moved in on"), _("Enter the date of the move."))


class HouseholdMoveInForm(_PersonForm):
    village = UnitChoiceField(
        label=_("Village or residential group"),
        queryset=Unit.objects.none(),
        error_messages={"required": _("Choose the village or residential group.")},
    )
    code = forms.CharField(
        label=_("Household code"), max_length=32, error_messages={"required": _("Enter the household code.")}
    )
    address = forms.CharField(label=_("Address"), max_length=255, error_messages={"required": _("Enter the address.")})
    phone = forms.CharField(label=_("Phone number of the representative"), max_length=20, required=False)
    on = _date_field(_("Moved in on"), _("Enter the date of the move."))
    field_order = ["village", "code", "address", "full_name", "birth_date", "sex", "national_id", "phone", "on"]

    def __init__(self, *args: Any, villages: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(UnitChoiceField, self.fields["village"])
        field.queryset = Unit.objects.filter(pk__in=[v.pk for v in villages])
        self.fields["full_name"].label = _("Full name of the representative")

    def clean_phone(self) -> str:
        value = str(self.cleaned_data["phone"]).strip()
        phone = normalize_phone(value)
        if value and not phone:
            raise forms.ValidationError(_("Enter a Vietnamese phone number, such as 0912 345 678."))
        return phone or ""


class MemberLeavingForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why the member leaves"),
        choices=[("died", _("died")), ("moved_out", _("moved out"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the member leaves.")},
    )
    on = _date_field(_("Effective date"), _("Enter the date from which the change holds."))


class HouseholdMoveOutForm(forms.Form):
    on = _date_field(_("Moved out on"), _("Enter the date of the move."))


class RepresentativeForm(forms.Form):
    resident = forms.TypedChoiceField(
        label=_("New representative"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the new representative among the adult members.")},
    )
    on = _date_field(_("Effective date"), _("Enter the date from which the change holds."))

    def __init__(self, *args: Any, members: list[Resident], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["resident"])
        field.choices = [(m.pk, m.full_name) for m in members]
