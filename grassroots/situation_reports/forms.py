"""The forms of situation reports; each runs through one action (core.forms.run_form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import PeriodKind, Trend
from .rules import MAX_HOT_SPOTS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
NO_PERSON = _("About the unit, never about a person: no names, ID numbers or phone numbers.")


class RoundForm(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Unit"), queryset=None)  # type: ignore[type-arg]
    period_kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices)
    starts_on = forms.DateField(label=_("Period starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Period ends on"), widget=DATE)
    village_deadline = forms.DateField(label=_("Deadline for villages"), widget=DATE)
    commune_deadline = forms.DateField(
        label=_("Deadline for communes"), widget=DATE, help_text=_("Later than the villages' deadline.")
    )
    instructions = forms.CharField(label=_("Instructions"), widget=TEXT, max_length=5000, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ReportForm(forms.Form):
    main_concerns = forms.CharField(
        label=_("Residents' main concerns"), widget=TEXT, max_length=5000, required=False, help_text=NO_PERSON
    )
    hot_spot_count = forms.IntegerField(
        label=_("Number of hot spots"), min_value=0, max_value=MAX_HOT_SPOTS, initial=0, help_text=_("0 or more"),
        error_messages={"max_value": _("At most %(limit_value)s: count the places of tension in the unit, not the "
                                       "people or households involved.")},
    )  # fmt: skip
    hot_spots = forms.CharField(label=_("Hot spots"), widget=TEXT, max_length=5000, required=False, help_text=NO_PERSON)
    complaints_trend = forms.ChoiceField(
        label=_("Complaints and petitions"), choices=[("", "—"), *Trend.choices], required=False,
        help_text=_("Compared with the previous period."),
    )  # fmt: skip
    complaints_notes = forms.CharField(label=_("Complaints: notes"), widget=TEXT, max_length=5000, required=False)
    community_notes = forms.CharField(label=_("Community activity"), widget=TEXT, max_length=5000, required=False)
    religious_notes = forms.CharField(
        label=_("Religious activity in the unit"), widget=TEXT, max_length=5000, required=False,
        help_text=_("Activity of the unit's places of worship and events, never a person's religion."),
    )  # fmt: skip
    proposals = forms.CharField(label=_("Proposals"), widget=TEXT, max_length=5000, required=False)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason for reopening"), max_length=500)
