"""The forms of the conference's steps; each runs through one action (core.forms.run_form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import NoticeChannel, Party

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TEXT = forms.Textarea(attrs={"rows": 3})


class PlanForm(forms.Form):
    planned_on = forms.DateField(label=_("Day of the conference"), widget=DATE)
    starts_at = forms.TimeField(label=_("Starting time"), widget=TIME, required=False)
    venue = forms.CharField(label=_("Venue"), max_length=200)
    content = forms.CharField(label=_("Content"), widget=TEXT, max_length=5000)
    organisation = forms.CharField(label=_("Organisation"), widget=TEXT, max_length=5000, required=False)


class AgreementForm(forms.Form):
    party = forms.ChoiceField(label=_("Agreed by"), choices=Party.choices)
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DATE)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)

    def __init__(self, *args: Any, parties: list[Party] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["party"]
        if parties is not None and isinstance(field, forms.ChoiceField):
            field.choices = [(p.value, p.label) for p in parties]
        self.fields["agreed_on"].initial = timezone.localdate()


class NoticeForm(forms.Form):
    sent_on = forms.DateField(label=_("Notice sent to households on"), widget=DATE)
    channel = forms.ChoiceField(label=_("How"), choices=NoticeChannel.choices)


class HoldForm(forms.Form):
    households_present = forms.IntegerField(label=_("Households whose representative is present"), min_value=0)
    secretary_name = forms.CharField(label=_("Secretary keeping the minutes"), max_length=200)
    chair_name = forms.CharField(label=_("Chaired by (if not you)"), max_length=200, required=False)


class LinesField(forms.CharField):
    """One entry per line (proposals, answers), stored as a list."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in str(text).splitlines() if line.strip()]


class MinutesForm(forms.Form):
    """D59 Art 10: the agenda of the conference, points 1–9, and the convention review (D61 Art 15)."""

    chair_name = forms.CharField(label=_("Chaired by"), max_length=200, required=False)
    secretary_name = forms.CharField(label=_("1. Secretary keeping the minutes"), max_length=200, required=False)
    guests = forms.CharField(label=_("Invited guests"), widget=TEXT, required=False, max_length=2000)
    head_report = forms.CharField(
        label=_("2. The village head's report"), widget=TEXT, required=False, max_length=20000
    )
    front_report = forms.CharField(
        label=_("3. The Front work committee's report"), widget=TEXT, required=False, max_length=20000
    )
    inspection_member_name = forms.CharField(
        label=_("People's Inspection Board member elected by this village"), max_length=200, required=False
    )
    inspection_report = forms.CharField(
        label=_("4. The Inspection Board member's report"), widget=TEXT, required=False, max_length=20000
    )
    proposals = LinesField(label=_("5. Proposals (one a line)"), required=False, max_length=20000)
    answers = LinesField(label=_("6. Answers and explanations (one a line)"), required=False, max_length=20000)
    approved_contents = forms.CharField(label=_("7. Contents approved"), widget=TEXT, required=False, max_length=20000)
    praise = forms.CharField(
        label=_("8. Praise for households and individuals"), widget=TEXT, required=False, max_length=5000
    )
    conclusion = forms.CharField(label=_("9. Conclusion"), widget=TEXT, required=False, max_length=5000)
    convention_review = forms.CharField(
        label=_("Review of the village convention, if held at this conference (D61 Art 15)"),
        widget=TEXT,
        required=False,
        max_length=20000,
    )


class ReportForm(forms.Form):
    sent_on = forms.DateField(label=_("Written report sent on"), widget=DATE)
