from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from grassroots.accounts.roles import active_roles
from grassroots.decisions.public_side import decisions_near
from grassroots.people.access import register_scopes
from grassroots.territory.models import root_units


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    provinces = root_units()
    near = decisions_near(request)  # "Decisions near you": the visitor's chosen unit (issue 9)
    context = {
        **near.context(),
        "provinces": provinces,
        "roles": active_roles(request.user),
        "register_scopes": register_scopes(request.user),
    }
    return near.set_cookie(render(request, "portal/home.html", context))
