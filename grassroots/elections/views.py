"""Pages of village-head elections and dismissals: the public page of each village's head, the commune's
console, an election's steps, a dismissal; their documents. Access in `access`; writes in `actions`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from grassroots.accounts.http import AuthedRequest, PublicRequest
from grassroots.core.downloads import paper_response
from grassroots.core.forms import Confirmation, run_action, run_form
from grassroots.decisions.access import represented_household
from grassroots.decisions.rules import Item, least_agreeing_to_adopt
from grassroots.territory.models import unit_by_code

from . import access, actions, documents, reads, rules
from .forms import (
    CandidatesForm,
    DecideForm,
    DismissalForm,
    DismissalMeetingForm,
    FloorCandidateForm,
    InterimForm,
    MoveDayForm,
    NoticeForm,
    PaperSignatureForm,
    ReElectionForm,
    ResultForm,
    SittingHeadForm,
    TeamForm,
)
from .models import Dismissal, Election

# Where each paper is linked: beside the step that needs it (core/tests/test_every_document_is_linked.py).
PAPER_LABELS: dict[str, list[tuple[str, Any]]] = {
    "decision_labels": [("decision", _("Decision to hold the election and its plan"))],
    "candidate_labels": [("candidates", _("Candidate list minutes (D59 Form 05)")), ("ballot", _("Ballot"))],
    "notice_labels": [("notice", _("Public notice"))],
    "result_labels": [("count", _("Counting minutes")), ("result", _("Election result record"))],
    "recognition_labels": [("recognition", _("Recognition decision"))],
}
DISMISSAL_LABELS: dict[str, list[tuple[str, Any]]] = {
    "record_labels": [("record", _("Dismissal record"))],
    "recognition_labels": [("recognition", _("Recognition decision"))],
}


# --- Public -----------------------------------------------------------------------------------------
@login_not_required
@require_safe
def village_head(request: PublicRequest, code: str) -> HttpResponse:
    """Public: the village's head in office (elected or interim, since when, until when), its elections
    and any dismissal petition, which a household representative of the village can sign here."""
    village = unit_by_code(code)
    if village is None or not village.is_village_level:
        raise Http404
    today = timezone.localdate()
    petition = Dismissal.objects.filter(village=village, status=Dismissal.Status.PETITIONING).first()
    may_sign = bool(
        petition is not None
        and request.user.is_authenticated
        and represented_household(request.user, counted_on=(village.path, today)) is not None
    )
    context = {
        "village": village,
        "term": reads.sitting_head(village),
        "elections": Election.objects.filter(village=village)[:10],
        "petition": petition,
        "progress": actions.petition_progress(petition, today) if petition else None,
        "may_sign": may_sign,
        "may_read": access.can_read(request.user, village),
    }
    return render(request, "elections/village_head.html", context)


@require_POST
def petition_sign(request: AuthedRequest, pk: int) -> HttpResponse:
    """A household representative signs the village's dismissal petition online (D59 Art 9)."""
    dismissal = Dismissal.objects.filter(pk=pk, status=Dismissal.Status.PETITIONING).select_related("village").first()
    if dismissal is None:
        raise Http404
    return run_action(
        request,
        lambda: actions.sign_petition(dismissal, actor=request.user),
        done=_("Your household's signature is recorded."),
        then=reverse("elections:village-head", args=[dismissal.village.code]),
    )


# --- The commune's console -----------------------------------------------------------------------------
@require_safe
def console(request: AuthedRequest) -> HttpResponse:
    villages = access.console_villages(request.user)
    if not villages:
        raise Http404
    today = timezone.localdate()
    rows = [
        {
            "village": v,
            "term": reads.sitting_head(v),
            "election": reads.current_election(v),
            "dismissal": Dismissal.objects.filter(village=v).exclude(status=Dismissal.Status.NOT_ADOPTED).first(),
            "may_decide": access.may_decide(request.user, v),
        }
        for v in villages
    ]
    return render(request, "elections/console.html", {"rows": rows, "flags": reads.flags(villages, today)})


def _village_for_chair(request: AuthedRequest, code: str) -> Any:
    village = access.access_village(request.user, code)
    if not access.may_decide(request.user, village):
        raise Http404
    return village


def _form_page(
    request: AuthedRequest,
    form: forms.Form,
    action: Callable[[dict[str, Any]], Any],
    *,
    title: Any,
    success: Callable[[Any], HttpResponse] | str,
    back: str,
    intro: Any = "",
    confirm: Confirmation | None = None,
) -> HttpResponse:
    return run_form(
        request,
        form,
        action,
        success=success,
        template="elections/form.html",
        context={"title": title, "back": back, "intro": intro},
        confirm=confirm,
    )


def _to_election(election: Election) -> HttpResponse:
    return redirect("elections:election", election.pk)


def _to_dismissal(dismissal: Dismissal) -> HttpResponse:
    return redirect("elections:dismissal", dismissal.pk)


def election_new(request: AuthedRequest, code: str) -> HttpResponse:
    """Step 1: the commune chair's decision and plan (D59 Art 6)."""
    village = _village_for_chair(request, code)
    form = DecideForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda d: actions.decide_election(village, actor=request.user, **d),
        title=_("Decide to hold the election of the village head"),
        success=_to_election,
        back=reverse("elections:console"),
        intro=_("The decision and plan come at least 20 days before the election day (D59 Art 6)."),
    )


def interim(request: AuthedRequest, code: str) -> HttpResponse:
    """The commune appoints an interim head to a vacant office (at most 6 months)."""
    village = _village_for_chair(request, code)
    form = InterimForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda d: actions.appoint_interim(village, actor=request.user, name=d["person"][0], user=d["person"][1]),
        title=_("Appoint an interim village head"),
        success=reverse("elections:console"),
        back=reverse("elections:console"),
        intro=_("An interim head serves at most 6 months, until the election (D59 Art 9; TT 04/2012/TT-BNV)."),
        confirm=Confirmation(
            _("Appoint the interim head?"),
            _("The appointment is recorded and takes effect today."),
            _("Appoint"),
            reverse("elections:console"),
        ),
    )


def sitting_head(request: AuthedRequest, code: str) -> HttpResponse:
    """The commune chair records the head already in office (recognized before the platform was used)."""
    village = _village_for_chair(request, code)
    form = SittingHeadForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda d: actions.record_sitting_head(
            village, actor=request.user, name=d["person"][0], user=d["person"][1], started_on=d["started_on"]
        ),
        title=_("Record the village head in office"),
        success=reverse("elections:console"),
        back=reverse("elections:console"),
        intro=_("The term runs from the recognition decision, for the province's term (TT 04/2012/TT-BNV)."),
    )


def dismissal_new(request: AuthedRequest, code: str) -> HttpResponse:
    """Start a dismissal (D59 Art 9): a resignation (the chair), a Front proposal, or a petition."""
    village = access.access_village(request.user, code)
    form = DismissalForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda d: actions.open_dismissal(village, actor=request.user, **d),
        title=_("Start the dismissal of the village head"),
        success=_to_dismissal,
        back=reverse("elections:console"),
        intro=_(
            "A written resignation, a proposal of the Front work committee head with its grounds, or a petition of at least half of the households (D59 Art 9)."
        ),
    )


# --- An election ----------------------------------------------------------------------------------------
def _election_context(request: AuthedRequest, election: Election, **bound: forms.Form) -> dict[str, Any]:
    user, village, today = request.user, election.village, timezone.localdate()
    steps = rules.timeline(election.election_day, election.step_days(), today)  # type: ignore[arg-type]
    chair = access.may_decide(user, village)
    preparing = election.status == Election.Status.PREPARING
    runs = access.runs_refusal(user, election)
    forms_: dict[str, forms.Form | None] = {
        "move": MoveDayForm(prefix="move") if chair and preparing else None,
        "candidates": CandidatesForm(prefix="candidates")
        if preparing and election.candidates_filed_on is None and access.may_file_candidates(user, village)
        else None,
        "team": TeamForm(prefix="team")
        if chair and preparing and election.team_formed_on is None and election.candidates_filed_on
        else None,
        "notice": NoticeForm(prefix="notice")
        if chair and preparing and election.notice_on is None and election.team_formed_on
        else None,
        "floor": FloorCandidateForm(prefix="floor") if preparing and not runs and election.notice_on else None,
        "result": ResultForm(prefix="result", election=election)
        if preparing and not runs and election.notice_on and today >= election.election_day
        else None,
        "reelect": ReElectionForm(prefix="reelect")
        if chair and election.status in {Election.Status.HELD, Election.Status.NO_WINNER}
        else None,
    }
    forms_.update(bound)
    papers = [(k, documents.ELECTION_PAPERS[k][1](election)) for k in documents.ELECTION_PAPERS]
    return {
        "election": election,
        "steps": steps,
        "forms": forms_,
        "chair": chair,
        "runs_refusal": runs,
        "candidates": election.candidates.all(),
        "team": election.team.all(),
        "papers": {k: ok for k, ok in papers},
        "needed": least_agreeing_to_adopt(Item.VILLAGE_HEAD, election.households) if election.households else None,
        "may_recognize": chair and election.status == Election.Status.HELD,
        **PAPER_LABELS,
    }


@require_safe
def election(request: AuthedRequest, pk: int) -> HttpResponse:
    e = access.access_election(request.user, pk)
    return render(request, "elections/election.html", _election_context(request, e))


STEP_FORMS: dict[str, Any] = {
    "move": (MoveDayForm, lambda e, u, d, f: actions.move_election_day(e, actor=u, **d)),
    "candidates": (CandidatesForm, lambda e, u, d, f: actions.file_candidates(e, actor=u, **d)),
    "team": (
        TeamForm,
        lambda e, u, d, f: actions.form_team(
            e, actor=u, leader=(d["leader"], d["leader_username"]), members=d["members"]
        ),
    ),
    "notice": (NoticeForm, lambda e, u, d, f: actions.announce(e, actor=u, how=d["how"])),
    "floor": (FloorCandidateForm, lambda e, u, d, f: actions.add_floor_candidate(e, actor=u, name=d["name"])),
    "result": (
        ResultForm,
        lambda e, u, d, f: actions.record_result(e, actor=u, method=d["method"], present=d["present"], votes=f.votes()),
    ),
    "reelect": (ReElectionForm, lambda e, u, d, f: actions.order_re_election(e, actor=u, **d)),
}


@require_POST
def election_step(request: AuthedRequest, pk: int, step: str) -> HttpResponse:
    e = access.access_election(request.user, pk)
    if step not in STEP_FORMS:
        raise Http404
    form_class, act = STEP_FORMS[step]
    kwargs = {"election": e} if step == "result" else {}
    form = form_class(request.POST, prefix=step, **kwargs)
    confirm = None
    if step in {"result", "reelect"}:
        confirm = Confirmation(
            _("Record this?"),
            _("It cannot be changed afterwards: the commune acts on it."),
            _("Record"),
            reverse("elections:election", args=[e.pk]),
        )

    def page(status: int) -> HttpResponse:
        return render(request, "elections/election.html", _election_context(request, e, **{step: form}), status=status)

    return run_form(
        request,
        form,
        lambda d: act(e, request.user, d, form),
        page=page,
        confirm=confirm,
        success=lambda result: _to_election(result if isinstance(result, Election) else e),
        done=_("Recorded."),
    )


@require_POST
def election_recognize(request: AuthedRequest, pk: int) -> HttpResponse:
    """D59 Art 8: the commune People's Committee recognizes the elected head; he takes office now."""
    e = access.access_election(request.user, pk)
    back = reverse("elections:election", args=[e.pk])
    return run_action(
        request,
        lambda: actions.recognize(e, actor=request.user),
        done=_("The village head is recognized."),
        then=back,
        confirm=Confirmation(
            _("Recognize the elected village head?"),
            _("He takes office today and the previous head's term ends."),
            _("Recognize"),
            back,
        ),
    )


# --- A dismissal ----------------------------------------------------------------------------------------
def _dismissal_context(request: AuthedRequest, d: Dismissal, **bound: forms.Form) -> dict[str, Any]:
    user = request.user
    forms_: dict[str, forms.Form | None] = {
        "paper": PaperSignatureForm(prefix="paper")
        if d.status == Dismissal.Status.PETITIONING and access.may_enter_paper(user, d.village)
        else None,
        "meeting": DismissalMeetingForm(prefix="meeting")
        if d.status == Dismissal.Status.TO_MEET and access.may_convene_dismissal(user, d)
        else None,
    }
    forms_.update(bound)
    return {
        "dismissal": d,
        "forms": forms_,
        "progress": actions.petition_progress(d) if d.trigger == Dismissal.Trigger.PETITION else None,
        "may_recognize": d.status == Dismissal.Status.ADOPTED and access.may_decide(user, d.village),
        "papers": {k: ok(d) for k, (_b, ok) in documents.DISMISSAL_PAPERS.items()},
        "convenor": rules.dismissal_convenor(head_is_front_head=access.head_is_front_head(d.village, d.term.user)),
        **DISMISSAL_LABELS,
    }


@require_safe
def dismissal(request: AuthedRequest, pk: int) -> HttpResponse:
    d = access.access_dismissal(request.user, pk)
    return render(request, "elections/dismissal.html", _dismissal_context(request, d))


@require_POST
def dismissal_step(request: AuthedRequest, pk: int, step: str) -> HttpResponse:
    d = access.access_dismissal(request.user, pk)
    acts: dict[str, Any] = {
        "paper": (PaperSignatureForm, lambda data: actions.enter_paper_signature(d, actor=request.user, **data)),
        "meeting": (DismissalMeetingForm, lambda data: actions.record_dismissal_meeting(d, actor=request.user, **data)),
    }
    if step not in acts:
        raise Http404
    form_class, act = acts[step]
    form = form_class(request.POST, prefix=step)

    def page(status: int) -> HttpResponse:
        return render(
            request, "elections/dismissal.html", _dismissal_context(request, d, **{step: form}), status=status
        )

    return run_form(
        request, form, act, page=page, success=reverse("elections:dismissal", args=[d.pk]), done=_("Recorded.")
    )


@require_POST
def dismissal_recognize(request: AuthedRequest, pk: int) -> HttpResponse:
    d = access.access_dismissal(request.user, pk)
    back = reverse("elections:dismissal", args=[d.pk])
    return run_action(
        request,
        lambda: actions.recognize_dismissal(d, actor=request.user),
        done=_("The dismissal is recognized."),
        then=back,
        confirm=Confirmation(
            _("Recognize the dismissal?"),
            _("The head leaves office today; a new election must be decided within 60 days."),
            _("Recognize"),
            back,
        ),
    )


# --- Documents -------------------------------------------------------------------------------------------
@require_safe
def election_paper(request: AuthedRequest, pk: int, kind: str, ext: str) -> HttpResponse:
    e = access.access_election(request.user, pk)
    if kind not in documents.ELECTION_PAPERS or not documents.ELECTION_PAPERS[kind][1](e):
        raise Http404
    return paper_response(documents.ELECTION_PAPERS[kind][0](e), f"bau-truong-thon-{e.pk}-{kind}", ext)


@require_safe
def dismissal_paper(request: AuthedRequest, pk: int, kind: str, ext: str) -> HttpResponse:
    d = access.access_dismissal(request.user, pk)
    if kind not in documents.DISMISSAL_PAPERS or not documents.DISMISSAL_PAPERS[kind][1](d):
        raise Http404
    return paper_response(documents.DISMISSAL_PAPERS[kind][0](d), f"mien-nhiem-{d.pk}-{kind}", ext)
