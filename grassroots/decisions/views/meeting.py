"""The community meeting: attendance (typed, scanned or searched), the procedural votes, the count, and
meetings by residential cluster (Law Art 18(3); D59 Art 3(6))."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from grassroots.accounts.http import AuthedRequest
from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.forms import Confirmation, run_action, run_form
from grassroots.people.models import Household

from .. import actions
from ..access import (
    access_household_of,
    access_managed_matter,
)
from ..forms import (
    ClusterPlanForm,
    ClusterResultForm,
    HouseholdByCodeForm,
    MeetingResultForm,
    MethodForm,
    SecretaryForm,
    TeamForm,
)
from ..models import (
    Attendance,
    Cluster,
    Meeting,
    TeamMember,
)
from ._pages import (
    _entry_response,
    _meeting_context,
    _meeting_or_404,
    _step,
    present_at,
    step,
)


@vary_on_headers("HX-Request", "HX-Target")
def meeting(request: AuthedRequest, pk: int) -> HttpResponse:
    """The meeting page; POST records a household present by its code (typed, or scanned from its QR card)."""
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    template = "decisions/console/meeting.html"
    if request.method != "POST":
        context = _meeting_context(request, matter, meeting, {})
        if request.htmx and request.htmx.target in ("outlook", "household-results"):
            return render(request, f"{template}#{request.htmx.target}", context)
        return render(request, template, context)
    form = HouseholdByCodeForm(request.POST, matter=matter, prefix="attend")
    url = reverse("decisions:console-meeting", args=[matter.pk])

    def entry(entered: HouseholdByCodeForm, notice: str = "") -> HttpResponse:
        context = _meeting_context(request, matter, meeting, {"attend": entered})
        context["notice"] = notice
        response = _entry_response(request, template, context, "entry", not entered.errors, url)
        if notice and request.htmx:
            response["HX-Trigger"] = "attendance-recorded"  # the counter refreshes at once
        return response

    def present(household: Household) -> HttpResponse:
        notice = _("Household %(code)s is present.") % {"code": household.code}
        if not request.htmx:
            messages.success(request, notice)
        return entry(HouseholdByCodeForm(matter=matter, prefix="attend"), notice)

    def record(d: dict[str, Any]) -> Household:
        household: Household = d["household"]
        _refuse_twice(meeting, household)
        actions.record_attendance(meeting, actor=request.user, household=household)
        return household

    return run_form(request, form, record, success=present, page=lambda _status: entry(form),
                    fields={"household": "code", "cluster": "code"})  # fmt: skip


def _refuse_twice(meeting: Meeting, household: Household) -> None:
    """A household entered again at the door (a second scan, a typing slip) is said to be present already,
    by its code and its representative's name, rather than silently counted once."""
    if Attendance.objects.filter(meeting=meeting, household=household).exists():
        rep = household.representations.filter(valid_to__isnull=True).select_related("resident").first()
        name = rep.resident.full_name if rep else household.address
        raise DomainError(
            _("Household %(code)s (%(name)s) is already recorded present at this meeting.")
            % {"code": household.code, "name": name},
            field="household",
        )


@require_POST
def attend(request: AuthedRequest, pk: int, household: int) -> HttpResponse:
    """A household found by the search is present (the search result's button)."""
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    found = access_household_of(matter, household)
    url = reverse("decisions:console-meeting", args=[matter.pk])
    q = request.POST.get("q", "").strip()[:100]

    def run() -> int:
        _refuse_twice(meeting, found)
        return actions.record_attendance(meeting, actor=request.user, household=found)

    return run_action(request, run,
                      done=_("Household %(code)s is present.") % {"code": found.code},
                      then=f"{url}?{urlencode({'q': q})}" if q else url)  # fmt: skip


@step(
    SecretaryForm, prefix="secretary", at_meeting=True, most=present_at, done=gettext_lazy("The secretary was elected.")
)
def secretary(actor: User, meeting: Meeting, form: SecretaryForm, d: dict[str, Any]) -> None:
    actions.elect_secretary(meeting, actor=actor, name=d["name"], yes=d["yes"])


@step(MethodForm, prefix="method", at_meeting=True, most=present_at, done=gettext_lazy("The voting method was chosen."))
def method(actor: User, meeting: Meeting, form: MethodForm, d: dict[str, Any]) -> None:
    actions.choose_method(meeting, actor=actor, method=d["method"], yes=d["yes"])


@step(TeamForm, prefix="counting", at_meeting=True, most=present_at, team=TeamMember.Team.COUNTING_COMMITTEE, with_yes=True,
      done=gettext_lazy("The vote-counting committee was approved."))  # fmt: skip
def counting(actor: User, meeting: Meeting, form: TeamForm, d: dict[str, Any]) -> None:
    actions.approve_counting_committee(meeting, actor=actor, members=form.members(), yes=d["yes"])


RESULT_CONFIRM = (
    gettext_lazy("Record the count of the meeting"),
    gettext_lazy("The count closes the meeting: no household can be added as present and the count cannot be changed."),
    gettext_lazy("Record the count: the meeting's result is final"),
)


@step(
    MeetingResultForm,
    prefix="result",
    at_meeting=True,
    most=present_at,
    confirm=RESULT_CONFIRM,
    done=gettext_lazy("The count of the meeting was recorded."),
)
def result(actor: User, meeting: Meeting, form: MeetingResultForm, d: dict[str, Any]) -> None:
    actions.record_meeting_count(meeting, actor=actor, method=d["method"], agree=d["agree"], disagree=d["disagree"],
                                 other=d["other"])  # fmt: skip


def _cluster_or_404(meeting: Meeting, cluster: int) -> Cluster:
    found = meeting.clusters.filter(pk=cluster).first()
    if found is None:
        raise Http404
    found.meeting = meeting
    return found


@step(ClusterPlanForm, prefix="plan", at_meeting=True, done=gettext_lazy("The cluster plan was recorded."))
def cluster_plan(actor: User, meeting: Meeting, form: ClusterPlanForm, d: dict[str, Any]) -> None:
    """The cluster plan and the day the commune People's Committee approved it."""
    actions.set_cluster_plan(meeting, actor=actor, clusters=d["clusters"], dispersed=d["dispersed"],
                             approved_on=d["approved_on"])  # fmt: skip


@require_POST
def cluster_attend(request: AuthedRequest, pk: int, cluster: int) -> HttpResponse:
    """A household present at the meeting of one cluster, by its code (typed or scanned)."""
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    found = _cluster_or_404(meeting, cluster)
    form = HouseholdByCodeForm(request.POST, matter=matter, prefix=f"attend-{found.pk}")

    def run(d: dict[str, Any]) -> None:
        _refuse_twice(meeting, d["household"])
        actions.record_attendance(meeting, actor=request.user, household=d["household"], cluster=found)

    return _step(request, matter, form, run, _("The household was recorded present in the cluster."))


@require_POST
def cluster_result(request: AuthedRequest, pk: int, cluster: int) -> HttpResponse:
    """The count of one cluster, reported by its chair."""
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    found = _cluster_or_404(meeting, cluster)
    present = meeting.attendance.filter(cluster=found).count()
    form = ClusterResultForm(request.POST, prefix=f"result-{found.pk}", most=present)
    return _step(request, matter, form, lambda d: actions.record_cluster_result(
        found, actor=request.user, agree=d["agree"], disagree=d["disagree"], other=d["other"]),
        _("The count of the cluster was recorded."))  # fmt: skip


COMBINE_CONFIRM = (
    gettext_lazy("Add the cluster results up into the village result"),
    gettext_lazy("The clusters' counts become the count of the meeting, which can no longer be changed."),
    gettext_lazy("Add up: the meeting's result is final"),
)


@require_POST
def cluster_combine(request: AuthedRequest, pk: int) -> HttpResponse:
    """The village head adds the cluster results up into the village result."""
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    url = reverse("decisions:console-meeting", args=[matter.pk])
    return run_action(request, lambda: actions.combine_cluster_results(meeting, actor=request.user),
                      done=_("The cluster results were added up into the village result."), then=url,
                      confirm=Confirmation(*COMBINE_CONFIRM, back=url))  # fmt: skip
