"""The forms of the consultation's steps; each runs through one action (core.forms.run_form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.territory.models import Unit

from . import rules
from .choices import STAFF_CHANNELS, AnswerPer, Channel, Kind, Outcome, QuestionKind, Stance, TakeUp
from .models import Article, Question

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


class Form(forms.Form):
    """Several forms share the consultation's page: each names its fields' ids after itself, so a label
    never points at another form's field of the same name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{type(self).__name__.lower()}_%s")
        super().__init__(*args, **kwargs)


class ConsultationForm(Form):
    kind = forms.ChoiceField(label=_("Matter consulted"), choices=Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(label=_("What is consulted"), widget=TEXT, max_length=20000)
    village: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Only this village (empty: the whole commune)"), queryset=Unit.objects.none(), required=False
    )
    channels = forms.MultipleChoiceField(label=_("Forms of consultation"), choices=Channel.choices,
                                         widget=forms.CheckboxSelectMultiple)  # fmt: skip
    timeline = forms.CharField(label=_("Timeline"), widget=TEXT, max_length=5000)
    responsible = forms.CharField(label=_("Who is responsible"), max_length=300)
    window_days = forms.IntegerField(
        label=_("Days open for opinions (at least 20)"), min_value=1, max_value=365,
        initial=rules.MIN_WINDOW_DAYS,
    )  # fmt: skip
    other_law = forms.CharField(
        label=_("For fewer than 20 days: the law that sets another period, and why"), max_length=300, required=False
    )
    answer_per = forms.ChoiceField(label=_("Questionnaire answers"), choices=AnswerPer.choices)
    affected_person = forms.CharField(label=_("Person the decision affects (a decision on one citizen only)"), max_length=200,
                                      required=False)  # fmt: skip

    def __init__(self, *args: Any, villages: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]


class PlanSentForm(Form):
    recipient = forms.ChoiceField(
        label=_("Sent to"),
        choices=[("council", _("the commune People's Council")), ("front", _("the commune Fatherland Front"))],
    )
    sent_on = forms.DateField(label=_("Sent on"), widget=DATE)


class OpinionMapForm(Form):
    opinion_map: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Opinion map"), queryset=None, required=False, empty_label=_("(none)")
    )

    def __init__(self, *args: Any, maps: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opinion_map"].queryset = maps  # type: ignore[attr-defined]


class DraftForm(Form):
    title = forms.CharField(label=_("Title of the draft"), max_length=300)
    text = forms.CharField(
        label=_("Text (a line “Chương …” opens a section, a line “Điều 1. …” an article)"),
        widget=forms.Textarea(attrs={"rows": 10}), max_length=200000,
    )  # fmt: skip
    note = forms.CharField(label=_("What this version changes"), widget=TEXT, max_length=5000, required=False)


class QuestionForm(Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), max_length=500)
    options = forms.CharField(label=_("Options, one a line (choice questions)"), widget=TEXT, required=False,
                              max_length=5000)  # fmt: skip
    scale_max = forms.IntegerField(label=_("Scale from 1 to (2 to 10)"), min_value=2, max_value=10, initial=5)

    def clean_options(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class PublishForm(Form):
    published_on = forms.DateField(label=_("Published on"), widget=DATE)


class OpinionForm(Form):
    stance = forms.ChoiceField(label=_("Your view"), choices=Stance.choices, widget=forms.RadioSelect)
    body = forms.CharField(label=_("Your opinion"), widget=TEXT, max_length=5000)
    sign_publicly = forms.BooleanField(label=_("Show my name with my opinion"), required=False)
    article = forms.ModelChoiceField(queryset=Article.objects.none(), required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, articles: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if articles is not None:
            self.fields["article"].queryset = articles  # type: ignore[attr-defined]


class EntryForm(Form):
    channel = forms.ChoiceField(label=_("Came in through"), choices=[(c.value, c.label) for c in STAFF_CHANNELS])
    given_on = forms.DateField(label=_("Given on"), widget=DATE)
    stance = forms.ChoiceField(label=_("View"), choices=Stance.choices)
    body = forms.CharField(label=_("Opinion"), widget=TEXT, max_length=5000)
    article = forms.ModelChoiceField(label=_("On article (optional)"), queryset=Article.objects.none(),
                                     required=False)  # fmt: skip
    village: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Village"), queryset=Unit.objects.none(), required=False
    )
    author_name = forms.CharField(label=_("Given by (optional, never published)"), max_length=200, required=False)

    def __init__(self, *args: Any, articles: Any = None, villages: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if articles is not None:
            self.fields["article"].queryset = articles  # type: ignore[attr-defined]
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]


class HideForm(Form):
    reason = forms.CharField(label=_("Why it is hidden (shown in its place)"), max_length=500)


class GroupForm(Form):
    title = forms.CharField(label=_("New group of opinions"), max_length=300)


class AssignForm(Form):
    group = forms.IntegerField(widget=forms.HiddenInput)
    opinions = forms.TypedMultipleChoiceField(label=_("Opinions in this group"), coerce=int, choices=[],
                                              widget=forms.CheckboxSelectMultiple)  # fmt: skip

    def __init__(self, *args: Any, opinion_ids: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opinions"].choices = [(i, f"#{i}") for i in opinion_ids or []]  # type: ignore[attr-defined]


class RespondForm(Form):
    group = forms.IntegerField(widget=forms.HiddenInput)
    take_up = forms.ChoiceField(label=_("Take-up"), choices=TakeUp.choices)
    explanation = forms.CharField(label=_("Explanation"), widget=TEXT, max_length=5000, required=False)


class SynthesisForm(Form):
    summary = forms.CharField(label=_("Synthesis of the opinions"), widget=forms.Textarea(attrs={"rows": 6}),
                              max_length=20000)  # fmt: skip


class DecisionForm(Form):
    outcome = forms.ChoiceField(label=_("Final decision"), choices=Outcome.choices)
    decision_text = forms.CharField(label=_("The decision (number, day, content)"), widget=TEXT, max_length=5000)
    departure_explanation = forms.CharField(
        label=_("If it departs from the majority of opinions: why"), widget=TEXT, max_length=10000,
        required=False,
    )  # fmt: skip


def questionnaire_form(questions: list[Question], data: Any = None, *, auto_id: str = "answer_%s") -> forms.Form:
    """The questionnaire as a form: one field per question, named q<pk>."""
    form = forms.Form(data, auto_id=auto_id)
    for q in questions:
        name, label = f"q{q.pk}", f"{q.position}. {q.text}"
        if q.kind == QuestionKind.SINGLE:
            form.fields[name] = forms.TypedChoiceField(label=label, coerce=int, required=False,
                                                       choices=list(enumerate(q.options)), widget=forms.RadioSelect)  # fmt: skip
        elif q.kind == QuestionKind.MULTIPLE:
            form.fields[name] = forms.TypedMultipleChoiceField(
                label=label, coerce=int, required=False, choices=list(enumerate(q.options)),
                widget=forms.CheckboxSelectMultiple,
            )  # fmt: skip
        elif q.kind == QuestionKind.SCALE:
            choices = [(v, str(v)) for v in range(1, q.scale_max + 1)]
            form.fields[name] = forms.TypedChoiceField(label=label, coerce=int, required=False, choices=choices,
                                                       widget=forms.RadioSelect)  # fmt: skip
        else:
            form.fields[name] = forms.CharField(label=label, required=False, widget=TEXT, max_length=5000)
    return form


class SlipForm(Form):
    slip = forms.CharField(label=_("Slip number"), max_length=36)


def raw_answers(questions: list[Question], cleaned: dict[str, Any]) -> dict[int, Any]:
    return {q.pk: cleaned.get(f"q{q.pk}") for q in questions}
