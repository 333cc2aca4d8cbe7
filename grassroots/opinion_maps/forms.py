"""The forms of opinion maps; each runs through one action (core.forms.run_form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from grassroots.territory.models import Unit

from . import rules
from .choices import Choice

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MapForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Commune or village"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(label=_("Question put to residents"), widget=forms.Textarea(attrs={"rows": 3}))
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(
        label=_("Closes on"), widget=DATE,
        help_text=_("At least %(days)s days after opening, both days counted (Law Art 28).")
        % {"days": rules.MIN_WINDOW_DAYS},
    )  # fmt: skip

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = units


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Your statement"), max_length=rules.STATEMENT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One short idea, %(min)s to %(max)s characters. Others vote on it.")
        % {"min": rules.STATEMENT_MIN_CHARS, "max": rules.STATEMENT_MAX_CHARS},
    )  # fmt: skip
    signed = forms.BooleanField(
        label=_("Show my name with this statement"), required=False,
        help_text=_("Unticked, your statement is shown without your name, everywhere."),
    )  # fmt: skip


class SeedForm(forms.Form):
    text = forms.CharField(
        label=_("Statement"), max_length=rules.STATEMENT_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 2})
    )


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for hiding (shown to everyone)"), max_length=300)


class VoteForm(forms.Form):
    value = forms.TypedChoiceField(label=_("Your vote"), choices=Choice.choices, coerce=int)
