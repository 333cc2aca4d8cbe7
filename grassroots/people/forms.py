from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.accounts.phone import normalize_phone


class LinkAccountForm(forms.Form):
    resident = forms.IntegerField(widget=forms.HiddenInput)
    account = forms.CharField(label=_("Username or phone number of the account"), max_length=150)

    def clean_account(self) -> User:
        value = self.cleaned_data["account"].strip()
        phone = normalize_phone(value)
        user = User.objects.filter(username__iexact=value).first() or (
            User.objects.filter(phone=phone).first() if phone else None
        )
        if user is None:
            raise forms.ValidationError(_("No account has this username or phone number."))
        return user
