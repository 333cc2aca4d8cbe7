"""The console of the annual conference: the villages a user sees with this year's and last year's
standing (missing ones flagged), a village's conferences and its plan form, and one conference's steps
(agreements, notice, holding, minutes, closing, report) with its papers. Every write is one action
through core.forms.run_form / run_action; holding and closing ask for confirmation first."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.core.downloads import paper_response
from grassroots.core.forms import Confirmation, run_action, run_form

from . import access, actions, documents, overview, rules
from .forms import AgreementForm, HoldForm, MinutesForm, NoticeForm, PlanForm, ReportForm
from .models import Conference

PER_PAGE = 50
MINUTES_INITIAL = (
    "chair_name", "secretary_name", "guests", "head_report", "front_report", "inspection_member_name",
    "inspection_report", "proposals", "answers", "approved_contents", "praise", "conclusion", "convention_review",
)  # fmt: skip


def _year(request: HttpRequest) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


def console(request: HttpRequest) -> HttpResponse:
    """Every village the user sees, with the year's standing; the flagged ones are marked."""
    if not access.may_use_console(request.user):
        raise Http404
    year = _year(request)
    page = Paginator(access.console_villages(request.user), PER_PAGE).get_page(request.GET.get("page"))
    rows = overview.villages_in_year(page.object_list, year)
    context = {
        "rows": rows,
        "page": page,
        "year": year,
        "flagged": sum(1 for r in rows if r.flagged),
        "years": [year - 1, year + 1] if year < timezone.localdate().year else [year - 1],
        "deadline": rules.year_deadline(year),
    }
    return render(request, "annual_conferences/console.html", context)


def village(request: HttpRequest, code: str) -> HttpResponse:
    """A village's conferences, year by year, and the plan of a new one (village head, Front head)."""
    unit = access.access_village(request.user, code)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and not access.can_plan(request.user, unit):
        raise Http404

    def act(data: dict[str, Any]) -> Conference:
        return actions.plan_conference(actor=request.user, village=unit, **data)  # type: ignore[arg-type]

    context = {
        "village": unit,
        "conferences": overview.conferences_of(unit),
        "summary": overview.village_summary(unit),
        "can_plan": access.can_plan(request.user, unit),
    }
    return run_form(
        request, form, act,
        success=lambda c: redirect("annual_conferences:conference", c.pk),
        template="annual_conferences/village.html", context=context, done=_("The plan is recorded."),
    )  # fmt: skip


def _page(request: HttpRequest, conference: Conference, status: int = 200, **forms: Any) -> HttpResponse:
    user, unit = request.user, conference.village
    agreements = {a.party: a for a in conference.agreements.all()}
    parties = [p for p in access.agreeable_parties(user, unit) if p not in agreements]
    minutes_initial = {name: getattr(conference, name) for name in MINUTES_INITIAL}
    plan_initial = {
        "planned_on": conference.planned_on, "starts_at": conference.starts_at, "venue": conference.venue,
        "content": conference.content, "organisation": conference.organisation,
    }  # fmt: skip
    can_plan, can_convene = access.can_plan(user, unit), access.can_convene(user, unit)
    held, closed = conference.is_held, conference.is_closed
    context = {
        "conference": conference,
        "village": unit,
        "agreements": [(p, agreements.get(p)) for p in rules.AGREEING_PARTIES],
        "missing_agreements": rules.missing_agreements(agreements),
        "notice_latest": rules.latest_notice_day(conference.planned_on),
        "notice_in_time": bool(
            conference.notice_sent_on and rules.notice_in_time(conference.notice_sent_on, conference.planned_on)
        ),
        "missing_slots": rules.missing_slots(conference.reports()),
        "standing": overview.villages_in_year([unit], conference.year)[0],
        "documents": documents.available(conference),
        "agreement_form": forms.get("agreement_form")
        or (AgreementForm(parties=parties) if parties and not held else None),
        "plan_form": forms.get("plan_form") or (PlanForm(initial=plan_initial) if can_plan and not held else None),
        "notice_form": forms.get("notice_form")
        or (NoticeForm(initial={"sent_on": timezone.localdate()}) if can_convene and not held else None),
        "hold_form": forms.get("hold_form") or (HoldForm() if can_convene and not held else None),
        "minutes_form": forms.get("minutes_form")
        or (MinutesForm(initial=minutes_initial) if can_plan and held and not closed else None),
        "can_close": can_convene and held and not closed,
        "report_form": forms.get("report_form")
        or (
            ReportForm(initial={"sent_on": timezone.localdate()})
            if can_convene and closed and not conference.report_sent_on
            else None
        ),
    }
    return render(request, "annual_conferences/conference.html", context, status=status)


def conference(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, access.access_conference(request.user, pk))


def _back(conference: Conference) -> str:
    return reverse("annual_conferences:conference", args=[conference.pk])


@require_POST
def change_plan(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_conference(request.user, pk)
    form = PlanForm(request.POST)
    return run_form(
        request, form, lambda d: actions.change_plan(actor=request.user, conference=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, plan_form=form),
        done=_("The plan is changed: its agreements and notice are to be given again."),
    )  # fmt: skip


@require_POST
def agree(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_conference(request.user, pk)
    form = AgreementForm(request.POST, parties=access.agreeable_parties(request.user, c.village))
    return run_form(
        request, form, lambda d: actions.record_agreement(actor=request.user, conference=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, agreement_form=form),
        done=_("The agreement to the plan is recorded."),
    )  # fmt: skip


@require_POST
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_conference(request.user, pk)
    form = NoticeForm(request.POST)
    return run_form(
        request, form, lambda d: actions.send_notice(actor=request.user, conference=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, notice_form=form),
        done=_("The notice is recorded."),
    )  # fmt: skip


@require_POST
def hold(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_conference(request.user, pk)
    form = HoldForm(request.POST)
    confirm = Confirmation(
        title=_("Record the conference as held"),
        consequence=_("The conference is recorded as held on its planned day; the plan can no longer change."),
        button=_("Record as held"),
        back=_back(c),
    )
    return run_form(
        request, form, lambda d: actions.hold_conference(actor=request.user, conference=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, hold_form=form),
        done=_("The conference is recorded as held. Now keep its minutes."), confirm=confirm,
    )  # fmt: skip


@require_POST
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_conference(request.user, pk)
    form = MinutesForm(request.POST)
    return run_form(
        request, form, lambda d: actions.record_minutes(actor=request.user, conference=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, minutes_form=form),
        done=_("The minutes are saved."),
    )  # fmt: skip


@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_conference(request.user, pk)
    confirm = Confirmation(
        title=_("Close the minutes"),
        consequence=_("The minutes can no longer change; the report to the commune is made from them."),
        button=_("Close the minutes"),
        back=_back(c),
    )
    return run_action(
        request, lambda: actions.close_minutes(actor=request.user, conference=c),  # type: ignore[arg-type]
        done=_("The minutes are closed. Send the written report to the commune."), then=_back(c), confirm=confirm,
    )  # fmt: skip


@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    c = access.access_conference(request.user, pk)
    form = ReportForm(request.POST)
    return run_form(
        request, form, lambda d: actions.record_report_sent(actor=request.user, conference=c, **d),  # type: ignore[arg-type]
        success=_back(c), page=lambda s: _page(request, c, s, report_form=form),
        done=_("The report to the commune is recorded as sent."),
    )  # fmt: skip


def document(request: HttpRequest, pk: int, kind: str, ext: str) -> HttpResponse:
    """One of the conference's papers as PDF or DOCX (a download)."""
    c = access.access_conference(request.user, pk)
    if kind not in documents.available(c):
        raise Http404
    return paper_response(documents.BUILDERS[kind](c), documents.filename(c, kind), ext)
