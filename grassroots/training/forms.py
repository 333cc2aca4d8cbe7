"""Forms of the training pages: they check input; the actions check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import Role, User
from grassroots.core.phone import normalize_phone
from grassroots.core.uploads import check_upload
from grassroots.territory.forms import UnitChoiceField
from grassroots.territory.models import COMMUNE_KINDS, VILLAGE_KINDS, Unit, UnitKind, units_by_path

from . import qa, rules
from .models import Conference, Difficulty, Session, Topic

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
DATETIME_WIDGET = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"})
# Kinds of unit an invitation rule may name: commune level, and villages / residential groups.
RULE_KINDS = [(k.value, k.label) for k in UnitKind if k in COMMUNE_KINDS or k in VILLAGE_KINDS]
# Roles that run grassroots democracy and are invited to its training (not residents or administrators).
RULE_ROLES = [(r.value, r.label) for r in Role if r not in {Role.SYSTEM_ADMIN, Role.HOUSEHOLD_REPRESENTATIVE}]
MATERIAL_EXTENSIONS = ("pdf", "docx", "pptx", "jpg", "png")


def find_account(value: str) -> User | None:
    """An active account by its username or its phone number (0912 345 678, +84 912 345 678 …)."""
    value = value.strip()
    query = Q(username__iexact=value)
    phone = normalize_phone(value)
    if phone:
        query |= Q(phone=phone)
    return User.objects.filter(query, is_active=True).first()


class AccountField(forms.CharField):
    """A username or a phone number, cleaned to the account it names."""

    def clean(self, value: Any) -> User | None:
        value = super().clean(value)
        if not value:
            return None
        user = find_account(value)
        if user is None:
            raise ValidationError(_("No account has this username or phone number."), code="no_account")
        return user


class ConferenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Last day (if more than one day)"), required=False, widget=DATE_WIDGET)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    after_test_attempts = forms.IntegerField(
        label=_("Attempts a delegate has at the test after the course (the best result counts)"),
        required=False,  # left empty: 3 on a new conference, unchanged on an edit
        min_value=1,
        max_value=rules.MAX_AFTER_TEST_ATTEMPTS,
        initial=rules.AFTER_TEST_ATTEMPTS,
        error_messages={
            "min_value": _("Enter how many attempts a delegate has, from 1 to 10."),
            "max_value": _("Enter how many attempts a delegate has, from 1 to 10."),
            "invalid": _("Enter how many attempts a delegate has, from 1 to 10."),
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last day cannot be before the first."))
        return data


class NewConferenceForm(ConferenceForm):
    unit = UnitChoiceField(label=_("Organized by the steering committee of"), queryset=Unit.objects.none())
    from_template = forms.BooleanField(
        label=_("Start from the template: the four topics of the city conference and the exchange"),
        required=False,
        initial=True,
    )

    field_order = [
        "unit", "title", "starts_on", "ends_on", "venue", "online_link", "after_test_attempts", "from_template"
    ]  # fmt: skip

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])  # type: ignore[attr-defined]
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk


class SessionForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    title = forms.CharField(label=_("Title (the topic when left empty)"), max_length=200, required=False)
    speaker = forms.CharField(label=_("Speaker"), max_length=200, required=False)
    starts_at = forms.DateTimeField(label=_("Starts at"), required=False, widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("Ends at"), required=False, widget=DATETIME_WIDGET)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none(), required=False)
    file = forms.FileField(label=_("File (PDF, Word, PowerPoint, JPEG or PNG)"), required=False)
    url = forms.URLField(label=_("or a link"), max_length=500, required=False, assume_scheme="https")

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = conference.sessions.all()  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if file:
            check_upload(file, extensions=MATERIAL_EXTENSIONS)
        return file

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_file, has_url = bool(data.get("file")), bool(data.get("url"))
        if has_file and has_url:
            self.add_error("url", _("Upload a file or give a link, not both."))
        elif not has_file and not has_url and "file" not in self.errors and "url" not in self.errors:
            self.add_error("file", _("Upload a file or give a link."))
        return data


def _units_for_rules(conference: Conference) -> QuerySet[Unit]:
    """The organizing unit and the units under it that hold communes or villages, on the conference date."""
    organizer = conference.organizer_unit
    return (
        Unit.objects.descendants_of(organizer, include_self=True)
        .exclude(kind__in=VILLAGE_KINDS)
        .valid_on(conference.starts_on)
        .order_by("path")
    )


class RuleForm(forms.Form):
    role = forms.ChoiceField(label=_("Invite the holder of the role"), choices=RULE_ROLES)
    unit_kinds = forms.MultipleChoiceField(
        label=_("in every unit of these kinds"), choices=RULE_KINDS, widget=forms.CheckboxSelectMultiple
    )
    within = UnitChoiceField(label=_("within"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["within"]
        field.queryset = _units_for_rules(conference)  # type: ignore[attr-defined]
        field.empty_label = str(conference.organizer_unit)  # type: ignore[attr-defined]


class InviteForm(forms.Form):
    account = AccountField(label=_("Username or phone number"), max_length=150)
    unit = UnitChoiceField(label=_("Representing"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = _units_for_rules(conference)  # type: ignore[attr-defined]
        field.empty_label = str(conference.organizer_unit)  # type: ignore[attr-defined]


class SubstituteForm(forms.Form):
    deputy = AccountField(
        label=_("Your deputy's username or phone number"),
        max_length=150,
        help_text=_("The deputy gets an invitation and a code of their own; yours stops working."),
    )


# --- Questions, answers and difficulties (views_qa) ----------------------------------------------
class AskForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"), max_length=qa.MAX_QUESTION_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )
    session = forms.ModelChoiceField(
        label=_("About the session (optional)"),
        queryset=Session.objects.none(),
        required=False,
        empty_label=_("The conference as a whole"),
    )

    def __init__(self, *args: Any, conference: Conference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = conference.sessions.all()  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=qa.MAX_ANSWER_LENGTH, widget=forms.Textarea(attrs={"rows": 8})
    )
    answered_by = forms.CharField(label=_("Answered by (speaker)"), max_length=200)
    publish = forms.BooleanField(label=_("Publish in the FAQ"), required=False, initial=True)


class DifficultyForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    text = forms.CharField(
        label=_("The difficulty"),
        max_length=qa.MAX_QUESTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: our residential group of 480 households cannot reach half attendance."),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit] | list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [u.pk for u in units]
        self.fields["unit"].queryset = units_by_path(ids)  # type: ignore[attr-defined]
        if len(ids) == 1:
            self.fields["unit"].initial = ids[0]


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Who must answer"), queryset=User.objects.none())

    def __init__(self, *args: Any, difficulty: Difficulty, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = qa.assignee_choices(difficulty)  # type: ignore[attr-defined]
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Response"), max_length=qa.MAX_ANSWER_LENGTH, widget=forms.Textarea(attrs={"rows": 6})
    )
