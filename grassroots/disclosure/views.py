"""The officials' console of the disclosure register: items of their commune and its villages with each
required channel's verdict (Law Arts 12(3), 13), drafting, publishing, attachments, postings, the
loudspeaker script, residents' requests, and the documents of Arts 13(2) and 14.

Only the commune's officials (access.EDITOR_ROLES) reach these pages; anyone else gets a 404, the same
as for an item that does not exist. Each form posts to its own URL, which calls one action
(core.forms.run_form / run_action) and redirects back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts.http import AuthedRequest
from grassroots.core.downloads import paper_response, uploaded_file
from grassroots.core.forms import Confirmation, run_action, run_form
from grassroots.territory.models import Unit, under

from . import actions, compliance, documents, reports, rules
from .access import access_item, access_request, editor_communes, units_to_edit
from .forms import AnswerForm, AttachmentForm, EndPostingForm, ItemForm, PostingForm, QuarterForm, SetupForm
from .models import Attachment, Item, Posting, Request

PER_PAGE = 50


def _commune(request: AuthedRequest, code: str) -> Unit:
    for commune in editor_communes(request.user):
        if commune.code == code:
            return commune
    raise Http404


# --- The console ---------------------------------------------------------------------------------
def console(request: AuthedRequest) -> HttpResponse:
    """Every item of the user's communes, drafts first, with what is wrong on each required channel."""
    communes = editor_communes(request.user)
    if not communes:
        raise Http404
    today = timezone.localdate()
    paths = [c.path for c in communes]
    # Every item is judged (an old one taken down too early stays flagged); the text is not needed here.
    items = list(
        Item.objects.filter(under(paths, "unit__path"))
        .defer("body", "search_folded")
        .select_related("unit")
        .prefetch_related("postings")
        .order_by("status", "-published_on", "-pk")
    )
    verdicts: dict[int, compliance.ItemCompliance] = {}
    for commune in communes:
        mine = [i for i in items if i.unit.path.startswith(commune.path)]
        verdicts.update({v.item.pk: v for v in compliance.for_items(mine, commune_id=commune.pk, today=today)})
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(i, verdicts.get(i.pk)) for i in page.object_list]
    open_requests = reports.unanswered(paths, today=today)
    year, quarter = rules.quarter_of(today)
    context = {
        "communes": communes,
        "rows": rows,
        "page": page,
        "drafts": [i for i in items if not i.is_published],
        "flagged": [v for v in verdicts.values() if not v.ok or v.reminders],
        "open_requests": open_requests,
        "year": year,
        "quarter": quarter,
        "today": today,
    }
    return render(request, "disclosure/console.html", context)


def _item_form_page(request: AuthedRequest, item: Item | None) -> HttpResponse:
    units = units_to_edit(request.user)
    if not units:
        raise Http404
    initial: dict[str, Any] = {}
    if item is not None:
        initial = {f: getattr(item, f) for f in actions.EDITABLE} | {"unit": item.unit_id}
    form = ItemForm(request.POST or None, initial=initial, units=units, published=bool(item and item.is_published))
    if item is not None:
        form.lock_unit()

    def save(d: dict[str, Any]) -> Item:
        values = {f: d[f] for f in actions.EDITABLE}
        if item is None:
            return actions.create_item(actor=request.user, unit=d["unit"], **values)
        return actions.update_item(item, actor=request.user, change_note=d.get("change_note", ""), **values)

    return run_form(request, form, save, template="disclosure/item_form.html", context={"item": item},
                    success=lambda saved: redirect("disclosure:item", pk=saved.pk),
                    done=_("The disclosure was saved."))  # fmt: skip


def new_item(request: AuthedRequest) -> HttpResponse:
    return _item_form_page(request, None)


def edit_item(request: AuthedRequest, pk: int) -> HttpResponse:
    item = access_item(request.user, pk, edit=True)
    if item.index_of:
        raise Http404  # the quarterly index is generated, not written
    return _item_form_page(request, item)


@require_POST
def publish(request: AuthedRequest, pk: int) -> HttpResponse:
    item = access_item(request.user, pk, edit=True)
    confirm = Confirmation(
        title=_("Publish this disclosure?"),
        consequence=_(
            "It appears at once on the residents' pages, in the feed and in the open data, and stays there: "
            "a published disclosure can be changed, with its earlier text kept, but not withdrawn."
        ),
        button=_("Publish"),
        back=reverse("disclosure:item", args=[item.pk]),
    )
    return run_action(request, lambda: actions.publish_item(item, actor=request.user), confirm=confirm,
                      done=_("The disclosure was published."), then=reverse("disclosure:item", args=[item.pk]))  # fmt: skip


@require_POST
def delete(request: AuthedRequest, pk: int) -> HttpResponse:
    item = access_item(request.user, pk, edit=True)
    confirm = Confirmation(
        title=_("Delete this draft?"),
        consequence=_("The draft and its files are deleted for good."),
        button=_("Delete the draft"),
        back=reverse("disclosure:item", args=[item.pk]),
    )
    return run_action(request, lambda: actions.delete_draft(item, actor=request.user), confirm=confirm,
                      done=_("The draft was deleted."), then=reverse("disclosure:console"))  # fmt: skip


# --- Attachments and postings --------------------------------------------------------------------
def new_attachment(request: AuthedRequest, pk: int) -> HttpResponse:
    item = access_item(request.user, pk, edit=True)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    return run_form(request, form, lambda d: actions.add_attachment(item, actor=request.user, file=d["file"]),
                    template="disclosure/attachment_form.html", context={"item": item},
                    success=reverse("disclosure:item", args=[item.pk]), done=_("The file was added."))  # fmt: skip


def _attachment(item: Item, attachment_pk: int) -> Attachment:
    attachment = item.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    return attachment


@require_POST
def remove_attachment(request: AuthedRequest, pk: int, attachment: int) -> HttpResponse:
    item = access_item(request.user, pk, edit=True)
    found = _attachment(item, attachment)
    return run_action(request, lambda: actions.remove_attachment(found, actor=request.user),
                      done=_("The file was removed."), then=reverse("disclosure:item", args=[item.pk]))  # fmt: skip


def new_posting(request: AuthedRequest, pk: int) -> HttpResponse:
    item = access_item(request.user, pk, edit=True)
    form = PostingForm(request.POST or None, request.FILES or None, initial={"started_on": timezone.localdate()})
    return run_form(
        request, form,
        lambda d: actions.log_posting(item, actor=request.user, channel=d["channel"], place=d["place"],
                                      started_on=d["started_on"], ended_on=d["ended_on"], proof=d["proof"] or None),
        template="disclosure/posting_form.html", context={"item": item},
        success=reverse("disclosure:item", args=[item.pk]), done=_("The posting was logged."),
    )  # fmt: skip


def _posting(item: Item, posting_pk: int) -> Posting:
    posting = item.postings.filter(pk=posting_pk).first()
    if posting is None:
        raise Http404
    return posting


def end_posting(request: AuthedRequest, pk: int, posting: int) -> HttpResponse:
    item = access_item(request.user, pk, edit=True)
    found = _posting(item, posting)
    form = EndPostingForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    return run_form(request, form, lambda d: actions.end_posting(found, actor=request.user, ended_on=d["ended_on"]),
                    template="disclosure/posting_end.html", context={"item": item, "posting": found},
                    success=reverse("disclosure:item", args=[item.pk]), done=_("The last day was recorded."))  # fmt: skip


def posting_proof(request: AuthedRequest, pk: int, posting: int) -> HttpResponseBase:
    """The photo of a posting, to the commune's officials."""
    found = _posting(access_item(request.user, pk, edit=True), posting)
    if not found.proof:
        raise Http404
    return uploaded_file(found.proof, found.proof.name.rsplit("/", 1)[-1])


# --- The loudspeaker script (Law Art 13) ---------------------------------------------------------
def script(request: AuthedRequest, pk: int, ext: str) -> HttpResponse:
    item = access_item(request.user, pk, edit=True)
    return paper_response(documents.loudspeaker_script(item, timezone.localdate()), f"phat-thanh-{item.pk}", ext)


# --- Setup and residents' requests ---------------------------------------------------------------
def setup(request: AuthedRequest, code: str) -> HttpResponse:
    commune = _commune(request, code)
    form = SetupForm(request.POST or None, initial={"has_loudspeaker": compliance.has_loudspeaker(commune.pk)})
    return run_form(request, form,
                    lambda d: actions.set_loudspeaker(commune, actor=request.user, has_loudspeaker=d["has_loudspeaker"]),
                    template="disclosure/setup.html", context={"commune": commune},
                    success=reverse("disclosure:console"), done=_("Saved."))  # fmt: skip


def answer_request(request: AuthedRequest, pk: int) -> HttpResponse:
    found = access_request(request.user, pk)
    form = AnswerForm(request.POST or None)
    context = {"request_row": reports.request_row(found, today=timezone.localdate())}
    return run_form(request, form, lambda d: actions.answer(found, actor=request.user, text=d["text"]),
                    template="disclosure/request.html", context=context,
                    success=reverse("disclosure:request", args=[found.pk]), done=_("The answer was recorded."))  # fmt: skip


def requests_list(request: AuthedRequest) -> HttpResponse:
    communes = editor_communes(request.user)
    if not communes:
        raise Http404
    today = timezone.localdate()
    found = list(
        Request.objects.filter(under([c.path for c in communes], "unit__path"))
        .select_related("unit", "item")
        .order_by("answered_at", "-asked_at")[:300]
    )
    return render(request, "disclosure/requests.html", {"rows": [reports.request_row(r, today=today) for r in found]})


# --- The quarterly index (Art 13(2)), the plan and the report (Art 14) ---------------------------------
def quarterly_index(request: AuthedRequest, code: str) -> HttpResponse:
    commune = _commune(request, code)
    year, quarter = rules.quarter_of(timezone.localdate())
    form = QuarterForm(request.POST or None, initial={"year": year, "quarter": quarter})
    return run_form(
        request, form,
        lambda d: actions.publish_quarterly_index(commune, d["year"], d["quarter"], actor=request.user),
        template="disclosure/index_form.html", context={"commune": commune},
        success=lambda item: redirect("disclosure:item", pk=item.pk),
        done=_("The quarterly index was generated and published."),
    )  # fmt: skip


def _year(request: AuthedRequest) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


def plan(request: AuthedRequest, code: str, ext: str) -> HttpResponse:
    commune = _commune(request, code)
    return paper_response(reports.plan(commune, _year(request)), f"ke-hoach-cong-khai-{commune.code}", ext)


def _period(request: AuthedRequest) -> tuple[dt.date, dt.date]:
    year = _year(request)
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), timezone.localdate())


def report(request: AuthedRequest, code: str, ext: str) -> HttpResponse:
    commune = _commune(request, code)
    paper = reports.council_report(commune, *_period(request))
    return paper_response(paper, f"bao-cao-cong-khai-{commune.code}", ext)


def index(request: AuthedRequest, pk: int, ext: str) -> HttpResponse:
    """The quarterly index to print and post at the seat and village points (Law Art 13(2))."""
    item = access_item(request.user, pk, edit=True)
    if not item.index_of:
        raise Http404
    year, quarter = (int(part) for part in item.index_of.split("-"))
    commune = item.unit
    paper = documents.quarterly_index(commune, year, quarter, reports.quarter_items(commune, year, quarter),
                                      item.published_on or item.decided_on)  # fmt: skip
    return paper_response(paper, f"danh-muc-cong-khai-{item.index_of}", ext)
