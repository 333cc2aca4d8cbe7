"""The forms of the satisfaction ratings; each runs through one action (core.forms.run_form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import rules
from .choices import Question

SCORES = [(str(n), str(n)) for n in range(rules.SCORE_MIN, rules.SCORE_MAX + 1)]


class ScoreField(forms.TypedChoiceField):
    def __init__(self, *, label: Any, required: bool = True) -> None:
        super().__init__(
            label=label, choices=SCORES if required else [("", "—"), *SCORES], coerce=int, required=required,
            empty_value=None, widget=forms.RadioSelect if required else forms.Select,
            help_text=_("1 = very dissatisfied, 5 = very satisfied"),
        )  # fmt: skip


class RatingForm(forms.Form):
    service: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Service you used"), queryset=None)  # type: ignore[type-arg]
    timeliness = ScoreField(label=Question.TIMELINESS.label)
    guidance = ScoreField(label=Question.GUIDANCE.label)
    official: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Official who served you (optional)"), queryset=None, required=False
    )
    official_score = ScoreField(label=Question.OFFICIAL.label, required=False)
    comment = forms.CharField(
        label=_("Comment (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Shown publicly only after moderation, and never with your name."),
    )

    def __init__(self, *args: Any, services: Any, officials: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
        self.fields["official"].queryset = officials  # type: ignore[attr-defined]
        self.fields["official"].label_from_instance = lambda u: u.get_full_name() or u.get_username()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("official") and not data.get("official_score"):
            self.add_error("official_score", _("Give a score to the official you chose, from 1 to 5."))
        return data


class ServiceForm(forms.Form):
    name = forms.CharField(label=_("Name of the service"), max_length=200)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for hiding"), max_length=500)


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=[("", _("whole year")), ("1", "I"), ("2", "II"), ("3", "III"), ("4", "IV")],
        coerce=int,
        empty_value=None,
        required=False,
    )
