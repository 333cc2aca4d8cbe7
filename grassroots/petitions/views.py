"""The pages of the casework: the board's console (cases by state and deadline; reports to the Front), a
case with the steps the caller may take, the resident's petitions and the form to send one, the board's
entry of a petition received on paper, by phone or in person, the photos, the reports as DOCX and PDF,
and the public figures of a commune (public.py). Every write is one action through core.forms."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.core.downloads import attachment
from grassroots.core.errors import DomainError
from grassroots.core.forms import Confirmation, run_form
from grassroots.core.official.paper import EXTENSIONS

from . import access, actions, documents, overview, rules
from .choices import State
from .forms import (
    AnswerForm,
    AssignForm,
    CertifyForm,
    EntryForm,
    FindingsForm,
    PetitionForm,
    PlanForm,
    RateForm,
    RecommendForm,  # fmt: skip
    ReportForm,
    ResultForm,
    TriageForm,
)
from .models import Petition

PER_PAGE = 50


def console(request: HttpRequest) -> HttpResponse:
    """Cases by state and deadline: open ones first, the overdue answers marked."""
    if not access.may_use_console(request.user):
        raise Http404
    state = request.GET.get("state", "")
    cases = access.console_cases(request.user).order_by("sent_on", "-received_on", "-pk")
    if state in State.values:
        cases = cases.filter(state=state)
    counts = {s: 0 for s in State.values}
    for s in access.console_cases(request.user).values_list("state", flat=True):
        counts[s] += 1
    page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
    communes = access.console_communes(request.user)
    context = {
        "rows": overview.rows(page.object_list, timezone.localdate()),
        "page": page,
        "state": state,
        "states": [(s, counts[s.value]) for s in State],
        "reportable": [c for c in communes if access.may_report(request.user, c)],
        "enterable": [c for c in communes if access.is_board(request.user, c)],
        "report_form": ReportForm(initial={"kind": "quarter", "year": timezone.localdate().year, "number": 1}),
    }
    return render(request, "petitions/console.html", context)


def _members(petition: Petition) -> Any:
    return access.board_members(petition.commune)


def _forms(user: Any, p: Petition) -> dict[str, Any]:
    board, today = access.is_board(user, p.commune), timezone.localdate()
    s = p.state
    return {
        "triage": TriageForm() if board and s == State.RECEIVED else None,
        "assign": AssignForm(members=_members(p)) if board and s in (State.ACCEPTED, State.ASSIGNED) else None,
        "plan": PlanForm(initial={"sent_on": today}) if board and s == State.ASSIGNED else None,
        "findings": FindingsForm(initial={"verified_on": today}) if board and s == State.PLANNED else None,
        "recommend": RecommendForm() if board and s == State.VERIFIED else None,
        "certify": CertifyForm(initial={"certified_on": today})
        if access.is_front(user, p.commune) and s == State.RECOMMENDED else None,
        "answer": AnswerForm(initial={"answered_on": today})
        if access.is_committee(user, p.commune) and s == State.SENT else None,
        "result": ResultForm() if board and s in (State.VERIFIED, State.ANSWERED) else None,
        "rate": RateForm() if access.is_petitioner(user, p) and s in (State.CLOSED, State.DECLINED)
        and p.rating is None else None,
    }  # fmt: skip


def _page(request: HttpRequest, p: Petition, status: int = 200, revealed: Any = None, **bound: Any) -> HttpResponse:
    user = request.user
    forms = {**_forms(user, p), **bound}
    due = rules.answer_due(p.sent_on) if p.sent_on else None
    context = {
        "p": p,
        "forms": forms,
        "photos": list(p.photos.all()),
        "petitioner": overview.petitioner_for(user, p),
        "revealed": revealed,
        "may_reveal": p.identity_hidden and access.is_head(user, p.commune),
        "is_petitioner": access.is_petitioner(user, p),
        "in_console": access.console_cases(user).filter(pk=p.pk).exists(),
        "members": list(p.members.all()),
        "answer_due": due,
        "overdue": bool(p.sent_on) and rules.answer_overdue(p.sent_on, p.answered_on, timezone.localdate()),  # type: ignore[arg-type]
    }
    return render(request, "petitions/case.html", context, status=status)


def case(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, access.access_case(request.user, pk))


STEPS: dict[str, tuple[Any, Any, Any]] = {
    "triage": (TriageForm, actions.triage, _("The decision is recorded.")),
    "assign": (AssignForm, actions.assign, _("The members are assigned.")),
    "plan": (PlanForm, actions.send_plan, _("The inspection plan is recorded as sent.")),
    "findings": (FindingsForm, actions.record_findings, _("The findings are recorded.")),
    "recommend": (RecommendForm, actions.recommend, _("The recommendation is sent to the Front for certification.")),
    "certify": (CertifyForm, actions.certify, _("The recommendation is certified and sent to the commune.")),
    "answer": (AnswerForm, actions.answer, _("The answer is recorded.")),
    "result": (ResultForm, actions.send_result, _("The written result is sent to the petitioner.")),
    "rate": (RateForm, actions.rate, _("Thank you: your rating is recorded.")),
}


@require_POST
def step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    p = access.access_case(request.user, pk)
    if name not in STEPS:
        raise Http404
    form_class, action, done = STEPS[name]
    form = form_class(request.POST, members=_members(p)) if name == "assign" else form_class(request.POST)
    back = reverse("petitions:case", args=[p.pk])
    confirm = None
    if name in ("certify", "result"):
        confirm = Confirmation(
            title=_("Certify and send the recommendation") if name == "certify" else _("Send the written result"),
            consequence=_("This cannot be undone; the 15 days of the commune's answer start (Law Art 40(1)).")
            if name == "certify" else _("This closes the case; the petitioner is told and may rate the outcome."),
            button=_("Certify and send") if name == "certify" else _("Send the result"), back=back,
        )  # fmt: skip
    return run_form(
        request, form, lambda d: action(actor=request.user, petition=p, **d), success=back,
        page=lambda s: _page(request, p, s, **{name: form}), done=done, confirm=confirm,
    )  # fmt: skip


@require_POST
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """The head's explicit request to see a hidden petitioner (Law Art 9(2)); audited; never cached."""
    p = access.access_case(request.user, pk)
    try:
        who = actions.reveal_identity(actor=request.user, petition=p)  # type: ignore[arg-type]
    except DomainError:
        raise Http404 from None
    response = _page(request, p, revealed=who)
    response["Cache-Control"] = "no-store"
    return response


def photo(request: HttpRequest, pk: int, photo_id: int) -> FileResponse:
    p = access.access_case(request.user, pk)
    item = p.photos.filter(pk=photo_id).first()
    if item is None:
        raise Http404
    return FileResponse(item.image.open("rb"), filename=item.image.name.rsplit("/", 1)[-1])


def new(request: HttpRequest, code: str) -> HttpResponse:
    """A resident sends a petition to the board of a commune, with photos and a place."""
    commune = access.commune_by_code(code)
    form = PetitionForm(request.POST or None, request.FILES or None)
    return run_form(
        request, form, lambda d: actions.file_petition(actor=request.user, commune=commune, **d),  # type: ignore[arg-type]
        success=lambda p: redirect("petitions:case", p.pk), template="petitions/new.html",
        context={"commune": commune, "entry": False}, done=_("Your petition is sent to the People's Inspection Board."),
    )  # fmt: skip


def enter(request: HttpRequest, code: str) -> HttpResponse:
    """A board member enters a petition from the suggestion box, a letter, a call or a visit (D59 Art 14)."""
    commune = access.access_commune(request.user, code)
    form = EntryForm(request.POST or None, request.FILES or None)
    return run_form(
        request, form, lambda d: actions.enter_petition(actor=request.user, commune=commune, **d),  # type: ignore[arg-type]
        success=lambda p: redirect("petitions:case", p.pk), template="petitions/new.html",
        context={"commune": commune, "entry": True}, done=_("The petition is entered."),
    )  # fmt: skip


def mine(request: HttpRequest) -> HttpResponse:
    page = Paginator(access.my_petitions(request.user).order_by("-received_on", "-pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "petitions/mine.html", {"page": page})


def report(request: HttpRequest, code: str, ext: str) -> HttpResponse:
    """A report to the Front for a quarter, half-year, year or term, as PDF or DOCX (Law Art 39)."""
    commune = access.access_commune(request.user, code, access.BOARD_ROLES | access.FRONT_ROLES)
    form = ReportForm(request.GET)
    if ext not in EXTENSIONS or not form.is_valid():
        raise Http404
    d = form.cleaned_data
    number, last_year = d.get("number") or 1, d.get("last_year")
    try:
        doc = documents.report_doc(commune, d["kind"], d["year"], number, last_year)
    except ValueError:
        raise Http404 from None
    return attachment(
        documents.render(doc, ext), documents.filename(commune, d["kind"], d["year"], number, last_year, ext)
    )
