"""The console of one matter: a new matter, its preparation steps, opening, closing and filing.

Each step posts to its own URL, which binds a form, calls one action and redirects back (POST,
redirect, GET). A refusal (`DomainError`) becomes a message, or an error beside its field. Anyone who
may not run the matter gets a 404, the same as for a matter that does not exist."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from grassroots.accounts.http import AuthedRequest
from grassroots.accounts.models import User
from grassroots.core.forms import Confirmation, run_form

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
from ..models import Matter, Participation
from ._pages import (
    DIRECT_TEAMS,
    _console_page,
    _households,
    _meeting_or_404,
    _step,
    button,
    households_of,
    step,
)


def new_matter(request: AuthedRequest) -> HttpResponse:
    units = tabling_units(request.user)
    if not units.exists():
        raise Http404
    form = NewMatterForm(request.POST or None, units=units)

    def create(d: dict[str, Any]) -> Matter:
        return actions.create_matter(actor=request.user, unit=d["unit"], item=d["item"], title=d["title"],
                                     question=d["question"], description=d["description"],
                                     tabled_via=d["tabled_via"])  # fmt: skip

    return run_form(request, form, create, template="decisions/console/new.html",
                    success=lambda matter: redirect("decisions:console", pk=matter.pk),
                    done=_("The matter was tabled. Follow its steps here."))  # fmt: skip


def console(request: AuthedRequest, pk: int) -> HttpResponse:
    return _console_page(request, access_console_matter(request.user, pk), {})


@button(field="who", values=frozenset({"head", "front"}), done=gettext_lazy("The agreement was recorded."),
        access=access_console_matter)  # fmt: skip
def agree(actor: User, matter: Matter, who: str) -> None:
    """The village head's or the Front work committee head's agreement (Art 16(2)), each by its own holder."""
    actions.record_agreement(matter, actor=actor, who=who)


@button(field="body", values=frozenset({"committee", "front"}), done=gettext_lazy("The notification was recorded."))
def notify(actor: User, matter: Matter, body: str) -> None:
    """The commune People's Committee or the commune Front was told before an online vote (D59 Art 5(2)(a))."""
    actions.record_notification(matter, actor=actor, body=body)


@step(OptinForm, prefix="optin", most=households_of, done=gettext_lazy("The result of the poll was recorded."))
def optin(actor: User, matter: Matter, form: OptinForm, d: dict[str, Any]) -> None:
    actions.record_optin_poll(matter, actor=actor, yes=d["yes"])


@step(CorrectOptinForm, prefix="correct_optin", most=households_of, done=gettext_lazy("The correction was recorded."))
def correct_optin(actor: User, matter: Matter, form: CorrectOptinForm, d: dict[str, Any]) -> None:
    """After the opening: a new, audited entry with the reason; the old count is kept in the history."""
    actions.record_optin_poll(matter, actor=actor, yes=d["yes"], reason=d["reason"])


@step(ConsentForm, prefix="consent", with_matter=True, done=gettext_lazy("The consent was recorded."))
def consent(actor: User, matter: Matter, form: ConsentForm, d: dict[str, Any]) -> None:
    actions.record_consent(matter, actor=actor, household=d["household"], given_on=d["given_on"])


@require_POST
def team(request: AuthedRequest, pk: int, team: str) -> HttpResponse:
    """Ballot team, online-vote team (3–5, led by the Front representative) or the 2 count witnesses."""
    matter = access_managed_matter(request.user, pk)
    if team not in DIRECT_TEAMS:
        raise Http404
    form = TeamForm(request.POST, team=team, prefix=team)
    return _step(request, matter, form, lambda d: actions.set_team(matter, actor=request.user, team=team,
                                                                    members=form.members(), reason=d["reason"]),
                 _("The members were recorded."))  # fmt: skip


@step(OpenMatterForm, prefix="open", done=gettext_lazy("The matter is open for decision."))
def open_matter(actor: User, matter: Matter, form: OpenMatterForm, d: dict[str, Any]) -> None:
    actions.open_matter(matter, actor=actor, form=d["form"], closes_at=d["closes_at"])


@step(ScheduleMeetingForm, prefix="schedule", done=gettext_lazy("The meeting was scheduled."))
def schedule(actor: User, matter: Matter, form: ScheduleMeetingForm, d: dict[str, Any]) -> None:
    actions.schedule_meeting(matter, actor=actor, starts_at=d["starts_at"], place=d["place"],
                             notice_sent_on=d["notice_sent_on"], documents_delivered_on=d["documents_delivered_on"])  # fmt: skip


FILE_CONFIRM = (
    gettext_lazy("File the decision record with the commune"),
    gettext_lazy(
        "The record goes to the commune People's Committee and the commune Front as it is written here; "
        "it can no longer be changed from the console."
    ),
    gettext_lazy("File the record: it can no longer be changed"),
)
CLOSE_CONFIRM = (
    gettext_lazy("Close the vote and count"),
    gettext_lazy(
        "After closing, no vote, slip or count can be added; the result is counted against all households "
        "and published."
    ),
    gettext_lazy("Close and count: no more votes can be added"),
)
SWITCH_CONFIRM = (
    gettext_lazy("Switch to household ballots"),
    gettext_lazy("The meeting's attendance stays recorded, but the matter is then decided by household ballot slips."),
    gettext_lazy("Switch to household ballots: the meeting no longer decides"),
)


@step(
    FileRecordForm,
    prefix="file",
    confirm=FILE_CONFIRM,
    done=gettext_lazy("The decision record was filed with the commune."),
)
def file_record(actor: User, matter: Matter, form: FileRecordForm, d: dict[str, Any]) -> None:
    actions.file_record(matter, actor=actor, decision_text=d["decision_text"], signatories=form.signatories())


def close(request: AuthedRequest, pk: int) -> HttpResponse:
    """Close the vote and count it (Art 21(1)); starts the 5-working-day filing clock (Art 20(3)).

    GET states the consequence; when ballot slips are still out before their announced end, it warns
    and asks the village head for the reason, which POST records with the count (D59 Art 4(4)).
    """
    matter = access_managed_matter(request.user, pk)
    early = actions.counts_early(matter, timezone.now())
    form = CloseForm(request.POST if request.method == "POST" else None, prefix="close", early=early)
    console_url = reverse("decisions:console", args=[matter.pk])

    def context() -> dict[str, Any]:
        return {
            "matter": matter,
            "early": early,
            "may_count_early": can_count_early(request.user, matter),
            "outstanding": actions.outstanding_slips(matter) if early else 0,
            "counted": Participation.objects.filter(matter=matter, round=matter.round).count(),
            "households": _households(matter),
        }

    return run_form(
        request, form, lambda d: actions.close_matter(matter, actor=request.user, reason=d.get("reason", "")),
        template="decisions/console/close.html", context=context, success=console_url, refused_to=console_url,
        done=_("The vote was closed and counted."), confirm=Confirmation(*CLOSE_CONFIRM, back=console_url),
    )  # fmt: skip


def switch(request: AuthedRequest, pk: int) -> HttpResponse:
    """Too few households at the meeting: household ballots instead (Art 19(1)(b)). Irreversible."""
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    form = SwitchForm(request.POST if request.method == "POST" else None, prefix="switch")
    console_url = reverse("decisions:console", args=[matter.pk])
    return run_form(
        request, form,
        lambda d: actions.switch_to_ballots(matter, actor=request.user, meeting=meeting, closes_at=d["closes_at"]),
        template="decisions/console/switch.html", success=console_url, refused_to=console_url,
        context=lambda: {"matter": matter, "meeting": meeting, "outlook": actions.meeting_outlook(meeting)},
        done=_("The matter is now decided by household ballots."), confirm=Confirmation(*SWITCH_CONFIRM, back=console_url),
    )  # fmt: skip
