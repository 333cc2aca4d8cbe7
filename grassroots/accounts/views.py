from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from grassroots.core.errors import DomainError

from .actions import verify_resident_link
from .forms import LoginForm, VerifyResidentForm
from .roles import active_roles


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", {"roles": active_roles(request.user)})


def verify(request: HttpRequest) -> HttpResponse:
    """A resident links the account to the register by national ID number and date of birth."""
    if request.user.resident_id is not None:
        messages.info(request, _("Your account is already linked to a resident record."))
        return redirect("accounts:profile")
    form = VerifyResidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verify_resident_link(request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("Your account is now linked to your resident record."))
            return redirect("accounts:profile")
    return render(request, "accounts/verify.html", {"form": form}, status=422 if form.errors else 200)
