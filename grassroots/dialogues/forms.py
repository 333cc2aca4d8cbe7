"""The forms of the dialogue's steps; each runs through one action (core.forms.run_form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Channel

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TEXT = forms.Textarea(attrs={"rows": 3})
STAFF_CHANNELS = [(c.value, c.label) for c in Channel if c != Channel.ONLINE]


class ScheduleForm(forms.Form):
    planned_on = forms.DateField(label=_("Day of the dialogue"), widget=DATE)
    starts_at = forms.TimeField(label=_("Starting time"), widget=TIME, required=False)
    venue = forms.CharField(label=_("Venue"), max_length=200)
    topics = forms.CharField(label=_("Topics"), widget=TEXT, max_length=5000)


class FrontForm(forms.Form):
    agreed_on = forms.DateField(label=_("Agreed with the Front on"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreed_on"].initial = timezone.localdate()


class NoticeForm(forms.Form):
    text = forms.CharField(label=_("Notice to residents"), widget=TEXT, max_length=5000, required=False)


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), widget=TEXT, max_length=5000)
    channel = forms.ChoiceField(label=_("Received"), choices=STAFF_CHANNELS)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    village: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Village (optional)"), queryset=None, required=False
    )
    asker_name = forms.CharField(label=_("Asker's name (optional)"), max_length=200, required=False)
    signed = forms.BooleanField(label=_("The asker agrees to be named publicly"), required=False)

    def __init__(self, *args: Any, villages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]
        self.fields["received_on"].initial = timezone.localdate()


class AskForm(forms.Form):
    text = forms.CharField(label=_("Your question"), widget=TEXT, max_length=5000)
    signed = forms.BooleanField(
        label=_("Show my name with my question"),
        required=False,
        help_text=_("Without this, your question is shown without your name."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=TEXT, max_length=10000)
    answered_by_name = forms.CharField(label=_("Answered by (name and office)"), max_length=200)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for hiding"), max_length=500)


class HoldForm(forms.Form):
    attendance = forms.IntegerField(label=_("People present"), min_value=0, help_text=_("0 or more"))
    chair_name = forms.CharField(label=_("Chaired by"), max_length=200)
    front_representative = forms.CharField(label=_("For the commune Front"), max_length=200)
    secretary_name = forms.CharField(label=_("Secretary"), max_length=200, required=False)


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(label=_("Conclusion of the dialogue"), widget=TEXT, max_length=10000)
