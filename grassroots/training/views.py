"""Pages of training conferences: the programme and materials, delegates and invitations, the door
(check-in by QR code or by search), the delegate's own invitation, and the coverage report.

Organizers (the steering committee of the organizing unit or of a unit above it, and trainers) run a
conference; its delegates see the programme and their own invitation. Anyone else gets a 404, the
same as for a conference that does not exist (training.access). Each form posts to its own URL, which
calls one action and redirects back (POST, redirect, GET); a refusal (`DomainError`) becomes a message
or an error beside its field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from grassroots.accounts.http import AuthedRequest
from grassroots.accounts.models import User
from grassroots.accounts.roles import unit_held_under
from grassroots.core.errors import DomainError
from grassroots.core.forms import run_form
from grassroots.core.text import fold
from grassroots.territory.models import Unit

from . import actions, qr, quiz, rules, stats
from .access import access_conference, can_organize, conferences_for, my_delegation, organized_ids, organizer_units
from .forms import (
    ConferenceForm,
    InviteForm,
    MaterialForm,
    NewConferenceForm,
    RuleForm,
    SessionForm,
    SubstituteForm,
)
from .models import Conference, Delegate, Material, Session

PER_PAGE = 50
# How often the door page refreshes its count of delegates present (htmx; without JS, reload).
COUNT_REFRESH_SECONDS = 5


def _organized(request: AuthedRequest, pk: int) -> Conference:
    return access_conference(request.user, pk, organize=True)


def _refusal(request: AuthedRequest, exc: DomainError) -> None:
    messages.error(request, exc.message)


# --- Conferences ---------------------------------------------------------------------------------
def home(request: AuthedRequest) -> HttpResponse:
    """The conferences the user runs or is invited to, newest first."""
    user: User = request.user
    conferences = conferences_for(user)
    organized = organized_ids(user, conferences)
    mine = {d.conference_id: d for d in Delegate.objects.filter(user=user, conference__in=conferences)}
    rows = [{"conference": c, "organizes": c.pk in organized, "delegation": mine.get(c.pk)} for c in conferences]
    return render(request, "training/home.html", {"rows": rows, "can_create": bool(organizer_units(user))})


def new_conference(request: AuthedRequest) -> HttpResponse:
    user: User = request.user
    units = organizer_units(user)
    if not units:
        raise Http404
    form = NewConferenceForm(request.POST or None, units=units)

    def create(d: dict[str, Any]) -> Conference:
        return actions.create_conference(
            actor=user, unit=d["unit"], title=d["title"], starts_on=d["starts_on"], ends_on=d["ends_on"],
            venue=d["venue"], online_link=d["online_link"], from_template=d["from_template"],
            after_test_attempts=d["after_test_attempts"] or rules.AFTER_TEST_ATTEMPTS,
        )  # fmt: skip

    return run_form(request, form, create, template="training/conference_form.html", context={"conference": None},
                    success=lambda conference: redirect("training:conference", pk=conference.pk),
                    done=_("The conference was created. Set the time and speaker of each session."))  # fmt: skip


def conference_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    user: User = request.user
    conference = access_conference(user, pk)
    context = {
        "conference": conference,
        "organizes": can_organize(user, conference.organizer_unit),
        "delegation": my_delegation(user, conference),
        "sessions": list(conference.sessions.all()),
        "materials": list(conference.materials.select_related("session")),
        # When the test after the course opens (one query of its own: the end of the last session).
        "after_test_opens_at": quiz.after_test_opens_at(conference),
    }
    return render(request, "training/conference_detail.html", context)


def edit_conference(request: AuthedRequest, pk: int) -> HttpResponse:
    conference = _organized(request, pk)
    fields = ["title", "starts_on", "ends_on", "venue", "online_link", "after_test_attempts"]
    initial = {f: getattr(conference, f) for f in fields}
    form = ConferenceForm(request.POST or None, initial=initial)
    return run_form(
        request, form, lambda d: actions.update_conference(conference, actor=request.user, **d),
        template="training/conference_form.html", context={"conference": conference},
        success=reverse("training:conference", args=[conference.pk]), done=_("The conference was saved."),
    )  # fmt: skip


# --- Sessions and materials ----------------------------------------------------------------------
def _session(conference: Conference, session_pk: int) -> Session:
    session = conference.sessions.filter(pk=session_pk).first()
    if session is None:
        raise Http404
    return session


def _session_page(request: AuthedRequest, conference: Conference, session: Session | None) -> HttpResponse:
    initial = {}
    if session is not None:
        initial = {f: getattr(session, f) for f in ["topic", "title", "speaker", "starts_at", "ends_at"]}
    form = SessionForm(request.POST or None, initial=initial)

    def save(d: dict[str, Any]) -> None:
        if session is None:
            actions.add_session(conference, actor=request.user, **d)
        else:
            actions.update_session(session, actor=request.user, **d)

    return run_form(request, form, save, template="training/session_form.html",
                    context={"conference": conference, "session": session},
                    success=reverse("training:conference", args=[conference.pk]),
                    done=_("The session was saved."))  # fmt: skip


def new_session(request: AuthedRequest, pk: int) -> HttpResponse:
    return _session_page(request, _organized(request, pk), None)


def edit_session(request: AuthedRequest, pk: int, session: int) -> HttpResponse:
    conference = _organized(request, pk)
    return _session_page(request, conference, _session(conference, session))


@require_POST
def remove_session(request: AuthedRequest, pk: int, session: int) -> HttpResponse:
    conference = _organized(request, pk)
    try:
        actions.remove_session(_session(conference, session), actor=request.user)
    except DomainError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("The session was removed."))
    return redirect("training:conference", pk=conference.pk)


def new_material(request: AuthedRequest, pk: int) -> HttpResponse:
    conference = _organized(request, pk)
    form = MaterialForm(request.POST or None, request.FILES or None, conference=conference)
    return run_form(
        request, form,
        lambda d: actions.add_material(conference, actor=request.user, title=d["title"], file=d["file"] or None,
                                       url=d["url"], session=d["session"]),
        template="training/material_form.html", context={"conference": conference},
        success=reverse("training:conference", args=[conference.pk]), done=_("The material was added."),
    )  # fmt: skip


def _material(conference: Conference, material_pk: int) -> Material:
    material = conference.materials.filter(pk=material_pk).first()
    if material is None:
        raise Http404
    return material


def material(request: AuthedRequest, pk: int, material: int) -> HttpResponseBase:
    """A material, to organizers and delegates only: uploads are not public files."""
    item = _material(access_conference(request.user, pk), material)
    if item.url:
        return redirect(item.url)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=item.filename)


@require_POST
def remove_material(request: AuthedRequest, pk: int, material: int) -> HttpResponse:
    conference = _organized(request, pk)
    actions.remove_material(_material(conference, material), actor=request.user)
    messages.success(request, _("The material was removed."))
    return redirect("training:conference", pk=conference.pk)


# --- Delegates and invitations -------------------------------------------------------------------
def _delegate_rows(conference: Conference, delegates: list[Delegate]) -> list[dict[str, Any]]:
    first, last = stats.session_bounds(conference)
    return [
        {
            "delegate": d,
            "late": d.checked_in_at is not None and rules.is_late(d.checked_in_at, first),
            "left_early": rules.left_early(d.left_at, last),
            "can_check_in": d.checked_in_at is None and d.status not in CLOSED_STATUSES,
            "can_leave": d.checked_in_at is not None and d.left_at is None,
        }
        for d in delegates
    ]


CLOSED_STATUSES = frozenset({Delegate.Status.REPLACED, Delegate.Status.WITHDRAWN})


def _all_delegates(conference: Conference) -> list[Delegate]:
    return list(
        conference.delegates.select_related("user", "unit__parent", "substitute_for__user").order_by(
            "unit__path", "role", "user__last_name", "user__first_name"
        )
    )


def _delegates_page(request: AuthedRequest, conference: Conference, status: int = 200, **forms: Any) -> HttpResponse:
    page = Paginator(_all_delegates(conference), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "conference": conference,
        "rules": list(conference.rules.select_related("within")),
        "rule_form": forms.get("rule_form") or RuleForm(conference=conference),
        "invite_form": forms.get("invite_form") or InviteForm(conference=conference),
        "page": page,
        "rows": _delegate_rows(conference, list(page.object_list)),
        "waiting": actions.waiting_for_invitation(conference),
        "invited": actions.invited_count(conference),
        "is_past": actions.is_over(conference),
        "attendance": stats.attendance(conference),
    }
    return render(request, "training/delegates.html", context, status=status)


def delegates(request: AuthedRequest, pk: int) -> HttpResponse:
    return _delegates_page(request, _organized(request, pk))


@require_POST
def add_rule(request: AuthedRequest, pk: int) -> HttpResponse:
    conference = _organized(request, pk)
    form = RuleForm(request.POST, conference=conference)
    return run_form(
        request, form,
        lambda d: actions.add_rule(conference, actor=request.user, role=d["role"], unit_kinds=d["unit_kinds"],
                                   within=d["within"]),
        page=lambda status: _delegates_page(request, conference, status=status, rule_form=form),
        success=reverse("training:delegates", args=[conference.pk]),
        done=_("The rule was added. Resolve the list to invite the people who hold the role."),
    )  # fmt: skip


@require_POST
def remove_rule(request: AuthedRequest, pk: int, rule: int) -> HttpResponse:
    conference = _organized(request, pk)
    found = conference.rules.filter(pk=rule).select_related("within", "conference__organizer_unit").first()
    if found is None:
        raise Http404
    actions.remove_rule(found, actor=request.user)
    messages.success(request, _("The rule was removed. Resolve the list again to withdraw the invitations it made."))
    return redirect("training:delegates", pk=conference.pk)


@require_POST
def resolve(request: AuthedRequest, pk: int) -> HttpResponse:
    conference = _organized(request, pk)
    try:
        result = actions.resolve_invitations(conference, actor=request.user)
    except DomainError as exc:
        _refusal(request, exc)
    else:
        messages.success(
            request,
            _("The list was resolved on %(date)s: %(added)s invited, %(kept)s kept, %(withdrawn)s withdrawn.")
            % {
                "date": formats.date_format(conference.starts_on, "DATE_FORMAT"),
                "added": result.added,
                "kept": result.kept,
                "withdrawn": result.withdrawn,
            },
        )
    return redirect("training:delegates", pk=conference.pk)


def _unit_of(user: User, conference: Conference) -> Unit:
    """The unit a person invited by name represents: where they hold a role under the organizing unit on
    the conference date, or else the organizing unit itself."""
    return unit_held_under(user, conference.organizer_unit, conference.starts_on) or conference.organizer_unit


@require_POST
def invite(request: AuthedRequest, pk: int) -> HttpResponse:
    conference = _organized(request, pk)
    form = InviteForm(request.POST, conference=conference)
    if form.is_valid():
        person: User = form.cleaned_data["account"]
        unit = form.cleaned_data["unit"] or _unit_of(person, conference)
        try:
            actions.invite_by_name(conference, actor=request.user, user=person, unit=unit)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("%(name)s is invited.") % {"name": person.get_full_name() or person.username})
            return redirect("training:delegates", pk=conference.pk)
    return _delegates_page(request, conference, status=422, invite_form=form)


@require_POST
def send_invitations(request: AuthedRequest, pk: int) -> HttpResponse:
    conference = _organized(request, pk)
    try:
        count = actions.send_invitations(conference, actor=request.user)
    except DomainError as exc:
        _refusal(request, exc)
    else:
        messages.success(
            request,
            _(
                "The invitation is being sent to %(count)s delegates: in the app, by e-mail, and by SMS where a phone number is known."
            )
            % {"count": count},
        )
    return redirect("training:delegates", pk=conference.pk)


def _invitation_page(request: AuthedRequest, conference: Conference, delegate: Delegate, *, own: bool,
                     substitute_form: SubstituteForm | None = None, status: int = 200) -> HttpResponse:  # fmt: skip
    valid = delegate.status not in CLOSED_STATUSES
    url = qr.checkin_url(request, delegate)
    context = {
        "conference": conference,
        "delegate": delegate,
        "own": own,
        "organizes": not own or can_organize(request.user, conference.organizer_unit),
        "valid": valid,
        "qr": qr.qr_data_uri(url) if valid else "",
        "sessions": list(conference.sessions.all()),
        "materials": list(conference.materials.select_related("session")),
        "substitutes": list(delegate.substitutes.select_related("user")),
        "can_answer": own and valid and delegate.checked_in_at is None and not actions.is_over(conference),
        "substitute_form": substitute_form or SubstituteForm(),
    }
    return render(request, "training/invitation.html", context, status=status)


def invitation(request: AuthedRequest, pk: int) -> HttpResponse:
    """The delegate's own invitation: the programme, the answer, and the QR code to show at the door."""
    conference = access_conference(request.user, pk)
    delegate = my_delegation(request.user, conference)
    if delegate is None:
        raise Http404
    return _invitation_page(request, conference, delegate, own=True)


def delegate_invitation(request: AuthedRequest, pk: int, delegate: int) -> HttpResponse:
    """Any delegate's invitation, for the organizers to print."""
    conference = _organized(request, pk)
    found = conference.delegates.filter(pk=delegate).select_related("user", "unit").first()
    if found is None:
        raise Http404
    return _invitation_page(request, conference, found, own=False)


def _own_delegation(request: AuthedRequest, pk: int) -> Delegate:
    conference = access_conference(request.user, pk)
    delegate = my_delegation(request.user, conference)
    if delegate is None:
        raise Http404
    return delegate


@require_POST
def respond(request: AuthedRequest, pk: int) -> HttpResponse:
    delegate = _own_delegation(request, pk)
    attending = request.POST.get("attending") == "yes"
    try:
        actions.respond(delegate, actor=request.user, attending=attending)
    except DomainError as exc:
        _refusal(request, exc)
    else:
        messages.success(
            request, _("You are registered. See you there.") if attending else _("You declined the invitation.")
        )
    return redirect("training:invitation", pk=pk)


@require_POST
def substitute(request: AuthedRequest, pk: int) -> HttpResponse:
    delegate = _own_delegation(request, pk)
    form = SubstituteForm(request.POST)
    if form.is_valid():
        deputy: User = form.cleaned_data["deputy"]
        try:
            actions.send_substitute(delegate, actor=request.user, deputy=deputy)
        except DomainError as exc:
            form.add_error("deputy" if exc.field else None, exc.message)
        else:
            messages.success(
                request, _("%(name)s will attend in your place.") % {"name": deputy.get_full_name() or deputy.username}
            )
            return redirect("training:invitation", pk=pk)
    return _invitation_page(request, delegate.conference, delegate, own=True, substitute_form=form, status=422)


# --- The door: check-in by QR code or by search, and departures -----------------------------------
def _door_context(request: AuthedRequest, conference: Conference, source: Any = None) -> dict[str, Any]:
    params = source if source is not None else request.GET
    q = params.get("q", "").strip()[:100]
    everyone = _all_delegates(conference)
    if q:
        folded = fold(q)
        everyone = [
            d for d in everyone
            if folded in fold(f"{d.user.get_full_name()} {d.user.username} {d.unit.name} {d.unit.parent or ''}")
        ]  # fmt: skip
    page = Paginator(everyone, PER_PAGE).get_page(params.get("page"))
    return {
        "conference": conference,
        "q": q,
        "page": page,
        "rows": _delegate_rows(conference, list(page.object_list)),
        "attendance": stats.attendance(conference),
        "refresh": COUNT_REFRESH_SECONDS,
    }


@vary_on_headers("HX-Request")
def door(request: AuthedRequest, pk: int) -> HttpResponse:
    """The organizers' page at the door: a live count, and the list of delegates to search and check in."""
    conference = _organized(request, pk)
    context = _door_context(request, conference)
    target = request.htmx.target if request.htmx and not request.htmx.history_restore_request else None
    if target in {"count", "delegate-rows"}:
        return render(request, f"training/door.html#{target}", context)
    return render(request, "training/door.html", context)


def _door_delegate(conference: Conference, delegate_pk: int) -> Delegate:
    found = conference.delegates.filter(pk=delegate_pk).select_related("user", "unit", "conference").first()
    if found is None:
        raise Http404
    return found


def _after_door_post(request: AuthedRequest, conference: Conference, notice: StrOrPromise, ok: bool,
                     delegate: Delegate | None = None) -> HttpResponse:  # fmt: skip
    """htmx: the list and the count, swapped in place; without JS: back to the same search and page (or to
    the delegate's check-in page, where the form came from there)."""
    if delegate is not None and request.POST.get("back") == "check-in":
        (messages.success if ok else messages.error)(request, notice)
        return redirect("training:check-in", pk=conference.pk, token=delegate.checkin_token)
    if request.htmx:
        context = _door_context(request, conference, request.POST)
        context.update(notice=notice, notice_ok=ok)
        return render(request, "training/door.html#door-update", context)
    (messages.success if ok else messages.error)(request, notice)
    query = {k: request.POST[k] for k in ("q", "page") if request.POST.get(k)}
    url = reverse("training:door", args=[conference.pk])
    return redirect(f"{url}?{urlencode(query)}" if query else url)


@require_POST
def door_check_in(request: AuthedRequest, pk: int, delegate: int) -> HttpResponse:
    conference = _organized(request, pk)
    found = _door_delegate(conference, delegate)
    name = found.user.get_full_name() or found.user.username
    try:
        actions.check_in(conference, actor=request.user, token=found.checkin_token)
    except DomainError as exc:
        return _after_door_post(request, conference, exc.message, ok=False)
    return _after_door_post(request, conference, _("%(name)s is checked in.") % {"name": name}, ok=True)


@require_POST
def door_leave(request: AuthedRequest, pk: int, delegate: int) -> HttpResponse:
    conference = _organized(request, pk)
    found = _door_delegate(conference, delegate)
    name = found.user.get_full_name() or found.user.username
    try:
        actions.record_leave(found, actor=request.user)
    except DomainError as exc:
        return _after_door_post(request, conference, exc.message, ok=False, delegate=found)
    notice = _("The departure of %(name)s is recorded.") % {"name": name}
    return _after_door_post(request, conference, notice, ok=True, delegate=found)


def check_in(request: AuthedRequest, pk: int, token: str) -> HttpResponse:
    """The page a delegate's QR code opens on the organizer's phone: who it is, and a big "Check in" button.

    Only the organizers of this conference see it (a 404 for anyone else). A code of another
    conference, or one no longer valid, is refused and checks nobody in.
    """
    user: User = request.user
    conference = _organized(request, pk)
    delegate = (
        conference.delegates.filter(checkin_token=token)
        .select_related("user", "unit__parent", "substitute_for__user")
        .first()
    )
    error: StrOrPromise = ""
    if request.method == "POST":
        try:
            arrived = actions.check_in(conference, actor=user, token=token)
        except DomainError as exc:
            error = exc.message
        else:
            name = arrived.user.get_full_name() or arrived.user.username
            messages.success(request, _("%(name)s is checked in.") % {"name": name})
            return redirect("training:check-in", pk=conference.pk, token=token)
    if delegate is None:
        # Name the other conference only to someone who runs it too.
        other = Delegate.objects.filter(checkin_token=token).select_related("conference__organizer_unit").first()
        context: dict[str, Any] = {
            "conference": conference,
            "other": other.conference if other and can_organize(user, other.conference.organizer_unit) else None,
        }
        return render(request, "training/check_in_refused.html", context, status=404)
    status = 409 if error else 200
    if not error and delegate.status in CLOSED_STATUSES:
        error = _("This invitation is no longer valid: %(status)s.") % {"status": delegate.get_status_display()}
    context = {
        "conference": conference,
        "delegate": delegate,
        "row": _delegate_rows(conference, [delegate])[0],
        "error": error,
        "attendance": stats.attendance(conference),
    }
    return render(request, "training/check_in.html", context, status=status)


# --- Coverage ------------------------------------------------------------------------------------
def coverage(request: AuthedRequest, pk: int) -> HttpResponse:
    """Who came: by unit and by role, the units that sent nobody, late arrivals and early departures."""
    conference = _organized(request, pk)
    by_unit = stats.coverage_by_unit(conference)
    everyone = _all_delegates(conference)
    rows = _delegate_rows(conference, [d for d in everyone if d.checked_in_at is not None])
    context = {
        "conference": conference,
        "attendance": stats.attendance(conference),
        "by_role": stats.coverage_by_role(conference),
        "by_unit": by_unit,
        "nobody": [c.unit for c in by_unit if c.present == 0],
        "late": [r for r in rows if r["late"]],
        "left_early": [r for r in rows if r["left_early"]],
        "substitutes": [d for d in everyone if d.substitute_for_id is not None],
    }
    return render(request, "training/coverage.html", context)
