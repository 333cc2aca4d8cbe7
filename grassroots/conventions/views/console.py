"""The consoles: the village head and the Front work committee head run their village's convention; the
commune chair and officials recognize, distribute and answer reports; the commune Front reads. One page
per convention lists its steps, the late ones with their article, and posts each form to its own step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.core.forms import Confirmation, run_form

from .. import actions, rules
from ..access import (
    access_comment,
    access_console_convention,
    access_console_version,
    access_ruling,
    can_decide,
    can_run,
    console_paths,
    proposing_villages,
)
from ..deadlines import late_rulings, late_steps, review_due
from ..documents import available_forms, ruling_form
from ..forms import (
    AnswerForm,
    DistributionForm,
    DossierForm,
    EnterCommentForm,
    HideForm,
    PostForm,
    ProposeForm,
    RecognizeForm,
    RefuseForm,
    ReportForm,
    ReviewDayForm,
    ReviewForm,
    TeamForm,
    VersionForm,
)
from ..models import Convention, Version


def home(request: HttpRequest) -> HttpResponse:
    """The conventions of the caller's units, with their late steps; the proposal form for a village head."""
    paths = console_paths(request.user)
    if not paths:
        raise Http404
    today = timezone.localdate()
    conventions = Convention.objects.in_units(paths).select_related("village").order_by("village__path", "pk")
    rows = []
    for item in conventions:
        latest = item.latest()
        late = (late_steps(latest, today) if latest else []) + late_rulings(item, today)
        rows.append((item, latest, late, review_due(item, today)))
    villages = [(u.pk, u.name) for u in proposing_villages(request.user)]
    form = ProposeForm(villages=villages) if villages else None
    return render(request, "conventions/console_home.html", {"rows": rows, "form": form})


@require_POST
def propose(request: HttpRequest) -> HttpResponse:
    villages = {u.pk: u for u in proposing_villages(request.user)}
    form = ProposeForm(request.POST, villages=[(pk, u.name) for pk, u in villages.items()])

    def act(d: dict[str, Any]) -> Convention:
        return actions.propose(actor=request.user, village=villages[d["village"]], kind=d["kind"], title=d["title"],  # type: ignore[arg-type]
                               proposed_via=d["proposed_via"], front_agreed=d["front_agreed"], consents=d["consents"],
                               ethnic_minority=d["ethnic_minority"])  # fmt: skip

    return run_form(request, form, act, success=lambda c: redirect("conventions:console", c.pk),
                    template="conventions/console_home.html", context={"rows": []}, done=_("The proposal is recorded."))  # fmt: skip


def _page(request: HttpRequest, convention: Convention, status: int = 200, **bound: forms.Form) -> HttpResponse:
    today = timezone.localdate()
    versions = list(convention.versions.select_related("matter").order_by("-number"))
    latest = versions[0] if versions else None
    runs, decides = can_run(request.user, convention), can_decide(request.user, convention)
    articles = [(a.number, f"Điều {a.number}. {a.title}") for a in latest.articles.all() if a.number] if latest else []
    context: dict[str, Any] = {
        "convention": convention,
        "versions": versions,
        "latest": latest,
        "current": convention.current(),
        "team": convention.team.all(),
        "late": ((late_steps(latest, today) if latest else []) + late_rulings(convention, today)),
        "review_on": review_due(convention, today),
        "runs": runs,
        "decides": decides,
        "documents": available_forms(latest) if latest else [],
        "rulings": [(r, ruling_form(r)) for r in convention.rulings.all()],
        "reviews": convention.reviews.all(),
        "posting_ends": latest.posting_ends_on if latest else None,
        "may_vote_from": rules.posting_ends_earliest(latest.posted_on) if latest and latest.posted_on else None,
        "matter_url": reverse("decisions:console", args=[latest.matter_id]) if latest and latest.matter_id else "",
        "comments": latest.comments.select_related("article") if latest else [],
        "team_form": TeamForm(),
        "version_form": VersionForm(initial={"text": latest.text if latest else ""}),
        "post_form": PostForm(initial={"posted_on": today}),
        "enter_form": EnterCommentForm(articles=articles, initial={"given_on": today}),
        "hide_form": HideForm(),
        "dossier_form": DossierForm(),
        "recognize_form": RecognizeForm(),
        "refuse_form": RefuseForm(),
        "distribution_form": DistributionForm(initial={"distributed_on": today}),
        "report_form": ReportForm(initial={"received_on": today}),
        "answer_form": AnswerForm(),
        "review_form": ReviewForm(initial={"held_on": today}),
        "review_day_form": ReviewDayForm(initial={"month": convention.review_month, "day": convention.review_day}),
    }
    context.update(bound)
    return render(request, "conventions/console.html", context, status=status)


def console(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, access_console_convention(request.user, pk))


def _step(
    request: HttpRequest,
    convention: Convention,
    form: forms.Form,
    name: str,
    act: Callable[[dict[str, Any]], object],
    done: Any,
    confirm: Confirmation | None = None,
) -> HttpResponse:
    here = reverse("conventions:console", args=[convention.pk])
    return run_form(request, form, act, success=here, page=lambda status: _page(request, convention, status, **{name: form}),
                    done=done, confirm=confirm)  # fmt: skip


def _version_step(request: HttpRequest, pk: int) -> tuple[Version, Convention]:
    version = access_console_version(request.user, pk)
    return version, version.convention


def _members(text: str) -> tuple[list[rules.TeamMember], list[str]]:
    members, roles = [], []
    for line in text.splitlines():
        parts = [p.strip() for p in line.split(";")]
        if not parts[0]:
            continue
        flags = " ".join(parts[2:]).lower()
        members.append(rules.TeamMember(parts[0], is_elder="elder" in flags or "già" in flags,
                                        speaks_language="language" in flags or "tiếng" in flags))  # fmt: skip
        roles.append(parts[1] if len(parts) > 1 else "")
    return members, roles


@require_POST
def team(request: HttpRequest, pk: int) -> HttpResponse:
    convention = access_console_convention(request.user, pk)

    def act(d: dict[str, Any]) -> None:
        members, roles = _members(d["members"])
        actions.set_team(convention, actor=request.user, members=members, roles=roles)  # type: ignore[arg-type]

    return _step(request, convention, TeamForm(request.POST), "team_form", act, _("The drafting team is recorded."))


@require_POST
def add_version(request: HttpRequest, pk: int) -> HttpResponse:
    convention = access_console_convention(request.user, pk)
    form = VersionForm(request.POST)
    return _step(request, convention, form, "version_form",
                 lambda d: actions.add_version(convention, actor=request.user, text=d["text"], change_note=d["change_note"]),  # type: ignore[arg-type]
                 _("The new draft is saved."))  # fmt: skip


@require_POST
def post(request: HttpRequest, pk: int) -> HttpResponse:
    version, convention = _version_step(request, pk)
    return _step(request, convention, PostForm(request.POST), "post_form",
                 lambda d: actions.post_version(version, actor=request.user, posted_on=d["posted_on"], place=d["place"]),  # type: ignore[arg-type]
                 _("The draft is posted for comment."))  # fmt: skip


@require_POST
def enter_comment(request: HttpRequest, pk: int) -> HttpResponse:
    version, convention = _version_step(request, pk)
    articles = [(a.number, str(a.number)) for a in version.articles.all() if a.number]
    form = EnterCommentForm(request.POST, articles=articles)
    return _step(request, convention, form, "enter_form",
                 lambda d: actions.enter_comment(version, actor=request.user, channel=d["channel"],  # type: ignore[arg-type]
                                                 author_name=d["author_name"], body=d["body"], given_on=d["given_on"],
                                                 article=d["article"]),
                 _("The comment is entered."))  # fmt: skip


@require_POST
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    comment = access_comment(request.user, pk)
    return _step(request, comment.version.convention, HideForm(request.POST), "hide_form",
                 lambda d: actions.hide_comment(comment, actor=request.user, reason=d["reason"]),  # type: ignore[arg-type]
                 _("The comment is hidden; its reason is shown in its place."))  # fmt: skip


@require_POST
def put_to_vote(request: HttpRequest, pk: int) -> HttpResponse:
    version, convention = _version_step(request, pk)
    confirm = Confirmation(
        title=_("Put the draft to the households?"),
        consequence=_(
            "The draft becomes a community matter (item 3) and cannot be changed until the households decide."
        ),
        button=_("Put it to the households"),
        back=reverse("conventions:console", args=[convention.pk]),
    )
    return _step(request, convention, forms.Form(request.POST), "vote_form",
                 lambda d: actions.put_to_vote(version, actor=request.user),  # type: ignore[arg-type]
                 _("The draft is tabled as a community matter: run the meeting in the decisions console."), confirm)  # fmt: skip


@require_POST
def file_dossier(request: HttpRequest, pk: int) -> HttpResponse:
    version, convention = _version_step(request, pk)
    form = DossierForm(request.POST)
    keys = ("village_head", "front_head", "representative_1", "representative_2")
    confirm = Confirmation(title=_("File the dossier with the commune?"),
                           consequence=_("The request, the resolution and the adopted text go to the commune People's Committee; they cannot be changed afterwards."),
                           button=_("File the dossier"), back=reverse("conventions:console", args=[convention.pk]))  # fmt: skip
    return _step(request, convention, form, "dossier_form",
                 lambda d: actions.file_dossier(version, actor=request.user, request_text=d["request_text"],  # type: ignore[arg-type]
                                                decision_text=d["decision_text"], signatories={k: d[k] for k in keys}),
                 _("The dossier is filed with the commune."), confirm)  # fmt: skip


@require_POST
def recognize(request: HttpRequest, pk: int) -> HttpResponse:
    version, convention = _version_step(request, pk)
    confirm = Confirmation(title=_("Recognize the convention?"),
                           consequence=_("The convention takes effect today, the date of the decision, and replaces the version in force."),
                           button=_("Recognize"), back=reverse("conventions:console", args=[convention.pk]))  # fmt: skip
    return _step(request, convention, RecognizeForm(request.POST), "recognize_form",
                 lambda d: actions.recognize(version, actor=request.user, decision_number=d["decision_number"]),  # type: ignore[arg-type]
                 _("The convention is recognized and in force from today."), confirm)  # fmt: skip


@require_POST
def refuse(request: HttpRequest, pk: int) -> HttpResponse:
    version, convention = _version_step(request, pk)
    confirm = Confirmation(title=_("Refuse recognition?"), consequence=_("The refusal and its reasons are published with the convention."),
                           button=_("Refuse recognition"), back=reverse("conventions:console", args=[convention.pk]))  # fmt: skip
    return _step(request, convention, RefuseForm(request.POST), "refuse_form",
                 lambda d: actions.refuse(version, actor=request.user, reason=d["reason"]),  # type: ignore[arg-type]
                 _("The refusal is recorded."), confirm)  # fmt: skip


@require_POST
def distribute(request: HttpRequest, pk: int) -> HttpResponse:
    version, convention = _version_step(request, pk)
    return _step(request, convention, DistributionForm(request.POST), "distribution_form",
                 lambda d: actions.record_distribution(version, actor=request.user, distributed_on=d["distributed_on"],  # type: ignore[arg-type]
                                                       also_via=d["also_via"]),
                 _("The distribution is recorded."))  # fmt: skip


@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    convention = access_console_convention(request.user, pk)
    return _step(request, convention, ReportForm(request.POST), "report_form",
                 lambda d: actions.receive_report(convention, actor=request.user, kind=d["kind"], whole=d["whole"],  # type: ignore[arg-type]
                                                  articles=d["articles"], report=d["report"],
                                                  reported_by=d["reported_by"], received_on=d["received_on"]),
                 _("The report is recorded; its answer is due as shown."))  # fmt: skip


@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    ruling = access_ruling(request.user, pk)
    convention = ruling.convention
    confirm = Confirmation(title=_("Sign the answer to the report?"), consequence=_("A suspension or an abolition takes effect on signing."),
                           button=_("Sign the answer"), back=reverse("conventions:console", args=[convention.pk]))  # fmt: skip
    return _step(request, convention, AnswerForm(request.POST), "answer_form",
                 lambda d: actions.answer_report(ruling, actor=request.user, founded=d["founded"], reasons=d["reasons"],  # type: ignore[arg-type]
                                                 fix_by=d["fix_by"], decision_number=d["decision_number"]),
                 _("The answer is recorded."), confirm)  # fmt: skip


@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    convention = access_console_convention(request.user, pk)
    return _step(request, convention, ReviewForm(request.POST), "review_form",
                 lambda d: actions.record_review(convention, actor=request.user, held_on=d["held_on"], summary=d["summary"]),  # type: ignore[arg-type]
                 _("The yearly review is recorded."))  # fmt: skip


@require_POST
def review_day(request: HttpRequest, pk: int) -> HttpResponse:
    convention = access_console_convention(request.user, pk)
    return _step(request, convention, ReviewDayForm(request.POST), "review_day_form",
                 lambda d: actions.set_review_day(convention, actor=request.user, month=d["month"], day=d["day"]),  # type: ignore[arg-type]
                 _("The review day is set."))  # fmt: skip
