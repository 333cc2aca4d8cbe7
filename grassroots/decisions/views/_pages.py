"""The pages of the console, the meeting and slip entry, rendered with any bound form that has errors, and
the facts the steps are computed from. Private to the views of the people who run decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from grassroots.accounts.http import AuthedRequest
from grassroots.accounts.models import User
from grassroots.core.forms import Confirmation, run_action, run_form
from grassroots.people.actions import household_count_on

from .. import actions, rules
from ..access import access_managed_matter, may_record
from ..forms import (
    ClusterPlanForm,
    ClusterResultForm,
    ConsentForm,
    CorrectOptinForm,
    FileRecordForm,
    HouseholdByCodeForm,
    MeetingResultForm,
    MethodForm,
    OpenMatterForm,
    OptinForm,
    ScheduleMeetingForm,
    SecretaryForm,
    SlipForm,
    TeamForm,
)
from ..models import (
    Attendance,
    Choice,
    Consent,
    Matter,
    Meeting,
    Participation,
    Status,
    TeamMember,
)
from ..steps import Facts, MeetingFacts, TeamFacts, form_options, next_step, steps_for
from .documents import matter_documents

SEARCH_LIMIT = 30


RECENT_ATTENDANCE = 10


# Teams set directly from the console; the counting committee is approved by the meeting (`counting`).
DIRECT_TEAMS = frozenset({TeamMember.Team.BALLOT_TEAM, TeamMember.Team.ONLINE_TEAM, TeamMember.Team.WITNESS})


def _meeting_of(matter: Matter) -> Meeting | None:
    """The latest meeting of the matter (of the current round, or the one that fell short)."""
    return matter.meetings.order_by("-round", "-pk").first()


def _meeting_or_404(matter: Matter) -> Meeting:
    meeting = _meeting_of(matter)
    if meeting is None:
        raise Http404
    meeting.matter = matter  # already fetched with its unit
    return meeting


def _teams(matter: Matter) -> dict[str, TeamFacts]:
    rows = matter.team.values("team").annotate(n=Count("id"), leads=Count("id", filter=Q(is_lead=True)))
    return {row["team"]: TeamFacts(row["n"], row["leads"]) for row in rows}


def _team_members(matter: Matter) -> dict[str, list[TeamMember]]:
    members: dict[str, list[TeamMember]] = {}
    for member in matter.team.order_by("pk"):
        members.setdefault(member.team, []).append(member)
    return members


def present_at(_matter: Matter, meeting: Meeting) -> int:
    """The bound of a count taken at the meeting: the households present."""
    return meeting.attendance.count()


def households_of(matter: Matter, _target: object) -> int:
    """The bound of the opt-in poll: all households of the village."""
    return _households(matter)


def _households(matter: Matter) -> int:
    if matter.household_count is not None:
        return matter.household_count
    return household_count_on(matter.unit, timezone.localdate())


def _meeting_facts(meeting: Meeting | None) -> MeetingFacts | None:
    if meeting is None:
        return None
    outlook = actions.meeting_outlook(meeting)
    return MeetingFacts(
        round=meeting.round,
        present=outlook["present"],
        households=outlook["households"],
        reachable=outlook["reachable"],
        quorum=outlook["quorum"],
        falls_short=outlook["falls_short"],
        secretary=meeting.secretary,
        method=meeting.method,
        counted=meeting.closed_at is not None,
        dispersed=meeting.dispersed,
        clusters=meeting.clusters.count(),
        plan_approved=meeting.cluster_plan_approved_on is not None,
    )


def _facts(matter: Matter, meeting: Meeting | None) -> Facts:
    today = timezone.localdate()
    households = _households(matter)
    consents = 0
    if matter.status == Status.GATHERING:
        given = Consent.objects.filter(matter=matter).values_list("given_on", flat=True)
        consents = sum(1 for day in given if rules.consent_valid_on(day, today))
    blockers = actions.online_blockers(matter, households) if matter.item == rules.Item.OTHER else []
    return Facts(
        today=today,
        households=households,
        teams=_teams(matter),
        online_blockers=tuple(blockers),
        meeting=_meeting_facts(meeting),
        participants=Participation.objects.filter(matter=matter, round=matter.round).count(),
        consents=consents,
    )


def _team_form(matter: Matter, team: str, members: list[TeamMember], **kwargs: Any) -> TeamForm:
    initial: dict[str, Any] = {}
    for i, member in enumerate(members[:5], start=1):
        initial[f"name_{i}"], initial[f"role_{i}"] = member.name, member.role
        if member.is_lead:
            initial["lead"] = i
    return TeamForm(team=team, prefix=team, initial=initial, **kwargs)


def _console_page(
    request: AuthedRequest, matter: Matter, bound: dict[str, forms.Form], status: int = 200
) -> HttpResponse:
    meeting = _meeting_of(matter)
    facts = _facts(matter, meeting)
    steps = steps_for(matter, facts)
    members = _team_members(matter)
    today = timezone.localdate()
    forms_ = {
        "consent": ConsentForm(matter=matter, prefix="consent", initial={"given_on": today}),
        "optin": OptinForm(prefix="optin", initial={"yes": matter.optin_yes}, most=facts.households),
        "open": OpenMatterForm(prefix="open"),
        "schedule": ScheduleMeetingForm(prefix="schedule", initial={"notice_sent_on": today}),
        "file": FileRecordForm(prefix="file", initial={"decision_text": matter.decision_text, **matter.signatories}),
    }
    for team in DIRECT_TEAMS:
        forms_[team] = _team_form(matter, team, members.get(team, []))
    forms_.update(bound)
    may = {s.key for s in steps if may_record(request.user, matter, s.key)}
    corrections = list(matter.corrections.select_related("corrected_by"))
    if matter.status not in actions.PREPARING:
        forms_.setdefault(
            "correct_optin",
            CorrectOptinForm(prefix="correct_optin", initial={"yes": matter.optin_yes}, most=facts.households),
        )
    context = {
        "matter": matter,
        "steps": steps,
        "may": may,
        "corrections": corrections,
        "next": next_step([s for s in steps if s.key in may]),
        "facts": facts,
        "meeting": meeting,
        "forms": forms_,
        "form_options": form_options(matter, facts),
        "members": members,
        "today": today,
        "documents": matter_documents(request.user, matter),
    }
    return render(request, "decisions/console/matter.html", context, status=status)


def _household_rows(matter: Matter, meeting: Meeting, q: str) -> list[dict[str, Any]]:
    """Households of the matter's village(s) by code, address or representative's name."""
    if not q:
        return []
    households = actions.households_matching(matter, q, SEARCH_LIMIT)
    present = set(
        Attendance.objects.filter(meeting=meeting, household__in=households).values_list("household_id", flat=True)
    )
    return [
        {
            "household": h,
            "representatives": [r.resident.full_name for r in getattr(h, "current_reps", [])],
            "present": h.pk in present,
        }
        for h in households
    ]


def _meeting_context(
    request: AuthedRequest, matter: Matter, meeting: Meeting, bound: dict[str, forms.Form]
) -> dict[str, Any]:
    outlook = actions.meeting_outlook(meeting)
    current = matter.status == Status.OPEN and matter.form == "meeting" and meeting.round == matter.round
    members = _team_members(matter)
    q = request.GET.get("q", "").strip()[:100]
    present = outlook["present"]
    forms_: dict[str, forms.Form] = {
        "attend": HouseholdByCodeForm(matter=matter, prefix="attend"),
        "secretary": SecretaryForm(prefix="secretary", initial={"name": meeting.secretary}, most=present),
        "method": MethodForm(prefix="method", initial={"method": meeting.method}, most=present),
        "counting": _team_form(
            matter, TeamMember.Team.COUNTING_COMMITTEE, members.get("counting", []), with_yes=True, most=present
        ),
        "witness": _team_form(matter, TeamMember.Team.WITNESS, members.get("witness", [])),
        "result": MeetingResultForm(prefix="result", initial={"method": meeting.method, "other": 0}, most=present),
    }
    forms_.update(bound)
    cluster_list = list(meeting.clusters.all())
    cluster_rows = [
        {
            "cluster": c,
            "present": outlook["by_cluster"].get(c.pk, 0),
            "attend": bound.get(f"attend-{c.pk}") or HouseholdByCodeForm(matter=matter, prefix=f"attend-{c.pk}"),
            "result": bound.get(f"result-{c.pk}")
            or ClusterResultForm(
                prefix=f"result-{c.pk}", initial={"other": 0}, most=outlook["by_cluster"].get(c.pk, 0)
            ),
        }
        for c in cluster_list
    ]
    plan_lines = "\n".join(f"{c.name} | {c.chair}" for c in cluster_list)
    forms_.setdefault(
        "plan",
        ClusterPlanForm(
            prefix="plan",
            initial={"clusters": plan_lines, "dispersed": meeting.dispersed,
                     "approved_on": meeting.cluster_plan_approved_on},
        ),
    )  # fmt: skip
    recent = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("household")
        .order_by("-recorded_at", "-pk")[:RECENT_ATTENDANCE]
    )
    return {
        "matter": matter,
        "meeting": meeting,
        "outlook": outlook,
        "current": current,
        "counted": meeting.closed_at is not None,
        "q": q,
        "rows": _household_rows(matter, meeting, q),
        "recent": recent,
        "members": members,
        "forms": forms_,
        "is_convention": matter.item == rules.Item.CONVENTION,
        "clustered": bool(cluster_list),
        "cluster_rows": cluster_rows,
        "all_clusters_counted": bool(cluster_list) and all(c.counted_at is not None for c in cluster_list),
        "cluster_totals": actions.cluster_totals(meeting) if cluster_list else {},
        "cluster_households": actions.plan_households(meeting),
        "cluster_min": rules.CLUSTER_MIN_HOUSEHOLDS,
    }


def _meeting_page(
    request: AuthedRequest, matter: Matter, bound: dict[str, forms.Form], status: int = 200
) -> HttpResponse:
    meeting = _meeting_or_404(matter)
    context = _meeting_context(request, matter, meeting, bound)
    return render(request, "decisions/console/meeting.html", context, status=status)


def _slips_context(matter: Matter, form: SlipForm) -> dict[str, Any]:
    return {
        "matter": matter,
        "form": form,
        "counted": Participation.objects.filter(matter=matter, round=matter.round).count(),
        "households": _households(matter),
        "current": matter.status == Status.OPEN and matter.form == "ballot",
    }


def _slips_page(
    request: AuthedRequest, matter: Matter, bound: dict[str, forms.Form], status: int = 200
) -> HttpResponse:
    choice = request.GET.get("choice", "")
    form = bound.get("slip") or SlipForm(prefix="slip", initial={"choice": choice if choice in Choice.values else ""})
    return render(request, "decisions/console/slips.html", _slips_context(matter, form), status=status)  # type: ignore[arg-type]


PAGES: dict[str, Callable[..., HttpResponse]] = {
    "console": _console_page,
    "meeting": _meeting_page,
    "slips": _slips_page,
}


PAGE_URLS = {"console": "decisions:console", "meeting": "decisions:console-meeting", "slips": "decisions:console-slips"}


def _back(request: AuthedRequest) -> str:
    back = request.POST.get("back", "console")
    return back if back in PAGES else "console"


Irreversible = tuple["StrOrPromise", "StrOrPromise", "StrOrPromise"]  # title, consequence, warning button


def _step(
    request: AuthedRequest,
    matter: Matter,
    form: forms.Form,
    run: Callable[[dict[str, Any]], object],
    done: StrOrPromise,
    confirm: Irreversible | None = None,
) -> HttpResponse:
    """Bind, call one action, redirect back; re-render the page with the form's errors (422) otherwise.
    An irreversible step (`confirm`: its title, consequence and button) first asks for confirmation."""
    back = _back(request)
    url = reverse(PAGE_URLS[back], args=[matter.pk])
    confirmation = Confirmation(*confirm, back=url) if confirm else None
    return run_form(request, form, run, success=url, refused_to=url, done=done, confirm=confirmation,
                    page=lambda status: PAGES[back](request, matter, {form.prefix or "": form}, status=status))  # fmt: skip


def _act(request: AuthedRequest, matter: Matter, run: Callable[[], object], done: StrOrPromise) -> HttpResponse:
    """A step without a form: call one action, say how it went, back to the console."""
    return run_action(request, run, done=done, then=reverse("decisions:console", args=[matter.pk]))


def _entry_response(
    request: AuthedRequest, template: str, context: dict[str, Any], partial: str, ok: bool, url: str
) -> HttpResponse:
    """After a code was entered: the entry partial for htmx (422 on errors), else redirect or the page."""
    if request.htmx:
        return render(request, f"{template}#{partial}", context, status=200 if ok else 422)
    if ok:
        return redirect(url)
    return render(request, template, context, status=422)


StepRun = Callable[[User, Any, Any, dict[str, Any]], object]


def step(
    form_class: type[forms.Form],
    *,
    prefix: str,
    done: StrOrPromise,
    at_meeting: bool = False,
    with_matter: bool = False,
    most: Callable[[Matter, Any], int] | None = None,
    confirm: Irreversible | None = None,
    **form_kwargs: Any,
) -> Callable[[StepRun], Callable[[AuthedRequest, int], HttpResponse]]:
    """Turns `run(actor, matter_or_meeting, form, data)` into the POST view of one console step.

    The view finds the matter the user runs (or its latest meeting, `at_meeting`), binds `form_class`
    with `prefix` (and the matter, `with_matter`; the bound of its counts, `most(matter, target)`), and runs
    it through `_step`: the `done` message and
    back to the page it came from, or that page again with the form's errors (422).
    """

    def decorate(run: StepRun) -> Callable[[AuthedRequest, int], HttpResponse]:
        @require_POST
        def view(request: AuthedRequest, pk: int) -> HttpResponse:
            matter = access_managed_matter(request.user, pk)
            target = _meeting_or_404(matter) if at_meeting else matter
            kwargs = {"matter": matter, **form_kwargs} if with_matter else dict(form_kwargs)
            if most is not None:
                kwargs["most"] = most(matter, target)
            form = form_class(request.POST, prefix=prefix, **kwargs)
            return _step(request, matter, form, lambda data: run(request.user, target, form, data), done, confirm)

        view.__name__, view.__qualname__, view.__doc__ = run.__name__, run.__qualname__, run.__doc__
        return view

    return decorate


ButtonRun = Callable[[User, Matter, str], object]


def button(
    *,
    field: str,
    values: frozenset[str],
    done: StrOrPromise,
    access: Callable[[User, int], Matter] = access_managed_matter,
) -> Callable[[ButtonRun], Callable[[AuthedRequest, int], HttpResponse]]:
    """Turns `run(actor, matter, value)` into the POST view of a step without a form: a button that
    posts `field` with one of `values` (any other is a 404), then a message and back to the console."""

    def decorate(run: ButtonRun) -> Callable[[AuthedRequest, int], HttpResponse]:
        @require_POST
        def view(request: AuthedRequest, pk: int) -> HttpResponse:
            matter = access(request.user, pk)
            value = request.POST.get(field, "")
            if value not in values:
                raise Http404
            return _act(request, matter, lambda: run(request.user, matter, value), done)

        view.__name__, view.__qualname__, view.__doc__ = run.__name__, run.__qualname__, run.__doc__
        return view

    return decorate
