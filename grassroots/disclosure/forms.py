"""Forms of the disclosure pages: they check input; the actions check the rules."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.territory.models import Unit

from .choices import Category, Channel, RequestKind

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
# The web page is logged by publishing; the other channels are logged by hand.
LOGGED_CHANNELS = [(c.value, c.label) for c in Channel if c != Channel.WEB_PORTAL]


class ItemForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit it concerns"), queryset=Unit.objects.none())
    category = forms.TypedChoiceField(label=_("Category"), choices=Category.choices, coerce=int)
    title = forms.CharField(label=_("Title"), max_length=300)
    source_document = forms.CharField(
        label=_("Source document or decision"), max_length=300, help_text=_("For example: Quyết định số 12/QĐ-UBND")
    )
    decided_on = forms.DateField(label=_("Date of the document"), widget=DATE_WIDGET)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    change_note = forms.CharField(label=_("What changed (for a published disclosure)"), max_length=300, required=False)

    def __init__(self, *args: Any, units: list[Unit], published: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["unit"])  # type: ignore[type-arg]
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
        if not published:
            del self.fields["change_note"]

    def lock_unit(self) -> None:
        """An item keeps the unit it concerns once written (its page, feed and index are the unit's)."""
        self.fields["unit"].disabled = True


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, picture, Word, Excel or PowerPoint)"))


class PostingForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=LOGGED_CHANNELS)
    place = forms.CharField(label=_("Place (a village point, a page)"), max_length=200, required=False)
    started_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    ended_on = forms.DateField(label=_("Last day it was up (empty while it is up)"), required=False, widget=DATE_WIDGET)
    proof = forms.FileField(label=_("Photo as proof (optional)"), required=False)


class EndPostingForm(forms.Form):
    ended_on = forms.DateField(label=_("Last day it was up"), widget=DATE_WIDGET)


class SetupForm(forms.Form):
    has_loudspeaker = forms.BooleanField(label=_("The commune has a loudspeaker system"), required=False)


class AskForm(forms.Form):
    kind = forms.ChoiceField(label=_("What you ask"), choices=RequestKind.choices)
    text = forms.CharField(
        label=_("Your question or request"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}), max_length=8000)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    category = forms.TypedChoiceField(
        label=_("Category"), choices=[("", _("All categories")), *Category.choices], coerce=int, required=False,
        empty_value=None,
    )  # fmt: skip


class QuarterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2023, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=[(q, q) for q in range(1, 5)], coerce=int)
