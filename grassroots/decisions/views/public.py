from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from grassroots.accounts.http import AuthedRequest, PublicRequest
from grassroots.core import csvexport, notices
from grassroots.core.downloads import csv_attachment
from grassroots.core.forms import run_form
from grassroots.core.worker import waiting_since

from .. import actions, notifications, receipts
from ..access import (
    access_matter,
    can_manage,
    can_recognize,
    can_see_participants,
    may_see_queue,
    may_table,
    visible_unit_paths,
    voting_household,
    voting_households,
)
from ..bulletin import bulletin, suppress_small_counts
from ..forms import VoteForm
from ..models import COUNTED, Choice, Matter, Notification, Participation, Status
from .documents import matter_documents
from .public_side import render_bulletin


def home(request: AuthedRequest) -> HttpResponse:
    """The matters of the user's village (and those the user oversees), open ones first."""
    matters = Matter.objects.in_units(visible_unit_paths(request.user)).select_related("unit")
    open_matters = list(matters.filter(status=Status.OPEN).order_by("closes_at"))
    others = Paginator(matters.exclude(status=Status.OPEN).order_by("-created_at"), 30).get_page(
        request.GET.get("page")
    )
    voted = set(
        Participation.objects.filter(matter__in=open_matters, household=actions_household(request)).values_list("matter_id", flat=True)
    ) if open_matters else set()  # fmt: skip
    households = voting_households(request.user, [m for m in open_matters if m.form == "online"])
    rows = [{"matter": m, "voted": m.pk in voted, "can_vote": households.get(m.pk) is not None} for m in open_matters]
    context = {"open_rows": rows, "page": others, "can_table": may_table(request.user),
               "can_see_queue": may_see_queue(request.user)}  # fmt: skip
    return render(request, "decisions/home.html", context)


def actions_household(request: AuthedRequest):  # type: ignore[no-untyped-def]
    from ..access import represented_household

    return represented_household(request.user)


def _matter_context(request: AuthedRequest, matter: Matter, form: VoteForm | None = None) -> dict[str, Any]:
    household = voting_household(request.user, matter)
    voted = (
        household is not None
        and Participation.objects.filter(matter=matter, round=matter.round, household=household).exists()
    )
    participants = None
    if matter.status in COUNTED and can_see_participants(request.user, matter):
        participants = list(
            Participation.objects.filter(matter=matter, round=matter.round)
            .select_related("household")
            .order_by("household__code")
        )
    return {
        "matter": matter,
        "form": form or VoteForm(),
        "can_vote": matter.status == Status.OPEN and matter.form == "online" and household is not None and not voted,
        "voted": voted,
        "receipt": receipts.kept(request, matter, request.user.pk) if voted else "",
        "closes_in_words": receipts.time_in_words(matter.closes_at) if matter.closes_at else "",
        "can_manage": can_manage(request.user, matter),
        "can_recognize": matter.status == Status.FILED and can_recognize(request.user, matter),
        "participants": participants,
        "counted": matter.status in COUNTED,
        "result": suppress_small_counts(matter.result or {}),
        "documents": matter_documents(request.user, matter),
    }


def matter_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    matter = access_matter(request.user, pk)
    response = render(request, "decisions/matter_detail.html", _matter_context(request, matter))
    response["Cache-Control"] = "no-store"  # it may show the receipt
    return response


def _cannot_vote(request: AuthedRequest, matter: Matter) -> HttpResponse | None:
    """The matter's page with the reason, when the user's household may not vote on it now; else None.
    The action checks all this again when the vote is sent."""
    context = _matter_context(request, matter)
    if context["can_vote"]:
        return None
    if context["voted"]:
        messages.error(request, _("Your household has already voted on this matter."))
    elif matter.status != Status.OPEN or matter.form != "online":
        messages.error(request, _("This matter is not open for online voting."))
    else:
        messages.error(request, _("Only the verified representative of a household of this village can vote."))
    return redirect("decisions:matter", matter.pk)


@require_POST
def vote_check(request: AuthedRequest, pk: int) -> HttpResponse:
    """Check your answer: the choice restated before it is sent, with a way back to change it.

    "Change" posts the answer back (never in a URL: a choice must not reach an access log) and gets the
    matter's page with the answer filled in."""
    matter = access_matter(request.user, pk)
    refused = _cannot_vote(request, matter)
    if refused is not None:
        return refused
    if "change" in request.POST:
        initial = {"choice": request.POST.get("choice", ""), "comment": request.POST.get("comment", "")}
        return render(
            request, "decisions/matter_detail.html", _matter_context(request, matter, VoteForm(initial=initial))
        )
    form = VoteForm(request.POST)
    if not form.is_valid():
        return render(request, "decisions/matter_detail.html", _matter_context(request, matter, form), status=422)
    context = {
        "matter": matter,
        "choice": form.cleaned_data["choice"],
        "choice_label": dict(Choice.choices)[form.cleaned_data["choice"]],
        "comment": form.cleaned_data["comment"].strip(),
        "closes_in_words": receipts.time_in_words(matter.closes_at) if matter.closes_at else "",
    }
    response = render(request, "decisions/vote_check.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def vote(request: AuthedRequest, pk: int) -> HttpResponse:
    """Send the household's online vote, as checked on the check-your-answer page (the API does the same
    for other clients). A form that did not come from the check page gets the check page first."""
    if request.POST.get("checked") != "1":
        return vote_check(request, pk)
    matter = access_matter(request.user, pk)

    def sent(result: tuple[str, bool]) -> HttpResponse:
        response = redirect("decisions:vote-sent", matter.pk)
        receipts.keep(response, matter, request.user.pk, result[0])
        return response

    form = VoteForm(request.POST)
    return run_form(
        request, form,
        lambda d: actions.cast_online_vote(matter.pk, user=request.user, choice=d["choice"], comment=d["comment"]),
        success=sent, refused_to=reverse("decisions:matter", args=[matter.pk]),
        page=lambda status: render(request, "decisions/matter_detail.html", _matter_context(request, matter, form),
                                   status=status),
    )  # fmt: skip


def vote_sent(request: AuthedRequest, pk: int) -> HttpResponse:
    """The confirmation: the receipt (from this browser's cookie), when the count happens, where to check it."""
    matter = access_matter(request.user, pk)
    context = _matter_context(request, matter)
    if not context["voted"]:
        return redirect("decisions:matter", matter.pk)
    response = render(request, "decisions/vote_sent.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _counted_matter(pk: int) -> Matter:
    matter = Matter.objects.counted().filter(pk=pk).select_related("unit").first()
    if matter is None:
        raise Http404
    return matter


@login_not_required
def bulletin_page(request: PublicRequest, pk: int) -> HttpResponse:
    """Public: the result in words and numbers, with a box to check a receipt (views.public_side)."""
    return render_bulletin(request, _counted_matter(pk))


@login_not_required
def bulletin_json(request: PublicRequest, pk: int) -> HttpResponse:
    return JsonResponse(bulletin(_counted_matter(pk)), json_dumps_params={"ensure_ascii": False})


@login_not_required
def bulletin_csv(request: PublicRequest, pk: int) -> HttpResponse:
    data = bulletin(_counted_matter(pk))
    response = csv_attachment(f"bulletin-{pk}.csv", public=True)
    writer = csvexport.writer(response)
    writer.writerow(["section", "key", "value"])
    for key in [
        "title",
        "unit",
        "item",
        "form",
        "closed_on",
        "closed_at",
        "households",
        "agree",
        "disagree",
        "other",
        "total",
        "adopted",
        "ballots_digest",
    ]:
        writer.writerow(["result", key, data[key]])
    rule = data["rule"]
    writer.writerow(["rule", rule["kind"], rule["needed"]])
    for key, share in data["percent_of_households"].items():
        writer.writerow(["percent_of_households", key, "" if share is None else share])
    for channel, n in data["channels"].items():
        writer.writerow(["channel", channel, "<5" if n is None else n])
    for h in data["receipt_hashes"]:
        writer.writerow(["receipt", "sha256", h])
    return response


# The notices of other sections shown on the notifications page: the latest.
NOTICES_SHOWN = 50


@require_http_methods(["GET", "POST"])
def notification_list(request: AuthedRequest) -> HttpResponse:
    """The user's own notifications, newest first: those of community decisions, and the notices of other
    sections (core.notices: training invitations). POST marks them read: one (`notification` or `notice`)
    or all."""
    if request.method == "POST":
        raw = request.POST.get("notification")
        notice = request.POST.get("notice")
        if notice is not None:
            if notice.isdigit() and len(notice) <= 18:
                notices.mark_read(request.user.pk, int(notice))
        elif raw is None:
            notifications.mark_read(request.user)
            notices.mark_read(request.user.pk)
        elif raw.isdigit() and len(raw) <= 18:
            notifications.mark_read(request.user, int(raw))
        return redirect("decisions:notifications")
    rows = Notification.objects.filter(user=request.user).select_related("matter").order_by("-created_at", "-pk")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        # The other sections' notices, the latest first (they are few: one per training invitation).
        "notices": list(notices.for_user(request.user.pk)[:NOTICES_SHOWN]),
        "worker_waiting_since": waiting_since(),
    }
    return render(request, "decisions/notifications.html", context)
