"""The console of one matter: a new matter, its preparation steps, opening, closing and filing.

Each step posts to its own URL, which binds a form, calls one action and redirects back (POST,
redirect, GET). A refusal (`DomainError`) becomes a message, or an error beside its field. Anyone who
may not run the matter gets a 404, the same as for a matter that does not exist."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import DomainError

from .. import actions
from ..access import (
    access_console_matter,
    access_managed_matter,
    can_count_early,
    tabling_units,
)
from ..forms import (
    CloseForm,
    ConsentForm,
    CorrectOptinForm,
    FileRecordForm,
    NewMatterForm,
    OpenMatterForm,
    OptinForm,
    ScheduleMeetingForm,
    SwitchForm,
    TeamForm,
)
from ..models import (
    Participation,
)
from ._pages import (
    DIRECT_TEAMS,
    _act,
    _console_page,
    _households,
    _meeting_or_404,
    _step,
)


def new_matter(request: HttpRequest) -> HttpResponse:
    units = tabling_units(request.user)
    if not units.exists():
        raise Http404
    form = NewMatterForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            matter = actions.create_matter(actor=request.user, unit=data["unit"], item=data["item"], title=data["title"],
                                           question=data["question"], description=data["description"],
                                           tabled_via=data["tabled_via"])  # fmt: skip
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The matter was tabled. Follow its steps here."))
            return redirect("decisions:console", pk=matter.pk)
    return render(request, "decisions/console/new.html", {"form": form}, status=422 if form.errors else 200)


def console(request: HttpRequest, pk: int) -> HttpResponse:
    return _console_page(request, access_console_matter(request.user, pk), {})


@require_POST
def agree(request: HttpRequest, pk: int) -> HttpResponse:
    """The village head's or the Front work committee head's agreement (Art 16(2)), each by its own holder."""
    matter = access_console_matter(request.user, pk)
    who = request.POST.get("who")
    if who not in {"head", "front"}:
        raise Http404
    return _act(request, matter, lambda: actions.record_agreement(matter, actor=request.user, who=who),
                _("The agreement was recorded."))  # fmt: skip


@require_POST
def notify(request: HttpRequest, pk: int) -> HttpResponse:
    """The commune People's Committee or the commune Front was told before an online vote (D59 Art 5(2)(a))."""
    matter = access_managed_matter(request.user, pk)
    body = request.POST.get("body")
    if body not in {"committee", "front"}:
        raise Http404
    return _act(request, matter, lambda: actions.record_notification(matter, actor=request.user, body=body),
                _("The notification was recorded."))  # fmt: skip


@require_POST
def optin(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_managed_matter(request.user, pk)
    form = OptinForm(request.POST, prefix="optin")
    return _step(request, matter, form, lambda d: actions.record_optin_poll(matter, actor=request.user, yes=d["yes"]),
                 _("The result of the poll was recorded."))  # fmt: skip


@require_POST
def correct_optin(request: HttpRequest, pk: int) -> HttpResponse:
    """After the opening: a new, audited entry with the reason; the old count is kept in the history."""
    matter = access_managed_matter(request.user, pk)
    form = CorrectOptinForm(request.POST, prefix="correct_optin")
    return _step(request, matter, form, lambda d: actions.record_optin_poll(
        matter, actor=request.user, yes=d["yes"], reason=d["reason"]), _("The correction was recorded."))  # fmt: skip


@require_POST
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_managed_matter(request.user, pk)
    form = ConsentForm(request.POST, matter=matter, prefix="consent")
    return _step(request, matter, form, lambda d: actions.record_consent(
        matter, actor=request.user, household=d["household"], given_on=d["given_on"]),
        _("The consent was recorded."))  # fmt: skip


@require_POST
def team(request: HttpRequest, pk: int, team: str) -> HttpResponse:
    """Ballot team, online-vote team (3–5, led by the Front representative) or the 2 count witnesses."""
    matter = access_managed_matter(request.user, pk)
    if team not in DIRECT_TEAMS:
        raise Http404
    form = TeamForm(request.POST, team=team, prefix=team)
    return _step(request, matter, form, lambda d: actions.set_team(matter, actor=request.user, team=team,
                                                                    members=form.members(), reason=d["reason"]),
                 _("The members were recorded."))  # fmt: skip


@require_POST
def open_matter(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_managed_matter(request.user, pk)
    form = OpenMatterForm(request.POST, prefix="open")
    return _step(request, matter, form, lambda d: actions.open_matter(matter, actor=request.user, form=d["form"],
                                                                       closes_at=d["closes_at"]),
                 _("The matter is open for decision."))  # fmt: skip


@require_POST
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_managed_matter(request.user, pk)
    form = ScheduleMeetingForm(request.POST, prefix="schedule")
    return _step(request, matter, form, lambda d: actions.schedule_meeting(
        matter, actor=request.user, starts_at=d["starts_at"], place=d["place"], notice_sent_on=d["notice_sent_on"],
        documents_delivered_on=d["documents_delivered_on"]), _("The meeting was scheduled."))  # fmt: skip


@require_POST
def file_record(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_managed_matter(request.user, pk)
    form = FileRecordForm(request.POST, prefix="file")
    return _step(request, matter, form, lambda d: actions.file_record(
        matter, actor=request.user, decision_text=d["decision_text"], signatories=form.signatories()),
        _("The decision record was filed with the commune."))  # fmt: skip


def close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the vote and count it (Art 21(1)); starts the 5-working-day filing clock (Art 20(3)).

    GET states the consequence; when ballot slips are still out before their announced end, it warns
    and asks the village head for the reason, which POST records with the count (D59 Art 4(4)).
    """
    matter = access_managed_matter(request.user, pk)
    early = actions.counts_early(matter, timezone.now())
    form = CloseForm(request.POST if request.method == "POST" else None, prefix="close", early=early)
    if request.method == "POST" and form.is_valid():
        try:
            actions.close_matter(matter, actor=request.user, reason=form.cleaned_data.get("reason", ""))
        except DomainError as exc:
            if exc.field not in form.fields:
                messages.error(request, exc.message)
                return redirect("decisions:console", pk=matter.pk)
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("The vote was closed and counted."))
            return redirect("decisions:console", pk=matter.pk)
    context = {
        "matter": matter,
        "form": form,
        "early": early,
        "may_count_early": can_count_early(request.user, matter),
        "outstanding": actions.outstanding_slips(matter) if early else 0,
        "counted": Participation.objects.filter(matter=matter, round=matter.round).count(),
        "households": _households(matter),
    }
    return render(request, "decisions/console/close.html", context, status=422 if form.errors else 200)


def switch(request: HttpRequest, pk: int) -> HttpResponse:
    """Too few households at the meeting: household ballots instead (Art 19(1)(b)). Irreversible."""
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    form = SwitchForm(request.POST if request.method == "POST" else None, prefix="switch")
    if request.method == "POST" and form.is_valid():
        try:
            actions.switch_to_ballots(matter, actor=request.user, meeting=meeting,
                                      closes_at=form.cleaned_data["closes_at"])  # fmt: skip
        except DomainError as exc:
            if exc.field not in form.fields:
                messages.error(request, exc.message)
                return redirect("decisions:console", pk=matter.pk)
            form.add_error(exc.field, exc.message)
        else:
            messages.success(request, _("The matter is now decided by household ballots."))
            return redirect("decisions:console", pk=matter.pk)
    context = {"matter": matter, "meeting": meeting, "outlook": actions.meeting_outlook(meeting), "form": form}
    return render(request, "decisions/console/switch.html", context, status=422 if form.errors else 200)
