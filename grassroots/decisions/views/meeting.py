"""The community meeting: attendance (typed, scanned or searched), the procedural votes, the count, and
meetings by residential cluster (Law Art 18(3); D59 Art 3(6))."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from grassroots.core.errors import DomainError
from grassroots.people.models import Household

from .. import actions
from ..access import (
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
    Cluster,
    Meeting,
    TeamMember,
)
from ._pages import (
    _entry_response,
    _meeting_context,
    _meeting_or_404,
    _step,
)


@vary_on_headers("HX-Request", "HX-Target")
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting page; POST records a household present by its code (typed, or scanned from its QR card)."""
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    template = "decisions/console/meeting.html"
    if request.method == "POST":
        form = HouseholdByCodeForm(request.POST, matter=matter, prefix="attend")
        notice = ""
        if form.is_valid():
            household = form.cleaned_data["household"]
            try:
                actions.record_attendance(meeting, actor=request.user, household=household)
            except DomainError as exc:
                form.add_error("code" if exc.field else None, exc.message)
            else:
                notice = _("Household %(code)s is present.") % {"code": household.code}
                if not request.htmx:
                    messages.success(request, notice)
                form = HouseholdByCodeForm(matter=matter, prefix="attend")
        context = _meeting_context(request, matter, meeting, {"attend": form})
        context["notice"] = notice
        response = _entry_response(request, template, context, "entry", not form.errors,
                                   reverse("decisions:console-meeting", args=[matter.pk]))  # fmt: skip
        if notice and request.htmx:
            response["HX-Trigger"] = "attendance-recorded"  # the counter refreshes at once
        return response
    context = _meeting_context(request, matter, meeting, {})
    if request.htmx and request.htmx.target == "outlook":
        return render(request, f"{template}#outlook", context)
    if request.htmx and request.htmx.target == "household-results":
        return render(request, f"{template}#household-results", context)
    return render(request, template, context)


@require_POST
def attend(request: HttpRequest, pk: int, household: int) -> HttpResponse:
    """A household found by the search is present (the search result's button)."""
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    found = Household.objects.filter(pk=household, unit__path__startswith=matter.unit.path).first()
    if found is None:
        raise Http404
    try:
        actions.record_attendance(meeting, actor=request.user, household=found)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Household %(code)s is present.") % {"code": found.code})
    url = reverse("decisions:console-meeting", args=[matter.pk])
    q = request.POST.get("q", "").strip()[:100]
    return redirect(f"{url}?{urlencode({'q': q})}" if q else url)


@require_POST
def secretary(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    form = SecretaryForm(request.POST, prefix="secretary")
    return _step(request, matter, form, lambda d: actions.elect_secretary(
        meeting, actor=request.user, name=d["name"], yes=d["yes"]), _("The secretary was elected."))  # fmt: skip


@require_POST
def method(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    form = MethodForm(request.POST, prefix="method")
    return _step(request, matter, form, lambda d: actions.choose_method(
        meeting, actor=request.user, method=d["method"], yes=d["yes"]), _("The voting method was chosen."))  # fmt: skip


@require_POST
def counting(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    form = TeamForm(request.POST, team=TeamMember.Team.COUNTING_COMMITTEE, prefix="counting", with_yes=True)
    return _step(request, matter, form, lambda d: actions.approve_counting_committee(
        meeting, actor=request.user, members=form.members(), yes=d["yes"]),
        _("The vote-counting committee was approved."))  # fmt: skip


@require_POST
def result(request: HttpRequest, pk: int) -> HttpResponse:
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    form = MeetingResultForm(request.POST, prefix="result")
    return _step(request, matter, form, lambda d: actions.record_meeting_count(
        meeting, actor=request.user, method=d["method"], agree=d["agree"], disagree=d["disagree"], other=d["other"]),
        _("The count of the meeting was recorded."))  # fmt: skip


def _cluster_or_404(meeting: Meeting, cluster: int) -> Cluster:
    found = meeting.clusters.filter(pk=cluster).first()
    if found is None:
        raise Http404
    found.meeting = meeting
    return found


@require_POST
def cluster_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The cluster plan and the day the commune People's Committee approved it."""
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    form = ClusterPlanForm(request.POST, prefix="plan")
    return _step(request, matter, form, lambda d: actions.set_cluster_plan(
        meeting, actor=request.user, clusters=d["clusters"], dispersed=d["dispersed"], approved_on=d["approved_on"]),
        _("The cluster plan was recorded."))  # fmt: skip


@require_POST
def cluster_attend(request: HttpRequest, pk: int, cluster: int) -> HttpResponse:
    """A household present at the meeting of one cluster, by its code (typed or scanned)."""
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    found = _cluster_or_404(meeting, cluster)
    form = HouseholdByCodeForm(request.POST, matter=matter, prefix=f"attend-{found.pk}")

    def run(d: dict[str, Any]) -> None:
        actions.record_attendance(meeting, actor=request.user, household=d["household"], cluster=found)

    return _step(request, matter, form, run, _("The household was recorded present in the cluster."))


@require_POST
def cluster_result(request: HttpRequest, pk: int, cluster: int) -> HttpResponse:
    """The count of one cluster, reported by its chair."""
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    found = _cluster_or_404(meeting, cluster)
    form = ClusterResultForm(request.POST, prefix=f"result-{found.pk}")
    return _step(request, matter, form, lambda d: actions.record_cluster_result(
        found, actor=request.user, agree=d["agree"], disagree=d["disagree"], other=d["other"]),
        _("The count of the cluster was recorded."))  # fmt: skip


@require_POST
def cluster_combine(request: HttpRequest, pk: int) -> HttpResponse:
    """The village head adds the cluster results up into the village result."""
    matter = access_managed_matter(request.user, pk)
    meeting = _meeting_or_404(matter)
    try:
        actions.combine_cluster_results(meeting, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The cluster results were added up into the village result."))
    return redirect("decisions:console-meeting", pk=matter.pk)
