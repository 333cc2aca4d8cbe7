"""The console's forms; each runs through one action (core.forms.run_form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Period

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
DEPUTIES_HELP = _("0 to 2, set by the commune Front (Law Art 36(1)).")


class OpenBoardForm(forms.Form):
    term_starts_on = forms.DateField(label=_("Term starts on"), widget=DATE)
    deputies_allowed = forms.IntegerField(
        label=_("Number of deputy heads"), min_value=0, max_value=2, initial=1, help_text=DEPUTIES_HELP
    )


class DeputiesForm(forms.Form):
    deputies_allowed = forms.IntegerField(
        label=_("Number of deputy heads"), min_value=0, max_value=2, help_text=DEPUTIES_HELP
    )


class NominateForm(forms.Form):
    village = forms.ChoiceField(label=_("Village"))
    household_code = forms.CharField(label=_("Household code in the register"), max_length=32)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    declaration_recorded_on = forms.DateField(
        label=_("Declaration recorded on"),
        widget=DATE,
        help_text=_(
            "The day the commune Front recorded the person's declaration of not being a commune official, civil servant or part-time commune or village worker (Law Art 37)."
        ),
    )
    replaces = forms.ChoiceField(label=_("By-election for the seat of"), required=False)

    def __init__(self, *args: Any, villages: list[Any] = (), seats: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [(v.pk, v.name) for v in villages]  # type: ignore[attr-defined]
        self.fields["replaces"].choices = [("", _("— not a by-election —"))] + [  # type: ignore[attr-defined]
            (m.pk, f"{m.full_name} ({m.village.name})") for m in seats
        ]
        self.fields["declaration_recorded_on"].initial = timezone.localdate()


class LinkForm(forms.Form):
    candidacy = forms.ChoiceField(label=_("Candidate"))
    matter = forms.ChoiceField(label=_("Community matter (item 5) of the village"))

    def __init__(self, *args: Any, candidacies: list[Any] = (), matters: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["candidacy"].choices = [(c.pk, f"{c.full_name} ({c.village.name})") for c in candidacies]  # type: ignore[attr-defined]
        self.fields["matter"].choices = [(m.pk, f"{m.title} ({m.unit.name})") for m in matters]  # type: ignore[attr-defined]


class DecideForm(forms.Form):
    candidacy = forms.ChoiceField(label=_("Candidate"))
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("recognize", _("Recognize the result")), ("refuse", _("Refuse, with reasons"))]
    )
    reason = forms.CharField(label=_("Reasons (for a refusal)"), widget=TEXT, max_length=2000, required=False)

    def __init__(self, *args: Any, candidacies: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["candidacy"].choices = [(c.pk, f"{c.full_name} ({c.village.name})") for c in candidacies]  # type: ignore[attr-defined]


class OfficersForm(forms.Form):
    head = forms.ChoiceField(label=_("Head of the board"))
    deputies = forms.MultipleChoiceField(label=_("Deputy heads"), required=False, widget=forms.CheckboxSelectMultiple)
    elected_on = forms.DateField(label=_("Elected on"), widget=DATE)

    def __init__(self, *args: Any, members: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        choices = [(m.pk, f"{m.full_name} ({m.village.name})") for m in members]
        self.fields["head"].choices = choices  # type: ignore[attr-defined]
        self.fields["deputies"].choices = choices  # type: ignore[attr-defined]
        self.fields["elected_on"].initial = timezone.localdate()


class AnnounceForm(forms.Form):
    announced_on = forms.DateField(label=_("Announced on"), widget=DATE)


class LeaveForm(forms.Form):
    member = forms.ChoiceField(label=_("Member"))
    how = forms.ChoiceField(
        label=_("How the member leaves"),
        choices=[("removed", _("removed by the commune Front")), ("resigned", _("resigned"))],
    )
    on = forms.DateField(label=_("On"), widget=DATE)
    reason = forms.CharField(label=_("Reasons (required for a removal)"), widget=TEXT, max_length=2000, required=False)

    def __init__(self, *args: Any, members: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, f"{m.full_name} ({m.village.name})") for m in members]  # type: ignore[attr-defined]
        self.fields["on"].initial = timezone.localdate()


class PlanForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=Period.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    number = forms.IntegerField(
        label=_("Quarter (1 to 4) or half (1 or 2)"), min_value=0, max_value=4, required=False,
        help_text=_("Leave empty for a year's or the term's plan."),
    )  # fmt: skip
    purpose = forms.CharField(label=_("Purpose"), widget=TEXT, max_length=5000)
    content = forms.CharField(label=_("Content"), widget=TEXT, max_length=5000)
    timing = forms.CharField(label=_("Timing"), widget=TEXT, max_length=5000)
    budget = forms.CharField(label=_("Budget"), widget=TEXT, max_length=5000)
    organisation = forms.CharField(label=_("Organisation"), widget=TEXT, max_length=5000)
