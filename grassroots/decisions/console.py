"""Pages of the people who run decisions: a new matter, the console of one matter (its steps), the
meeting (attendance, procedural votes, count), ballot slip entry, and the commune's recognition queue.

Each step posts to its own URL, which binds a form, calls one action and redirects back (POST,
redirect, GET). A refusal (`DomainError`) becomes a message, or an error beside its field. Anyone who
may not run the matter gets a 404, the same as for a matter that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from grassroots.accounts.models import Role, User
from grassroots.accounts.roles import role_unit_ids
from grassroots.core.errors import DomainError
from grassroots.people.actions import household_count_on
from grassroots.people.models import Household, Representation
from grassroots.territory.models import COMMUNE_KINDS, VILLAGE_KINDS, Unit

from . import actions, rules
from .access import VILLAGE_ROLES, access_matter, can_agree, can_count_early, can_manage, can_recognize
from .forms import (
    CloseForm,
    ClusterPlanForm,
    ClusterResultForm,
    ConsentForm,
    CorrectOptinForm,
    DeliveryForm,
    FileRecordForm,
    HouseholdByCodeForm,
    MeetingResultForm,
    MethodForm,
    NewMatterForm,
    OpenMatterForm,
    OptinForm,
    RecognizeForm,
    RefuseForm,
    ScheduleMeetingForm,
    SecretaryForm,
    SlipForm,
    SwitchForm,
    TeamForm,
)
from .models import (
    Attendance,
    Choice,
    Cluster,
    Consent,
    Matter,
    Meeting,
    Participation,
    Status,
    TeamMember,
)
from .steps import Facts, MeetingFacts, TeamFacts, form_options, next_step, steps_for

# Art 16(1): the commune chair tables commune-wide matters (after agreeing with the commune Front).
COMMUNE_TABLING_ROLES = frozenset({Role.COMMUNE_CHAIR})
COMMUNE_ROLES = frozenset({Role.COMMUNE_CHAIR, Role.COMMUNE_OFFICIAL, Role.COMMUNE_FRONT})
SEARCH_LIMIT = 30
RECENT_ATTENDANCE = 10
FILED_PER_PAGE = 30
# Teams set directly from the console; the counting committee is approved by the meeting (`counting`).
DIRECT_TEAMS = frozenset({TeamMember.Team.BALLOT_TEAM, TeamMember.Team.ONLINE_TEAM, TeamMember.Team.WITNESS})


# --- Who may use these pages ----------------------------------------------------------------
def tabling_units(user: User) -> QuerySet[Unit]:
    """Units the user may table matters for: villages of a village head or Front work committee head
    (Art 16(2)), communes of the chair or a commune official for commune-wide items 1–2 (Art 16(1))."""
    if not user.is_authenticated:
        return Unit.objects.none()
    villages = Q(id__in=role_unit_ids(user, VILLAGE_ROLES), kind__in=VILLAGE_KINDS)
    communes = Q(id__in=role_unit_ids(user, COMMUNE_TABLING_ROLES), kind__in=COMMUNE_KINDS)
    return Unit.objects.filter(villages | communes).order_by("path")


def may_table(user: User) -> bool:
    return bool(role_unit_ids(user, VILLAGE_ROLES | COMMUNE_TABLING_ROLES))


def commune_units(user: User) -> list[Unit]:
    """Communes where the user receives decision records or recognizes them (Art 20(3), Art 21(2))."""
    if not user.is_authenticated:
        return []
    return list(Unit.objects.filter(id__in=role_unit_ids(user, COMMUNE_ROLES), kind__in=COMMUNE_KINDS))


def may_see_queue(user: User) -> bool:
    return bool(commune_units(user))


def _managed_matter(request: HttpRequest, pk: int) -> Matter:
    """The matter if the user runs it; a 404 otherwise, also for those who may only read it."""
    matter = access_matter(request.user, pk)
    if not can_manage(request.user, matter):
        raise Http404
    return matter


def _console_matter(request: HttpRequest, pk: int) -> Matter:
    """The console: those who run the matter, and the commune Front where it records the Front work
    committee's agreement for a village that has no committee head (Art 16(2))."""
    matter = access_matter(request.user, pk)
    if not (can_manage(request.user, matter) or can_agree(request.user, matter, "front")):
        raise Http404
    return matter


def may_record(user: User, matter: Matter, key: str) -> bool:
    """Whether the user records this step: each agreement by the person who gives it (Art 16(2)),
    every other step by those who run the matter."""
    if key == "head_agreed":
        return can_agree(user, matter, "head")
    if key == "front_agreed":
        return can_agree(user, matter, "front")
    return can_manage(user, matter)


def _recognizable_matter(request: HttpRequest, pk: int) -> Matter:
    matter = access_matter(request.user, pk)
    if not can_recognize(request.user, matter):
        raise Http404
    return matter


def _meeting_of(matter: Matter) -> Meeting | None:
    """The latest meeting of the matter (of the current round, or the one that fell short)."""
    return matter.meetings.order_by("-round", "-pk").first()


def _meeting_or_404(matter: Matter) -> Meeting:
    meeting = _meeting_of(matter)
    if meeting is None:
        raise Http404
    meeting.matter = matter  # already fetched with its unit
    return meeting


# --- Facts for the steps ---------------------------------------------------------------------------
def _teams(matter: Matter) -> dict[str, TeamFacts]:
    rows = matter.team.values("team").annotate(n=Count("id"), leads=Count("id", filter=Q(is_lead=True)))
    return {row["team"]: TeamFacts(row["n"], row["leads"]) for row in rows}


def _team_members(matter: Matter) -> dict[str, list[TeamMember]]:
    members: dict[str, list[TeamMember]] = {}
    for member in matter.team.order_by("pk"):
        members.setdefault(member.team, []).append(member)
    return members


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


# --- Rendering the pages, with any bound form that has errors -------------------------------------
def _console_page(
    request: HttpRequest, matter: Matter, bound: dict[str, forms.Form], status: int = 200
) -> HttpResponse:
    meeting = _meeting_of(matter)
    facts = _facts(matter, meeting)
    steps = steps_for(matter, facts)
    members = _team_members(matter)
    today = timezone.localdate()
    forms_ = {
        "consent": ConsentForm(matter=matter, prefix="consent", initial={"given_on": today}),
        "optin": OptinForm(prefix="optin", initial={"yes": matter.optin_yes}),
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
        forms_.setdefault("correct_optin", CorrectOptinForm(prefix="correct_optin", initial={"yes": matter.optin_yes}))
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
    }
    return render(request, "decisions/console/matter.html", context, status=status)


def _household_rows(matter: Matter, meeting: Meeting, q: str) -> list[dict[str, Any]]:
    """Households of the matter's village(s) by code, address or representative's name."""
    if not q:
        return []
    reps = Representation.objects.filter(valid_to__isnull=True).select_related("resident")
    households = (
        Household.objects.active()
        .filter(unit__path__startswith=matter.unit.path)
        .filter(
            Q(code__icontains=q)
            | Q(address__icontains=q)
            | Q(representations__valid_to__isnull=True, representations__resident__full_name__icontains=q)
        )
        .distinct()
        .prefetch_related(Prefetch("representations", queryset=reps, to_attr="current_reps"))
        .order_by("code")[:SEARCH_LIMIT]
    )
    households = list(households)
    present = set(
        Attendance.objects.filter(meeting=meeting, household__in=households).values_list("household_id", flat=True)
    )
    return [
        {"household": h, "representatives": [r.resident.full_name for r in h.current_reps], "present": h.pk in present}
        for h in households
    ]


def _meeting_context(
    request: HttpRequest, matter: Matter, meeting: Meeting, bound: dict[str, forms.Form]
) -> dict[str, Any]:
    outlook = actions.meeting_outlook(meeting)
    current = matter.status == Status.OPEN and matter.form == "meeting" and meeting.round == matter.round
    members = _team_members(matter)
    q = request.GET.get("q", "").strip()[:100]
    forms_: dict[str, forms.Form] = {
        "attend": HouseholdByCodeForm(matter=matter, prefix="attend"),
        "secretary": SecretaryForm(prefix="secretary", initial={"name": meeting.secretary}),
        "method": MethodForm(prefix="method", initial={"method": meeting.method}),
        "counting": _team_form(matter, TeamMember.Team.COUNTING_COMMITTEE, members.get("counting", []), with_yes=True),
        "witness": _team_form(matter, TeamMember.Team.WITNESS, members.get("witness", [])),
        "result": MeetingResultForm(prefix="result", initial={"method": meeting.method, "other": 0}),
    }
    forms_.update(bound)
    cluster_list = list(meeting.clusters.all())
    cluster_rows = [
        {
            "cluster": c,
            "present": outlook["by_cluster"].get(c.pk, 0),
            "attend": bound.get(f"attend-{c.pk}") or HouseholdByCodeForm(matter=matter, prefix=f"attend-{c.pk}"),
            "result": bound.get(f"result-{c.pk}") or ClusterResultForm(prefix=f"result-{c.pk}", initial={"other": 0}),
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
    request: HttpRequest, matter: Matter, bound: dict[str, forms.Form], status: int = 200
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


def _slips_page(request: HttpRequest, matter: Matter, bound: dict[str, forms.Form], status: int = 200) -> HttpResponse:
    choice = request.GET.get("choice", "")
    form = bound.get("slip") or SlipForm(prefix="slip", initial={"choice": choice if choice in Choice.values else ""})
    return render(request, "decisions/console/slips.html", _slips_context(matter, form), status=status)  # type: ignore[arg-type]


PAGES: dict[str, Callable[..., HttpResponse]] = {
    "console": _console_page,
    "meeting": _meeting_page,
    "slips": _slips_page,
}
PAGE_URLS = {"console": "decisions:console", "meeting": "decisions:console-meeting", "slips": "decisions:console-slips"}


def _back(request: HttpRequest) -> str:
    back = request.POST.get("back", "console")
    return back if back in PAGES else "console"


def _step(
    request: HttpRequest,
    matter: Matter,
    form: forms.Form,
    run: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Bind, call one action, redirect back; re-render the page with the form's errors (422) otherwise."""
    back = _back(request)
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except DomainError as exc:
            if not exc.field:
                messages.error(request, exc.message)
                return redirect(PAGE_URLS[back], pk=matter.pk)
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, done)
            return redirect(PAGE_URLS[back], pk=matter.pk)
    return PAGES[back](request, matter, {form.prefix or "": form}, status=422)


def _act(request: HttpRequest, matter: Matter, run: Callable[[], object], done: str) -> HttpResponse:
    """A step without a form: call one action, say how it went, back to the console."""
    try:
        run()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("decisions:console", pk=matter.pk)


# --- New matter -----------------------------------------------------------------------------------
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


# --- The console of one matter ---------------------------------------------------------------
def console(request: HttpRequest, pk: int) -> HttpResponse:
    return _console_page(request, _console_matter(request, pk), {})


@require_POST
def agree(request: HttpRequest, pk: int) -> HttpResponse:
    """The village head's or the Front work committee head's agreement (Art 16(2)), each by its own holder."""
    matter = _console_matter(request, pk)
    who = request.POST.get("who")
    if who not in {"head", "front"}:
        raise Http404
    return _act(request, matter, lambda: actions.record_agreement(matter, actor=request.user, who=who),
                _("The agreement was recorded."))  # fmt: skip


@require_POST
def notify(request: HttpRequest, pk: int) -> HttpResponse:
    """The commune People's Committee or the commune Front was told before an online vote (D59 Art 5(2)(a))."""
    matter = _managed_matter(request, pk)
    body = request.POST.get("body")
    if body not in {"committee", "front"}:
        raise Http404
    return _act(request, matter, lambda: actions.record_notification(matter, actor=request.user, body=body),
                _("The notification was recorded."))  # fmt: skip


@require_POST
def optin(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _managed_matter(request, pk)
    form = OptinForm(request.POST, prefix="optin")
    return _step(request, matter, form, lambda d: actions.record_optin_poll(matter, actor=request.user, yes=d["yes"]),
                 _("The result of the poll was recorded."))  # fmt: skip


@require_POST
def correct_optin(request: HttpRequest, pk: int) -> HttpResponse:
    """After the opening: a new, audited entry with the reason; the old count is kept in the history."""
    matter = _managed_matter(request, pk)
    form = CorrectOptinForm(request.POST, prefix="correct_optin")
    return _step(request, matter, form, lambda d: actions.record_optin_poll(
        matter, actor=request.user, yes=d["yes"], reason=d["reason"]), _("The correction was recorded."))  # fmt: skip


@require_POST
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _managed_matter(request, pk)
    form = ConsentForm(request.POST, matter=matter, prefix="consent")
    return _step(request, matter, form, lambda d: actions.record_consent(
        matter, actor=request.user, household=d["household"], given_on=d["given_on"]),
        _("The consent was recorded."))  # fmt: skip


@require_POST
def team(request: HttpRequest, pk: int, team: str) -> HttpResponse:
    """Ballot team, online-vote team (3–5, led by the Front representative) or the 2 count witnesses."""
    matter = _managed_matter(request, pk)
    if team not in DIRECT_TEAMS:
        raise Http404
    form = TeamForm(request.POST, team=team, prefix=team)
    return _step(request, matter, form, lambda d: actions.set_team(matter, actor=request.user, team=team,
                                                                    members=form.members(), reason=d["reason"]),
                 _("The members were recorded."))  # fmt: skip


@require_POST
def open_matter(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _managed_matter(request, pk)
    form = OpenMatterForm(request.POST, prefix="open")
    return _step(request, matter, form, lambda d: actions.open_matter(matter, actor=request.user, form=d["form"],
                                                                       closes_at=d["closes_at"]),
                 _("The matter is open for decision."))  # fmt: skip


@require_POST
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _managed_matter(request, pk)
    form = ScheduleMeetingForm(request.POST, prefix="schedule")
    return _step(request, matter, form, lambda d: actions.schedule_meeting(
        matter, actor=request.user, starts_at=d["starts_at"], place=d["place"], notice_sent_on=d["notice_sent_on"],
        documents_delivered_on=d["documents_delivered_on"]), _("The meeting was scheduled."))  # fmt: skip


@require_POST
def file_record(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _managed_matter(request, pk)
    form = FileRecordForm(request.POST, prefix="file")
    return _step(request, matter, form, lambda d: actions.file_record(
        matter, actor=request.user, decision_text=d["decision_text"], signatories=form.signatories()),
        _("The decision record was filed with the commune."))  # fmt: skip


def close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the vote and count it (Art 21(1)); starts the 5-working-day filing clock (Art 20(3)).

    GET states the consequence; when ballot slips are still out before their announced end, it warns
    and asks the village head for the reason, which POST records with the count (D59 Art 4(4)).
    """
    matter = _managed_matter(request, pk)
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
    matter = _managed_matter(request, pk)
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


# --- The meeting: attendance, procedural votes, count ----------------------------------------------
def _entry_response(
    request: HttpRequest, template: str, context: dict[str, Any], partial: str, ok: bool, url: str
) -> HttpResponse:
    """After a code was entered: the entry partial for htmx (422 on errors), else redirect or the page."""
    if request.htmx:
        return render(request, f"{template}#{partial}", context, status=200 if ok else 422)
    if ok:
        return redirect(url)
    return render(request, template, context, status=422)


@vary_on_headers("HX-Request", "HX-Target")
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting page; POST records a household present by its code (typed, or scanned from its QR card)."""
    matter = _managed_matter(request, pk)
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
    matter = _managed_matter(request, pk)
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
    matter = _managed_matter(request, pk)
    meeting = _meeting_or_404(matter)
    form = SecretaryForm(request.POST, prefix="secretary")
    return _step(request, matter, form, lambda d: actions.elect_secretary(
        meeting, actor=request.user, name=d["name"], yes=d["yes"]), _("The secretary was elected."))  # fmt: skip


@require_POST
def method(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _managed_matter(request, pk)
    meeting = _meeting_or_404(matter)
    form = MethodForm(request.POST, prefix="method")
    return _step(request, matter, form, lambda d: actions.choose_method(
        meeting, actor=request.user, method=d["method"], yes=d["yes"]), _("The voting method was chosen."))  # fmt: skip


@require_POST
def counting(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _managed_matter(request, pk)
    meeting = _meeting_or_404(matter)
    form = TeamForm(request.POST, team=TeamMember.Team.COUNTING_COMMITTEE, prefix="counting", with_yes=True)
    return _step(request, matter, form, lambda d: actions.approve_counting_committee(
        meeting, actor=request.user, members=form.members(), yes=d["yes"]),
        _("The vote-counting committee was approved."))  # fmt: skip


@require_POST
def result(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _managed_matter(request, pk)
    meeting = _meeting_or_404(matter)
    form = MeetingResultForm(request.POST, prefix="result")
    return _step(request, matter, form, lambda d: actions.record_meeting_count(
        meeting, actor=request.user, method=d["method"], agree=d["agree"], disagree=d["disagree"], other=d["other"]),
        _("The count of the meeting was recorded."))  # fmt: skip


# --- Ballot slips -----------------------------------------------------------------------------------
@vary_on_headers("HX-Request")
def slips(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter returned ballot slips by household code (typed or scanned); the form is ready again after each."""
    matter = _managed_matter(request, pk)
    template = "decisions/console/slips.html"
    if request.method != "POST":
        return _slips_page(request, matter, {})
    form = SlipForm(request.POST, prefix="slip")
    notice = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_slip(matter, actor=request.user, household_code=data["household_code"],
                                choice=data["choice"], comment=data["comment"])  # fmt: skip
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            notice = _("The slip of household %(code)s was recorded.") % {"code": data["household_code"].strip()}
            if not request.htmx:
                messages.success(request, notice)
            form = SlipForm(prefix="slip", initial={"choice": data["choice"]})
    context = _slips_context(matter, form)
    context["notice"] = notice
    url = (
        reverse("decisions:console-slips", args=[matter.pk])
        + "?"
        + urlencode({"choice": form.initial.get("choice", "")})
    )
    return _entry_response(request, template, context, "entry", not form.errors, url)


# --- The commune: recognition queue and filings ----------------------------------------------------
def queue(request: HttpRequest) -> HttpResponse:
    """Decisions awaiting the commune's recognition, records not yet filed, and every record filed."""
    communes = commune_units(request.user)
    if not communes:
        raise Http404
    today = timezone.localdate()
    matters = Matter.objects.in_units([c.path for c in communes]).select_related("unit")
    to_recognize = [
        {"matter": m, "overdue": rules.is_overdue(m.recognition_due_on, False, today)}
        for m in matters.filter(status=Status.FILED, adopted=True).order_by("recognition_due_on", "pk")
        if can_recognize(request.user, m)
    ]
    # Every role of `COMMUNE_ROLES` receives the records of its commune (can_receive_filings).
    unfiled = [
        {"matter": m, "overdue": rules.is_overdue(m.filing_due_on, False, today)}
        for m in matters.filter(status=Status.CLOSED).order_by("filing_due_on", "pk")
    ]
    filed = Paginator(matters.filter(filed_at__isnull=False).order_by("-filed_at"), FILED_PER_PAGE).get_page(
        request.GET.get("page")
    )
    filed_rows = [
        {"matter": m, "late": m.filing_due_on is not None and timezone.localdate(m.filed_at) > m.filing_due_on}
        for m in filed.object_list
    ]
    context = {"to_recognize": to_recognize, "unfiled": unfiled, "page": filed, "filed_rows": filed_rows}
    return render(request, "decisions/console/queue.html", context)


def _decide(request: HttpRequest, pk: int, *, form_class: type[forms.Form], refuse: bool) -> HttpResponse:
    matter = _recognizable_matter(request, pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if refuse:
                actions.refuse(matter, actor=request.user, reason=form.cleaned_data["reason"])
            else:
                actions.recognize(matter, actor=request.user, effective_on=form.cleaned_data["effective_on"])
        except DomainError as exc:
            if exc.field and exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                messages.error(request, exc.message)
                return redirect("decisions:recognition")
        else:
            messages.success(request, _("The refusal was recorded.") if refuse else _("The decision was recognized."))
            return redirect("decisions:recognition")
    today = timezone.localdate()
    context = {
        "matter": matter,
        "form": form,
        "refuse": refuse,
        "overdue": rules.is_overdue(matter.recognition_due_on, matter.status != Status.FILED, today),
        "signatories": [
            (FileRecordForm.base_fields[k].label, matter.signatories.get(k, "")) for k in FileRecordForm.SIGNATORIES
        ],
    }
    return render(request, "decisions/console/decide.html", context, status=422 if form.errors else 200)


def recognize(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: confirm; POST: the commune recognizes the decision (Art 21(2))."""
    return _decide(request, pk, form_class=RecognizeForm, refuse=False)


def refuse(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the refusal form; POST: refused in writing, with reasons (Art 21(2))."""
    return _decide(request, pk, form_class=RefuseForm, refuse=True)


# --- Meetings by residential cluster (Law Art 18(3); D59 Art 3(6)) --------------------------------
def _cluster_or_404(meeting: Meeting, cluster: int) -> Cluster:
    found = meeting.clusters.filter(pk=cluster).first()
    if found is None:
        raise Http404
    found.meeting = meeting
    return found


@require_POST
def cluster_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The cluster plan and the day the commune People's Committee approved it."""
    matter = _managed_matter(request, pk)
    meeting = _meeting_or_404(matter)
    form = ClusterPlanForm(request.POST, prefix="plan")
    return _step(request, matter, form, lambda d: actions.set_cluster_plan(
        meeting, actor=request.user, clusters=d["clusters"], dispersed=d["dispersed"], approved_on=d["approved_on"]),
        _("The cluster plan was recorded."))  # fmt: skip


@require_POST
def cluster_attend(request: HttpRequest, pk: int, cluster: int) -> HttpResponse:
    """A household present at the meeting of one cluster, by its code (typed or scanned)."""
    matter = _managed_matter(request, pk)
    meeting = _meeting_or_404(matter)
    found = _cluster_or_404(meeting, cluster)
    form = HouseholdByCodeForm(request.POST, matter=matter, prefix=f"attend-{found.pk}")

    def run(d: dict[str, Any]) -> None:
        actions.record_attendance(meeting, actor=request.user, household=d["household"], cluster=found)

    return _step(request, matter, form, run, _("The household was recorded present in the cluster."))


@require_POST
def cluster_result(request: HttpRequest, pk: int, cluster: int) -> HttpResponse:
    """The count of one cluster, reported by its chair."""
    matter = _managed_matter(request, pk)
    meeting = _meeting_or_404(matter)
    found = _cluster_or_404(meeting, cluster)
    form = ClusterResultForm(request.POST, prefix=f"result-{found.pk}")
    return _step(request, matter, form, lambda d: actions.record_cluster_result(
        found, actor=request.user, agree=d["agree"], disagree=d["disagree"], other=d["other"]),
        _("The count of the cluster was recorded."))  # fmt: skip


@require_POST
def cluster_combine(request: HttpRequest, pk: int) -> HttpResponse:
    """The village head adds the cluster results up into the village result."""
    matter = _managed_matter(request, pk)
    meeting = _meeting_or_404(matter)
    try:
        actions.combine_cluster_results(meeting, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The cluster results were added up into the village result."))
    return redirect("decisions:console-meeting", pk=matter.pk)


# --- Hand delivery and collection of ballot slips (D59 Art 4(5)–(6)) -----------------------------
def _distribution_context(request: HttpRequest, matter: Matter, form: DeliveryForm) -> dict[str, Any]:
    show = request.GET.get("show", "all")
    show = show if show in actions.FILTERS else "all"
    counts, rows = actions.distribution(matter, show)
    return {
        "matter": matter,
        "form": form,
        "show": show,
        "counts": counts,
        "rows": rows,
        "current": matter.status == Status.OPEN and matter.form == "ballot",
    }


@vary_on_headers("HX-Request")
def distribution(request: HttpRequest, pk: int) -> HttpResponse:
    """Who received a slip and who returned it; POST marks one household's slip delivered by its code."""
    matter = _managed_matter(request, pk)
    template = "decisions/console/distribution.html"
    if request.method != "POST":
        return render(request, template, _distribution_context(request, matter, DeliveryForm(prefix="deliver")))
    form = DeliveryForm(request.POST, prefix="deliver")
    notice = ""
    if form.is_valid():
        try:
            household = actions.mark_delivered(matter, actor=request.user,
                                                household_code=form.cleaned_data["household_code"])  # fmt: skip
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            notice = _("The slip of household %(code)s was delivered.") % {"code": household.code}
            if not request.htmx:
                messages.success(request, notice)
            form = DeliveryForm(prefix="deliver")
    context = _distribution_context(request, matter, form)
    context["notice"] = notice
    url = reverse("decisions:console-distribution", args=[matter.pk])
    return _entry_response(request, template, context, "entry", not form.errors, url)


def deliver_all(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST marks every printed slip delivered today."""
    matter = _managed_matter(request, pk)
    if request.method == "POST":
        try:
            n = actions.mark_all_delivered(matter, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                ngettext("%(n)s slip was marked as delivered.", "%(n)s slips were marked as delivered.", n) % {"n": n},
            )
        return redirect("decisions:console-distribution", pk=matter.pk)
    counts, _rows = actions.distribution(matter, "not_delivered")
    return render(request, "decisions/console/deliver_all.html", {"matter": matter, "counts": counts})
