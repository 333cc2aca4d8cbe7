from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ChoiceValue


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your household's vote"), choices=ChoiceValue.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Other opinion"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("choice") == ChoiceValue.OTHER and not str(data.get("comment", "")).strip():
            self.add_error("comment", _("Write your other opinion."))
        return data
