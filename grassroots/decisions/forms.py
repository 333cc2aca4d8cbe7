from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from grassroots.people.models import Household
from grassroots.territory.forms import UnitChoiceField
from grassroots.territory.models import Unit

from . import rules
from .models import Choice, Form, Item, Matter, Meeting, TabledVia, TeamMember

# --- Counts of households: the message says what to enter and between which bounds -----------------
ENTER_COUNT = {
    "agree": _("Enter the number of households that agree"),
    "disagree": _("Enter the number of households that disagree"),
    "other": _("Enter the number of households with another opinion"),
    "yes": _("Enter the number of households present in favour"),
    "optin": _("Enter the number of households that chose online voting"),
}


def count_message(what: str, most: int | None) -> str:
    """Enter the number of households that agree, from 0 to 172." (or "0 or more." without a bound)."""
    if most is None:
        return str(_("%(enter)s, 0 or more.") % {"enter": ENTER_COUNT[what]})
    return str(_("%(enter)s, from 0 to %(most)s.") % {"enter": ENTER_COUNT[what], "most": most})


def bound_count(field: forms.Field, what: str, most: int | None) -> None:
    """Every error of a count field (empty, not a number, out of bounds) says what to enter and the bounds;
    `most` is the households present at the meeting, or all households for the opt-in poll."""
    if not isinstance(field, forms.IntegerField):
        raise TypeError(field)
    message = count_message(what, most)
    field.error_messages.update(dict.fromkeys(("required", "invalid", "min_value", "max_value"), message))
    if most is not None:
        field.max_value = most
        field.validators.append(MaxValueValidator(most))
        field.widget.attrs["max"] = str(most)


class CountsForm(forms.Form):
    """A form of household counts, bounded by `most` (the households present, or all households)."""

    COUNTS: dict[str, str] = {}  # field name -> key of ENTER_COUNT

    def __init__(self, *args: Any, most: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.most = most
        for name, what in self.COUNTS.items():
            if name in self.fields:
                bound_count(self.fields[name], what, most)


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your household's vote"),
        choices=Choice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how your household votes: agree, disagree or other opinion.")},
    )
    comment = forms.CharField(
        label=_("Other opinion"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("choice") == Choice.OTHER and not str(data.get("comment", "")).strip():
            self.add_error("comment", _("Write your other opinion."))
        return data


# What to do when a field is left empty or badly typed (the GOV.UK "say what to do" messages).
DATE_INVALID = _("Enter a real date, for example 15/03/2026.")
DATETIME_INVALID = _("Enter a real date and time, for example 15/03/2026 19:30.")
DATE_ERRORS = {"required": _("Enter the date."), "invalid": DATE_INVALID}
METHOD_ERRORS = {"required": _("Choose a show of hands or a secret ballot.")}
SIGNER_ERRORS = {"required": _("Enter the name of the person who signs.")}


# --- The console of the people who run a matter, and the commune's recognition queue -------------
DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
DATETIME_WIDGET = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"})
TEAM_ROWS: dict[str, int] = {
    TeamMember.Team.WITNESS: 2
}  # every other team: up to 5 rows (D59 Arts 3(5)(c), 4(3), 5(2)(b))


class NewMatterForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Village or commune"),
        queryset=Unit.objects.none(),
        error_messages={"required": _("Choose the village, or the commune for a commune-wide matter.")},
    )
    item = forms.TypedChoiceField(
        label=_("Kind of matter (Art 15)"),
        choices=Item.choices,
        coerce=int,
        error_messages={"required": _("Choose the kind of matter.")},
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter a short title for the matter.")}
    )
    question = forms.CharField(
        label=_("Question put to households"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the question the households answer.")},
    )
    description = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    tabled_via = forms.ChoiceField(
        label=_("Tabled by"), choices=TabledVia.choices, error_messages={"required": _("Choose who tables the matter.")}
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        unit, tabled_via = data.get("unit"), data.get("tabled_via")
        if unit is None or not tabled_via:
            return data
        # Law Art 16(1)–(3): the chair tables commune-wide matters; the village head or an initiative, village ones.
        if unit.is_commune_level and tabled_via != TabledVia.COMMUNE_CHAIR:
            self.add_error("tabled_via", _("A commune-wide matter is tabled by the commune chair. (Law Art 16(1))"))
        if unit.is_village_level and tabled_via == TabledVia.COMMUNE_CHAIR:
            self.add_error(
                "tabled_via",
                _("A village matter is tabled by the village head or by a citizen initiative. (Law Art 16(2)–(3))"),
            )
        return data


# Ready for the next code at once: focused, no autocorrection; a scanner types the code and Enter.
CODE_INPUT_ATTRS = {"autofocus": True, "autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false",
                    "enterkeyhint": "done"}  # fmt: skip


class HouseholdCodeField(forms.CharField):
    """A household code, typed or read from a QR card by a scanner (the card holds just the code)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Household code"))
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("widget", forms.TextInput(attrs=CODE_INPUT_ATTRS))
        kwargs.setdefault("error_messages", {"required": _("Enter the household code, or scan its QR card.")})
        super().__init__(**kwargs)


class HouseholdByCodeForm(forms.Form):
    """Finds the household of the matter's village(s) with the code; no other household is found."""

    code = HouseholdCodeField()

    def __init__(self, *args: Any, matter: Matter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.matter = matter

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        household = (
            Household.objects.filter(code__iexact=code, unit__path__startswith=self.matter.unit.path)
            .select_related("unit")
            .first()
        )
        if household is None:
            raise forms.ValidationError(
                _("No household of this village has the code %(code)s."), params={"code": code}, code="unknown"
            )
        self.cleaned_data["household"] = household
        return household.code


class ConsentForm(HouseholdByCodeForm):
    given_on = forms.DateField(label=_("Consent given on"), widget=DATE_WIDGET, error_messages=DATE_ERRORS)


class OptinForm(CountsForm):
    COUNTS = {"yes": "optin"}
    yes = forms.IntegerField(label=_("Households that chose online voting"), min_value=0)


REASON_WIDGET = forms.Textarea(attrs={"rows": 2})


class CorrectOptinForm(OptinForm):
    """A correction after the opening: a new entry with its reason; the old count stays in the history."""

    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=2000,
        widget=REASON_WIDGET,
        error_messages={"required": _("Write why the poll result is corrected.")},
    )


class CloseForm(forms.Form):
    """Closing and counting; counting slips before their announced end needs the reason (D59 Art 4(4))."""

    def __init__(self, *args: Any, early: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if early:
            self.fields["reason"] = forms.CharField(
                label=_("Why the slips are counted before the announced end"),
                max_length=2000,
                widget=REASON_WIDGET,
                error_messages={"required": _("Write why the slips are counted before the announced end.")},
            )


class TeamForm(CountsForm):
    """Up to 5 members (2 for the witnesses), each with a name and a role; one leads the team."""

    COUNTS = {"yes": "yes"}

    def __init__(self, *args: Any, team: str, with_yes: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.team = team
        self.rows = TEAM_ROWS.get(team, rules.TEAM_MAX)
        self.has_lead = team != TeamMember.Team.WITNESS
        for i in range(1, self.rows + 1):
            self.fields[f"name_{i}"] = forms.CharField(
                label=_("Name of member %(number)s") % {"number": i}, max_length=200, required=False
            )
            self.fields[f"role_{i}"] = forms.CharField(
                label=_("Role of member %(number)s") % {"number": i}, max_length=200, required=False
            )
        if self.has_lead:
            label = _("Head of the committee") if team == TeamMember.Team.COUNTING_COMMITTEE else _("Leads the team")
            self.fields["lead"] = forms.TypedChoiceField(
                label=label, choices=[(i, i) for i in range(1, self.rows + 1)], coerce=int, required=False,
                widget=forms.RadioSelect,
            )  # fmt: skip
        if with_yes:
            self.fields["yes"] = forms.IntegerField(label=_("Households present in favour"), min_value=0)
            bound_count(self.fields["yes"], "yes", self.most)
        # Needed only to change a team already recorded once the matter is open (a correction).
        self.fields["reason"] = forms.CharField(
            label=_("Reason for the correction"), max_length=2000, required=False, widget=REASON_WIDGET
        )

    def rows_of_fields(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [(i, self[f"name_{i}"], self[f"role_{i}"]) for i in range(1, self.rows + 1)]

    def members(self) -> list[tuple[str, str, bool]]:
        data = self.cleaned_data
        return [
            (data[f"name_{i}"].strip(), data[f"role_{i}"].strip(), data.get("lead") == i)
            for i in range(1, self.rows + 1)
            if data.get(f"name_{i}", "").strip()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lead = data.get("lead")
        if lead and not str(data.get(f"name_{lead}", "")).strip():
            self.add_error("lead", _("The member who leads has no name."))
        return data


class OpenMatterForm(forms.Form):
    form = forms.ChoiceField(
        label=_("Form of deciding"),
        choices=Form.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the households decide: at a meeting, by ballot slips or online.")},
    )
    closes_at = forms.DateTimeField(
        label=_("Voting ends at"),
        required=False,
        widget=DATETIME_WIDGET,
        help_text=_("Required for online voting; the deadline for returning ballot slips."),
    )


class SwitchForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=_("Slips due back by"),
        required=False,
        widget=DATETIME_WIDGET,
        help_text=_("Announced with the ballot (D59 Art 4(4)); slips are not counted before it while some are out."),
    )


class ScheduleMeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=DATETIME_WIDGET,
        error_messages={"required": _("Enter the day and time the meeting starts."), "invalid": DATETIME_INVALID},
    )
    place = forms.CharField(
        label=_("Place"), max_length=200, error_messages={"required": _("Enter where the meeting is held.")}
    )
    notice_sent_on = forms.DateField(
        label=_("Notice sent and posted on"),
        widget=DATE_WIDGET,
        error_messages={"required": _("Enter the day the notice was sent and posted."), "invalid": DATE_INVALID},
    )
    documents_delivered_on = forms.DateField(
        label=_("Documents delivered to households on"), required=False, widget=DATE_WIDGET
    )


class SecretaryForm(CountsForm):
    COUNTS = {"yes": "yes"}
    name = forms.CharField(
        label=_("Secretary"), max_length=200, error_messages={"required": _("Enter the name of the secretary.")}
    )
    yes = forms.IntegerField(label=_("Households present in favour"), min_value=0)


class MethodForm(CountsForm):
    COUNTS = {"yes": "yes"}
    method = forms.ChoiceField(
        label=_("Voting method"), choices=Meeting.Method.choices, widget=forms.RadioSelect, error_messages=METHOD_ERRORS
    )
    yes = forms.IntegerField(label=_("Households present in favour"), min_value=0)


class MeetingResultForm(CountsForm):
    COUNTS = {"agree": "agree", "disagree": "disagree", "other": "other"}
    method = forms.ChoiceField(
        label=_("Voting method"), choices=Meeting.Method.choices, widget=forms.RadioSelect, error_messages=METHOD_ERRORS
    )
    agree = forms.IntegerField(label=_("Agree"), min_value=0)
    disagree = forms.IntegerField(label=_("Disagree"), min_value=0)
    other = forms.IntegerField(label=_("Other opinion"), min_value=0, initial=0)


class SlipForm(forms.Form):
    household_code = HouseholdCodeField()
    choice = forms.ChoiceField(
        label=_("Marked on the slip"),
        choices=Choice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is marked on the slip: agree, disagree or another opinion.")},
    )
    comment = forms.CharField(
        label=_("Other opinion written on the slip"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class FileRecordForm(forms.Form):
    decision_text = forms.CharField(
        label=_("The decision"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write the decision as the households adopted it.")},
    )
    village_head = forms.CharField(label=_("Signed by the village head"), max_length=200, error_messages=SIGNER_ERRORS)
    front_head = forms.CharField(
        label=_("Signed by the head of the Front work committee"), max_length=200, error_messages=SIGNER_ERRORS
    )
    representative_1 = forms.CharField(
        label=_("Signed by a household representative"), max_length=200, error_messages=SIGNER_ERRORS
    )
    representative_2 = forms.CharField(
        label=_("Signed by a second household representative"), max_length=200, error_messages=SIGNER_ERRORS
    )

    SIGNATORIES = ("village_head", "front_head", "representative_1", "representative_2")

    def signatories(self) -> dict[str, str]:
        return {key: self.cleaned_data[key].strip() for key in self.SIGNATORIES}


class RecognizeForm(forms.Form):
    effective_on = forms.DateField(
        label=_("Takes effect on"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Leave empty for today."),
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reasons for the refusal"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write the reasons for the refusal: they are sent to the village.")},
    )


MAX_CLUSTERS = 12


class ClusterPlanForm(forms.Form):
    """The cluster plan of a large village (Law Art 18(3); D59 Art 3(6)): one cluster a line, "name | chair"."""

    dispersed = forms.BooleanField(
        label=_("The village has scattered settlement"),
        required=False,
        help_text=_("A village of fewer than 200 households may meet by cluster only if its settlement is scattered."),
    )
    clusters = forms.CharField(
        label=_("Clusters"),
        error_messages={"required": _("Write one cluster a line: its name, a vertical bar |, then its chair.")},
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One cluster a line: the cluster's name, a vertical bar |, then the delegate who chairs it."),
    )
    approved_on = forms.DateField(
        label=_("Approved by the commune People's Committee on"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Leave empty until the commune People's Committee has decided on the plan."),
    )

    def clean_clusters(self) -> list[tuple[str, str]]:
        rows = []
        for line in self.cleaned_data["clusters"].splitlines():
            if not line.strip():
                continue
            name, bar, chair = line.partition("|")
            if not bar:
                raise forms.ValidationError(
                    _("Separate the cluster's name from its chair with a vertical bar |: %(line)s"),
                    params={"line": line.strip()},
                    code="no_bar",
                )
            rows.append((name.strip()[:100], chair.strip()[:200]))
        if len(rows) > MAX_CLUSTERS:
            raise forms.ValidationError(_("At most %(max)s clusters."), params={"max": MAX_CLUSTERS}, code="too_many")
        return rows


class ClusterResultForm(CountsForm):
    COUNTS = {"agree": "agree", "disagree": "disagree", "other": "other"}
    agree = forms.IntegerField(label=_("Agree"), min_value=0)
    disagree = forms.IntegerField(label=_("Disagree"), min_value=0)
    other = forms.IntegerField(label=_("Other opinion"), min_value=0, initial=0)


class DeliveryForm(forms.Form):
    household_code = HouseholdCodeField()
