"""The forms of the board's steps; each runs through one action (core.forms.run_form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.uploads import check_upload
from grassroots.territory.models import Unit

from .choices import ItemStatus, PartyRole, Position, ProjectKind, RecommendationKind, Relation, Seat
from .models import Project

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


def _today_initial(form: forms.Form, *names: str) -> None:
    for name in names:
        form.fields[name].initial = timezone.localdate()


class BoardForm(forms.Form):
    title = forms.CharField(label=_("Project"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of project"), choices=ProjectKind.choices)
    commune_budget = forms.BooleanField(label=_("Funded from the commune budget"), required=False)
    villages = forms.ModelMultipleChoiceField(label=_("Villages where the project is located"),
                                              queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple)  # fmt: skip
    location = forms.CharField(label=_("Location"), max_length=300, required=False)
    total_investment = forms.CharField(label=_("Total investment"), max_length=100, required=False)
    description = forms.CharField(label=_("Description"), widget=TEXT, max_length=5000, required=False)
    set_up_on = forms.DateField(label=_("Board set up on"), widget=DATE)
    decision_number = forms.CharField(label=_("Decision number (optional)"), max_length=50, required=False)

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["villages"]
        if isinstance(field, forms.ModelMultipleChoiceField):
            field.queryset = Unit.objects.filter(parent=commune).order_by("path")
        _today_initial(self, "set_up_on")


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("Role in the project"), choices=PartyRole.choices)
    name = forms.CharField(label=_("Name"), max_length=300)
    representative = forms.CharField(label=_("Representative (optional)"), max_length=200, required=False)


class DeclarationForm(forms.Form):
    """One relationship field per party of the project (Law Art 42): none, or how the member is related."""

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("no relationship")), *Relation.choices]
        for party in project.parties.all():
            self.fields[f"party_{party.pk}"] = forms.ChoiceField(label=str(party), choices=choices, required=False)

    def relations(self) -> dict[int, str]:
        return {int(k.removeprefix("party_")): v for k, v in self.cleaned_data.items() if k.startswith("party_") and v}


class MemberForm(DeclarationForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    seat = forms.ChoiceField(label=_("Represents"), choices=Seat.choices)
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices, initial=Position.MEMBER)
    village = forms.ModelChoiceField(label=_("Village (residents' representatives)"), queryset=Unit.objects.none(),
                                     required=False)  # fmt: skip
    username = forms.CharField(label=_("Account (user name, optional)"), max_length=150, required=False)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, project=project, **kwargs)
        field = self.fields["village"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = project.villages.order_by("path")
        self.order_fields(["full_name", "seat", "position", "village", "username"])


class NoticeForm(forms.Form):
    notified_on = forms.DateField(label=_("Investor notified on"), widget=DATE)
    starts_on = forms.DateField(label=_("Supervision starts on (at least 45 days after the notice)"), widget=DATE)
    plan = forms.CharField(label=_("Supervision plan"), widget=TEXT, max_length=10000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _today_initial(self, "notified_on")


class ItemForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
    notes = forms.CharField(label=_("Notes"), widget=TEXT, max_length=5000, required=False)
    evidence = forms.FileField(label=_("Evidence: photo or file (JPG, PNG, PDF)"), required=False)

    def clean_evidence(self) -> Any:
        file = self.cleaned_data.get("evidence")
        if file:
            try:
                check_upload(file, extensions=("jpg", "jpeg", "png", "pdf"))
            except ValidationError as exc:
                raise forms.ValidationError(exc.messages) from exc
        return file


class RecommendationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RecommendationKind.choices)
    findings = forms.CharField(label=_("Findings"), widget=TEXT, max_length=10000)
    text = forms.CharField(label=_("Recommendation"), widget=TEXT, max_length=10000)


class SendForm(forms.Form):
    sent_on = forms.DateField(label=_("Certified and sent to the commune on"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _today_initial(self, "sent_on")


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("The commune's answer"), widget=TEXT, max_length=10000)
    answered_on = forms.DateField(label=_("Answered on"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _today_initial(self, "answered_on")


class TableForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Village"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, villages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["village"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = villages


class CloseForm(forms.Form):
    ended_on = forms.DateField(label=_("The project ended on"), widget=DATE)
    report = forms.CharField(label=_("The board's report"), widget=TEXT, max_length=20000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _today_initial(self, "ended_on")
