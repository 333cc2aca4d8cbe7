"""The forms of the convention pages; each posts to one action (core.forms.run_form)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CommentChannel, Kind, ProposedVia, RulingKind

DATE = forms.DateInput(attrs={"type": "date"})


class ProposeForm(forms.Form):
    village = forms.TypedChoiceField(label=_("Village"), coerce=int)
    kind = forms.ChoiceField(label=_("Name of the convention"), choices=Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    proposed_via = forms.ChoiceField(label=_("Proposed by"), choices=ProposedVia.choices)
    front_agreed = forms.BooleanField(label=_("The head of the Front work committee agrees"), required=False)
    consents = forms.IntegerField(label=_("Households consenting (citizens' proposal)"), min_value=0, required=False)
    ethnic_minority = forms.BooleanField(label=_("Ethnic-minority community"), required=False)

    def __init__(self, *args: object, villages: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["village"].choices = villages  # type: ignore[attr-defined]


class TeamForm(forms.Form):
    members = forms.CharField(
        label=_("Drafting team"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One member a line: name; organisation or standing; write “elder” for a village elder or chief, “language” for a speaker of the ethnic language."
        ),
    )


class VersionForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the draft"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Each article begins on its own line: “Điều 1. Title”."),
    )
    change_note = forms.CharField(
        label=_("What this version changes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PostForm(forms.Form):
    posted_on = forms.DateField(label=_("Posted on"), widget=DATE)
    place = forms.CharField(label=_("Posted at"), max_length=200)


class CommentForm(forms.Form):
    article = forms.TypedChoiceField(label=_("Article"), coerce=int, required=False, empty_value=None)
    body = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: object, articles: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["article"].choices = [("", _("The whole draft")), *articles]  # type: ignore[attr-defined]


class EnterCommentForm(CommentForm):
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[c for c in CommentChannel.choices if c[0] != CommentChannel.ONLINE]
    )
    author_name = forms.CharField(label=_("From"), max_length=120)
    given_on = forms.DateField(label=_("Given on"), widget=DATE)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Why it is hidden (shown in its place)"), max_length=500)


class DossierForm(forms.Form):
    request_text = forms.CharField(label=_("The request (Form 01)"), widget=forms.Textarea(attrs={"rows": 3}))
    decision_text = forms.CharField(
        label=_("The resolution of the meeting (Form 02)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    village_head = forms.CharField(label=_("Village head"), max_length=120)
    front_head = forms.CharField(label=_("Head of the Front work committee"), max_length=120)
    representative_1 = forms.CharField(label=_("Household representative"), max_length=120)
    representative_2 = forms.CharField(label=_("Household representative"), max_length=120)


class RecognizeForm(forms.Form):
    decision_number = forms.CharField(label=_("Decision number"), max_length=40, required=False)


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Reasons for refusal"), widget=forms.Textarea(attrs={"rows": 3}))


class DistributionForm(forms.Form):
    distributed_on = forms.DateField(label=_("Sent to the village head and the commune Front on"), widget=DATE)
    also_via = forms.CharField(label=_("Also disseminated by"), max_length=200, required=False)


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("The report asks for"), choices=RulingKind.choices)
    whole = forms.BooleanField(label=_("The whole convention"), required=False)
    articles = forms.CharField(label=_("Articles concerned"), max_length=200, required=False)
    report = forms.CharField(label=_("The written report"), widget=forms.Textarea(attrs={"rows": 3}))
    reported_by = forms.CharField(label=_("Reported by"), max_length=200)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)


class AnswerForm(forms.Form):
    founded = forms.TypedChoiceField(
        label=_("Answer"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Decide as asked")), ("no", _("The report is unfounded"))],
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))
    fix_by = forms.DateField(label=_("To be corrected by (suspension)"), widget=DATE, required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=40, required=False)


class ReviewForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    summary = forms.CharField(
        label=_("Evaluation, praise and criticism, proposed amendments"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewDayForm(forms.Form):
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)
    day = forms.IntegerField(label=_("Day"), min_value=1, max_value=31)
