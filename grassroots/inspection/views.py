"""The board's pages: the public page of a commune's board (its composition, announced to residents, Law Art
36), and the console of the commune Front and the board (composition against the size rule, candidacies and
their elections, recognition, head and deputies, announcement, removal and resignation, by-elections, term
end, plans and their documents). Every write is one action through core.forms.run_form / run_action."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.core.downloads import attachment
from grassroots.core.errors import DomainError
from grassroots.core.forms import Confirmation, run_action, run_form
from grassroots.core.official.paper import EXTENSIONS
from grassroots.territory.models import Unit

from . import access, actions, documents, overview
from .forms import (
    AnnounceForm,
    DecideForm,
    DeputiesForm,
    LeaveForm,
    LinkForm,
    NominateForm,
    OfficersForm,
    OpenBoardForm,
    PlanForm,
)
from .models import Board, Plan


@login_not_required
def public(request: HttpRequest, code: str) -> HttpResponse:
    """The commune's board as announced to residents: names, seats and villages of the members, the term."""
    commune = overview.commune_by_code(code)
    if commune is None:
        raise Http404
    view = overview.board_view(commune)
    return render(request, "inspection/public.html", {"commune": commune, "view": view})


def console(request: HttpRequest) -> HttpResponse:
    if not access.may_use_console(request.user):
        raise Http404
    rows = [overview.board_view(c) for c in access.console_communes(request.user)]
    return render(request, "inspection/console.html", {"rows": rows})


def _forms(request: HttpRequest, view: overview.BoardView, **bound: Any) -> dict[str, Any]:
    user, board = request.user, view.board
    front = access.is_front(user, view.commune)
    member = access.is_board_member(user, view.commune)
    if board is None:
        return {"open_form": bound.get("open_form") or (OpenBoardForm() if front else None)}
    live = not view.term_over
    voting = [c for c in view.open_candidacies if c.matter_id]
    unlinked = [c for c in view.open_candidacies if not c.matter_id]
    today = timezone.localdate()
    forms: dict[str, Any] = {}
    if front and live:
        forms["deputies_form"] = bound.get("deputies_form") or DeputiesForm(
            initial={"deputies_allowed": board.deputies_allowed}
        )
        forms["nominate_form"] = bound.get("nominate_form") or NominateForm(
            villages=view.villages, seats=view.by_elections_due
        )
        if unlinked:
            forms["link_form"] = bound.get("link_form") or LinkForm(
                candidacies=unlinked, matters=overview.linkable_matters(board)
            )
        if voting:
            forms["decide_form"] = bound.get("decide_form") or DecideForm(candidacies=voting)
        if view.members:
            forms["officers_form"] = bound.get("officers_form") or OfficersForm(members=view.members)
            forms["leave_form"] = bound.get("leave_form") or LeaveForm(members=view.members)
        if view.head:
            forms["announce_form"] = bound.get("announce_form") or AnnounceForm(
                initial={"announced_on": board.announced_on or today}
            )
    if member and live:
        forms["plan_form"] = bound.get("plan_form") or PlanForm(initial={"year": today.year})
    forms["can_close_term"] = front and view.term_over and bool(view.members)
    return forms


def _page(request: HttpRequest, commune: Unit, status: int = 200, **bound: Any) -> HttpResponse:
    view = overview.board_view(commune, with_plans=True)
    context = {
        "commune": commune,
        "view": view,
        "is_front": access.is_front(request.user, commune),
        **_forms(request, view, **bound),
    }
    return render(request, "inspection/board.html", context, status=status)


def board(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, access.access_commune(request.user, code))


def _back(commune: Unit) -> str:
    return reverse("inspection:board", args=[commune.code])


def _board(commune: Unit) -> Board:
    board = overview.current_board(commune)
    if board is None:
        raise Http404
    return board


def _pick(queryset: Any, pk: Any) -> Any:
    try:
        found = queryset.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise DomainError(_("Choose from the list."))
    return found


@require_POST
def open_board(request: HttpRequest, code: str) -> HttpResponse:
    commune = access.access_commune(request.user, code)
    form = OpenBoardForm(request.POST)
    return run_form(
        request, form, lambda d: actions.open_board(actor=request.user, commune=commune, **d),  # type: ignore[arg-type]
        success=_back(commune), page=lambda s: _page(request, commune, s, open_form=form),
        done=_("The board's term is opened."),
    )  # fmt: skip


@require_POST
def deputies(request: HttpRequest, code: str) -> HttpResponse:
    commune = access.access_commune(request.user, code)
    board, form = _board(commune), DeputiesForm(request.POST)
    return run_form(
        request, form, lambda d: actions.set_deputies(actor=request.user, board=board, **d),  # type: ignore[arg-type]
        success=_back(commune), page=lambda s: _page(request, commune, s, deputies_form=form),
        done=_("The number of deputy heads is set."),
    )  # fmt: skip


@require_POST
def nominate(request: HttpRequest, code: str) -> HttpResponse:
    commune = access.access_commune(request.user, code)
    board = _board(commune)
    view = overview.board_view(commune)
    form = NominateForm(request.POST, villages=view.villages, seats=view.by_elections_due)

    def act(d: dict[str, Any]) -> Any:
        village = _pick(overview.villages_query(commune), d["village"])
        resident = actions.find_resident(village, d["household_code"], d["full_name"])
        if resident is None:
            raise DomainError(_("No member of this household has this name in the register."), field="full_name")
        replaces = _pick(board.members.all(), d["replaces"]) if d.get("replaces") else None
        return actions.nominate(
            actor=request.user, board=board, village=village, resident=resident,  # type: ignore[arg-type]
            declaration_recorded_on=d["declaration_recorded_on"], replaces=replaces,
        )  # fmt: skip

    return run_form(
        request, form, act, success=_back(commune), page=lambda s: _page(request, commune, s, nominate_form=form),
        done=_("The candidate is recorded. The village head tables the election at the village's community meeting."),
    )  # fmt: skip


@require_POST
def link(request: HttpRequest, code: str) -> HttpResponse:
    commune = access.access_commune(request.user, code)
    board = _board(commune)
    view = overview.board_view(commune)
    form = LinkForm(request.POST, candidacies=view.open_candidacies, matters=overview.linkable_matters(board))

    def act(d: dict[str, Any]) -> Any:
        candidacy = _pick(board.candidacies.all(), d["candidacy"])
        matter = _pick(overview.matters_of(commune), d["matter"])
        return actions.link_matter(actor=request.user, candidacy=candidacy, matter=matter)  # type: ignore[arg-type]

    return run_form(
        request, form, act, success=_back(commune), page=lambda s: _page(request, commune, s, link_form=form),
        done=_("The village's community matter is linked to the candidacy."),
    )  # fmt: skip


@require_POST
def decide(request: HttpRequest, code: str) -> HttpResponse:
    commune = access.access_commune(request.user, code)
    board = _board(commune)
    view = overview.board_view(commune)
    form = DecideForm(request.POST, candidacies=[c for c in view.open_candidacies if c.matter_id])

    def act(d: dict[str, Any]) -> Any:
        candidacy = _pick(board.candidacies.all(), d["candidacy"])
        if d["decision"] == "refuse":
            return actions.refuse(actor=request.user, candidacy=candidacy, reason=d["reason"])  # type: ignore[arg-type]
        return actions.recognize(actor=request.user, candidacy=candidacy)  # type: ignore[arg-type]

    confirm = Confirmation(
        title=_("Decide the village's election"),
        consequence=_(
            "A recognized candidate becomes a member of the board and receives the board's role; a refusal is final and is sent with its reasons."
        ),
        button=_("Record the decision"),
        back=_back(commune),
    )
    return run_form(
        request, form, act, success=_back(commune), page=lambda s: _page(request, commune, s, decide_form=form),
        done=_("The decision on the election is recorded."), confirm=confirm,
    )  # fmt: skip


@require_POST
def officers(request: HttpRequest, code: str) -> HttpResponse:
    commune = access.access_commune(request.user, code)
    board = _board(commune)
    view = overview.board_view(commune)
    form = OfficersForm(request.POST, members=view.members)

    def act(d: dict[str, Any]) -> Any:
        serving = board.members.filter(left_on__isnull=True)
        head = _pick(serving, d["head"])
        chosen = [_pick(serving, pk) for pk in d["deputies"]]
        return actions.elect_officers(
            actor=request.user,  # type: ignore[arg-type]
            board=board,
            head=head,
            deputies=chosen,
            elected_on=d["elected_on"],
        )

    return run_form(
        request, form, act, success=_back(commune), page=lambda s: _page(request, commune, s, officers_form=form),
        done=_("The head and deputy heads are recorded."),
    )  # fmt: skip


@require_POST
def announce(request: HttpRequest, code: str) -> HttpResponse:
    commune = access.access_commune(request.user, code)
    board, form = _board(commune), AnnounceForm(request.POST)
    return run_form(
        request, form, lambda d: actions.announce(actor=request.user, board=board, **d),  # type: ignore[arg-type]
        success=_back(commune), page=lambda s: _page(request, commune, s, announce_form=form),
        done=_("The announcement of the composition is recorded."),
    )  # fmt: skip


@require_POST
def leave(request: HttpRequest, code: str) -> HttpResponse:
    commune = access.access_commune(request.user, code)
    board = _board(commune)
    form = LeaveForm(request.POST, members=overview.board_view(commune).members)

    def act(d: dict[str, Any]) -> Any:
        member = _pick(board.members.filter(left_on__isnull=True), d["member"])
        if d["how"] == "removed":
            return actions.remove_member(actor=request.user, member=member, on=d["on"], reason=d["reason"])  # type: ignore[arg-type]
        return actions.record_resignation(actor=request.user, member=member, on=d["on"], reason=d["reason"])  # type: ignore[arg-type]

    confirm = Confirmation(
        title=_("Record that the member leaves the board"),
        consequence=_("The member leaves the board and the board's roles of their account end on the day."),
        button=_("Record the departure"),
        back=_back(commune),
    )
    return run_form(
        request, form, act, success=_back(commune), page=lambda s: _page(request, commune, s, leave_form=form),
        done=_("The departure is recorded."), confirm=confirm,
    )  # fmt: skip


@require_POST
def close_term(request: HttpRequest, code: str) -> HttpResponse:
    commune = access.access_commune(request.user, code)
    board = _board(commune)
    confirm = Confirmation(
        title=_("Close the board's term"),
        consequence=_("Every serving member leaves the board at the end of the term."),
        button=_("Close the term"),
        back=_back(commune),
    )
    return run_action(
        request, lambda: actions.close_term(actor=request.user, board=board),  # type: ignore[arg-type]
        done=_("The term is closed."), then=_back(commune), confirm=confirm,
    )  # fmt: skip


@require_POST
def plan(request: HttpRequest, code: str) -> HttpResponse:
    commune = access.access_commune(request.user, code)
    board, form = _board(commune), PlanForm(request.POST)

    def act(d: dict[str, Any]) -> Any:
        return actions.write_plan(actor=request.user, board=board, **{**d, "number": d.get("number") or 0})  # type: ignore[arg-type]

    return run_form(
        request, form, act, success=_back(commune), page=lambda s: _page(request, commune, s, plan_form=form),
        done=_("The plan is saved."),
    )  # fmt: skip


def plan_document(request: HttpRequest, code: str, pk: int, ext: str) -> HttpResponse:
    commune = access.access_commune(request.user, code)
    found = Plan.objects.filter(pk=pk, board__commune=commune).select_related("board__commune").first()
    if found is None or ext not in EXTENSIONS:
        raise Http404
    return attachment(documents.render(found, ext), documents.filename(found, ext))
