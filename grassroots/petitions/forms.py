"""The forms of the casework; each runs through one action (core.forms.run_form). Photos pass
core.uploads.check_upload (JPEG or PNG, size, first bytes)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.uploads import check_upload

from . import rules
from .choices import Channel, Period

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})
MAX_PHOTOS = 3
PHOTO_MB = 8


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(files) > MAX_PHOTOS:
            raise ValidationError(_("At most %(n)s photos."), params={"n": MAX_PHOTOS})
        cleaned = [super(PhotosField, self).clean(f, initial) for f in files]
        for f in cleaned:
            check_upload(f, extensions=("jpg", "jpeg", "png"), max_mb=PHOTO_MB)
        return cleaned


def _petition_fields() -> dict[str, forms.Field]:
    return {
        "subject": forms.CharField(label=_("Subject"), max_length=200),
        "body": forms.CharField(label=_("What happened"), widget=TEXT, max_length=10000),
        "concerns": forms.CharField(label=_("Whom or what it concerns (optional)"), max_length=200, required=False),
        "place": forms.CharField(label=_("Place (optional)"), max_length=200, required=False),
        "photos": PhotosField(label=_("Photos (optional, JPEG or PNG, up to 3)"), required=False),
        "hide_identity": forms.BooleanField(
            label=_("Hide my identity: only the head of the board may see it"),
            required=False,
            help_text=_("Law Art 9(2): disclosing the identity of a petitioner is prohibited."),
        ),
    }


class PetitionForm(forms.Form):
    latitude = forms.DecimalField(label=_("Latitude (optional)"), max_digits=9, decimal_places=6, required=False,
                                  min_value=-90, max_value=90)  # fmt: skip
    longitude = forms.DecimalField(label=_("Longitude (optional)"), max_digits=9, decimal_places=6, required=False,
                                   min_value=-180, max_value=180)  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = _petition_fields()
        for name in ("latitude", "longitude"):
            fields[name] = self.fields.pop(name)
        fields["hide_identity"] = fields.pop("hide_identity")
        self.fields.update(fields)


class EntryForm(forms.Form):
    channel = forms.ChoiceField(label=_("Received by"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    name = forms.CharField(label=_("Petitioner's name (optional)"), max_length=200, required=False)
    phone = forms.CharField(label=_("Petitioner's phone number (optional)"), max_length=20, required=False)
    address = forms.CharField(label=_("Petitioner's address (optional)"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_petition_fields())
        self.fields["hide_identity"].label = _("The petitioner asks that their identity be hidden")
        self.fields["received_on"].initial = timezone.localdate()


class TriageForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Decision"), coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", _("Take it up")), ("no", _("Do not take it up"))],
    )  # fmt: skip
    note = forms.CharField(
        label=_("Note (the reason, when not taken up)"), widget=TEXT, max_length=5000, required=False
    )


class AssignForm(forms.Form):
    members: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Members"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, members: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members  # type: ignore[attr-defined]
        self.fields["members"].label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]


class PlanForm(forms.Form):
    plan = forms.CharField(label=_("Inspection plan (purpose, content, time, subject)"), widget=TEXT, max_length=10000)
    sent_on = forms.DateField(label=_("Sent to the Front, the commune Chair and the subject on"), widget=DATE)
    acting_from = forms.DateField(label=_("The board acts from"), widget=DATE,
                                  help_text=_("At least 5 working days after the plan is sent (D59 Art 14)."))  # fmt: skip


class FindingsForm(forms.Form):
    findings = forms.CharField(label=_("Findings"), widget=TEXT, max_length=10000)
    verified_on = forms.DateField(label=_("Verified on"), widget=DATE)


class RecommendForm(forms.Form):
    recommendation = forms.CharField(label=_("Recommendation to the commune People's Committee"), widget=TEXT,
                                     max_length=10000)  # fmt: skip


class CertifyForm(forms.Form):
    certified_on = forms.DateField(label=_("Certified and sent to the commune People's Committee on"), widget=DATE)


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Answer of the commune People's Committee"), widget=TEXT, max_length=10000)
    answered_on = forms.DateField(label=_("Answered on"), widget=DATE)


class ResultForm(forms.Form):
    result = forms.CharField(label=_("Written result to the petitioner"), widget=TEXT, max_length=10000)


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the outcome? (1 = not at all, 5 = fully)"), coerce=int,
        choices=[(n, str(n)) for n in range(rules.RATING_MIN, rules.RATING_MAX + 1)], widget=forms.RadioSelect,
    )  # fmt: skip
    comment = forms.CharField(label=_("Comment (optional)"), max_length=500, required=False)


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Period"), choices=Period.choices)
    year = forms.IntegerField(label=_("Year (first year of the term)"), min_value=2000, max_value=2100)
    number = forms.IntegerField(label=_("Quarter (1–4) or half-year (1–2)"), min_value=1, max_value=4, required=False)
    last_year = forms.IntegerField(label=_("Last year of the term"), min_value=2000, max_value=2100, required=False)
