from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User

from .models import Dismissal, Election

PEOPLE_HELP = _("One person a line. To link a person's account, add “; username” after the name.")


def parse_people(text: str) -> list[tuple[str, User | None]]:
    """Lines of "Full name" or "Full name; username" (the account is optional)."""
    people: list[tuple[str, User | None]] = []
    for line in text.splitlines():
        name, _sep, username = line.partition(";")
        if not name.strip():
            continue
        user = None
        if username.strip():
            user = User.objects.filter(username=username.strip()).first()
            if user is None:
                raise forms.ValidationError(
                    _("No account has the username “%(username)s”."), params={"username": username.strip()}
                )
        people.append((name.strip(), user))
    return people


class PeopleField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 4})

    def clean(self, value: Any) -> list[tuple[str, User | None]]:
        return parse_people(super().clean(value) or "")


class DecideForm(forms.Form):
    election_day = forms.DateField(
        label=_("Election day"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("At least 20 days from today (D59 Art 6)."),
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    plan = forms.CharField(
        label=_("Plan"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The timeline, guidance and who does what, agreed with the commune Front."),
    )


class MoveDayForm(forms.Form):
    election_day = forms.DateField(label=_("New election day"), widget=forms.DateInput(attrs={"type": "date"}))


class CandidatesForm(forms.Form):
    front = PeopleField(label=_("Candidates put forward by the Front work committee"), help_text=PEOPLE_HELP)
    households = PeopleField(label=_("Candidates nominated by households"), required=False, help_text=PEOPLE_HELP)


class TeamForm(forms.Form):
    leader = forms.CharField(label=_("Team leader: the Front work committee's representative"), max_length=200)
    leader_username = forms.CharField(label=_("Leader's username (optional)"), max_length=150, required=False)
    members = forms.CharField(
        label=_("Members"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One a line: “Full name; username; organisation or household” (username optional)."),
    )

    def clean_leader_username(self) -> User | None:
        username = self.cleaned_data["leader_username"].strip()
        if not username:
            return None
        user = User.objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(_("No account has this username."))
        return user

    def clean_members(self) -> list[tuple[str, User | None, str]]:
        members = []
        for line in self.cleaned_data["members"].splitlines():
            parts = [p.strip() for p in line.split(";")] + ["", ""]
            if not parts[0]:
                continue
            people = parse_people(f"{parts[0]};{parts[1]}")
            members.append((people[0][0], people[0][1], parts[2]))
        return members


class NoticeForm(forms.Form):
    how = forms.CharField(
        label=_("How it was announced"),
        max_length=300,
        initial="Niêm yết tại nhà văn hóa và thông báo trên loa truyền thanh",
    )


class FloorCandidateForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200)


class ResultForm(forms.Form):
    method = forms.ChoiceField(label=_("Voting method"), choices=Election.Method.choices)
    present = forms.IntegerField(label=_("Household representatives present"), min_value=0)

    def __init__(self, *args: Any, election: Election, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = list(election.candidates.all())
        for c in self.candidates:
            self.fields[f"votes_{c.pk}"] = forms.IntegerField(
                label=_("Votes for %(name)s") % {"name": c.full_name}, min_value=0
            )

    def votes(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"votes_{c.pk}"] for c in self.candidates}


class ReElectionForm(DecideForm):
    reason = forms.CharField(label=_("Reasons (in writing)"), widget=forms.Textarea(attrs={"rows": 3}))


class InterimForm(forms.Form):
    name = forms.CharField(label=_("Full name of the interim head"), max_length=200)
    username = forms.CharField(label=_("Username (optional)"), max_length=150, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("name"):
            data["person"] = parse_people(f"{data['name']};{data.get('username', '')}")[0]
        return data


class DismissalForm(forms.Form):
    trigger = forms.ChoiceField(label=_("Trigger"), choices=Dismissal.Trigger.choices)
    grounds = forms.CharField(label=_("Grounds"), widget=forms.Textarea(attrs={"rows": 3}))


class PaperSignatureForm(forms.Form):
    household_code = forms.CharField(label=_("Household code on the paper petition"), max_length=32)


class DismissalMeetingForm(forms.Form):
    meeting_on = forms.DateField(label=_("Meeting day"), widget=forms.DateInput(attrs={"type": "date"}))
    present = forms.IntegerField(label=_("Household representatives present"), min_value=0)
    agree = forms.IntegerField(label=_("Households agreeing to dismiss"), min_value=0)


class SittingHeadForm(InterimForm):
    started_on = forms.DateField(
        label=_("In office since (the recognition decision)"), widget=forms.DateInput(attrs={"type": "date"})
    )
