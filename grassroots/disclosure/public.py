"""The residents' side of the register: each commune's and village's published disclosures (the commune's
web page, Law Art 13), newest first, filterable by category and searchable with or without diacritics;
an item with its files, earlier versions and answered questions; the Atom feed and the CSV open data;
asking a question or requesting information (Law Art 14); subscribing to a unit.

Only published items are ever shown here: drafts stay in the officials' console (access.access_item).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts.http import AuthedRequest, PublicRequest
from grassroots.core import csvexport
from grassroots.core.downloads import csv_attachment, uploaded_file
from grassroots.core.forms import run_action, run_form
from grassroots.core.text import fold
from grassroots.territory.models import COMMUNE_KINDS, Unit, unit_by_code

from . import actions, compliance, reports
from .access import access_item, can_edit, commune_of
from .forms import AskForm, SearchForm
from .models import Item, Request, Subscription

PER_PAGE = 50
FEED_SIZE = 30


def _unit(code: str) -> Unit:
    unit = unit_by_code(code)
    if unit is None or not (unit.is_commune_level or unit.is_village_level):
        raise Http404
    return unit


def published_for(unit: Unit) -> QuerySet[Item]:
    """A commune's page lists its own items and its villages'; a village's, its own and its commune's."""
    items = Item.objects.published().select_related("unit")
    if unit.is_commune_level:
        return items.filter(Q(unit=unit) | Q(unit__parent=unit))
    return items.filter(Q(unit=unit) | Q(unit_id=unit.parent_id))


def search(items: QuerySet[Item], q: str, category: int | None) -> QuerySet[Item]:
    """Every word of the query, folded as the stored column is ("ngan sach" finds "ngân sách")."""
    for word in fold(q).split()[:8]:
        items = items.filter(search_folded__contains=word)
    if category:
        items = items.filter(category=category)
    return items.order_by("-published_on", "-pk")


@login_not_required
def index(request: PublicRequest) -> HttpResponse:
    """The communes with published disclosures, for residents to find theirs."""
    communes = (
        Unit.objects.filter(
            Q(pk__in=Item.objects.published().values("unit_id"))
            | Q(pk__in=Item.objects.published().values("unit__parent_id"))
        )
        .filter(kind__in=list(COMMUNE_KINDS))
        .order_by("name")
    )
    return render(request, "disclosure/index.html", {"communes": list(communes[:500])})


@login_not_required
def unit_page(request: PublicRequest, code: str) -> HttpResponse:
    unit = _unit(code)
    form = SearchForm(request.GET or None)
    q, category = "", None
    if form.is_valid():
        q, category = form.cleaned_data["q"] or "", form.cleaned_data["category"]
    items = search(published_for(unit), q, category)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    commune = commune_of(unit)
    villages = list(Unit.objects.filter(parent=commune).order_by("path")) if unit.is_commune_level else []
    context = {
        "unit": unit,
        "commune": commune,
        "villages": villages,
        "form": form,
        "q": q,
        "category": category or "",
        "page": page,
        "subscribed": request.user.is_authenticated
        and Subscription.objects.filter(user_id=request.user.pk, unit=unit).exists(),
        "edits": can_edit(request.user, unit),
    }
    return render(request, "disclosure/unit.html", context)


@login_not_required
def item_page(request: PublicRequest, pk: int) -> HttpResponse:
    """A published item to anyone; a draft only to the commune's officials, who also see the console."""
    item = access_item(request.user, pk)
    edits = can_edit(request.user, item.unit)
    questions = item.requests.all() if edits else item.requests.filter(answered_at__isnull=False)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "item": item,
        "edits": edits,
        "attachments": list(item.attachments.all()),
        "versions": list(item.versions.all()),
        "questions": [reports.request_row(r, today=today) for r in questions.select_related("unit")],
    }
    if edits:
        postings = list(item.postings.select_related("posted_by"))
        context["postings"] = postings
        if item.is_published:
            context["verdict"] = compliance.for_items([item], commune_id=commune_of(item.unit).pk, today=today)[0]
    return render(request, "disclosure/item.html", context)


@login_not_required
def attachment(request: PublicRequest, pk: int, attachment: int) -> HttpResponseBase:
    """A file of a published item (of a draft, to its officials), always as a download (never inline)."""
    item = access_item(request.user, pk)
    found = item.attachments.filter(pk=attachment).first()
    if found is None:
        raise Http404
    return uploaded_file(found.file, found.name)


class UnitFeed(Feed):  # type: ignore[type-arg]
    """Atom feed of a unit's published disclosures, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, code: str) -> Unit:
        return _unit(code)

    def title(self, unit: Unit) -> str:
        return _("Disclosures of %(unit)s") % {"unit": unit.name}

    def link(self, unit: Unit) -> str:
        return reverse("disclosure:unit", args=[unit.code])

    def subtitle(self, unit: Unit) -> str:
        return _("Information the commune discloses")

    def items(self, unit: Unit) -> list[Item]:
        return list(published_for(unit).order_by("-published_on", "-pk")[:FEED_SIZE])

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        return item.body[:1000]

    def item_link(self, item: Item) -> str:
        return reverse("disclosure:item", args=[item.pk])

    def item_updateddate(self, item: Item) -> Any:
        return item.updated_at

    def item_pubdate(self, item: Item) -> Any:
        return item.created_at


feed = login_not_required(UnitFeed())

CSV_HEADER = ["id", "unit_code", "unit", "category", "title", "source_document", "decided_on", "published_on",
              "version", "url"]  # fmt: skip


@login_not_required
def unit_csv(request: PublicRequest, code: str) -> HttpResponse:
    """Open data: every published item of the unit's page, as CSV (core.csvexport escapes formulas)."""
    unit = _unit(code)
    response = csv_attachment(f"disclosures-{unit.code}.csv", public=True)
    writer = csvexport.writer(response)
    writer.writerow(CSV_HEADER)
    for item in published_for(unit).order_by("-published_on", "-pk").iterator(chunk_size=500):
        writer.writerow([item.pk, item.unit.code, item.unit.name, item.category, item.title, item.source_document,
                         item.decided_on.isoformat(), item.published_on.isoformat() if item.published_on else "",
                         item.version, request.build_absolute_uri(reverse("disclosure:item", args=[item.pk]))])  # fmt: skip
    return response


def ask(request: AuthedRequest, pk: int) -> HttpResponse:
    item = access_item(request.user, pk)
    if not item.is_published:
        raise Http404
    form = AskForm(request.POST or None, initial={"kind": "question"})
    return run_form(request, form,
                    lambda d: actions.ask(actor=request.user, unit=item.unit, item=item, kind=d["kind"], text=d["text"]),
                    template="disclosure/ask.html", context={"item": item, "unit": item.unit},
                    success=reverse("disclosure:my-requests"), done=_("Your question was sent to the commune."))  # fmt: skip


def request_information(request: AuthedRequest, code: str) -> HttpResponse:
    """Law Art 14: information that should have been disclosed, whose period expired, or that could not be reached."""
    unit = _unit(code)
    form = AskForm(request.POST or None, initial={"kind": "not_disclosed"})
    return run_form(request, form,
                    lambda d: actions.ask(actor=request.user, unit=unit, kind=d["kind"], text=d["text"]),
                    template="disclosure/ask.html", context={"item": None, "unit": unit},
                    success=reverse("disclosure:my-requests"), done=_("Your request was sent to the commune."))  # fmt: skip


def my_requests(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    found = Request.objects.filter(asked_by=request.user).select_related("unit", "item")[:200]
    return render(
        request, "disclosure/my_requests.html", {"rows": [reports.request_row(r, today=today) for r in found]}
    )


@require_POST
def subscribe(request: AuthedRequest, code: str) -> HttpResponse:
    unit = _unit(code)
    then = reverse("disclosure:unit", args=[unit.code])
    if request.POST.get("stop") == "yes":
        return run_action(request, lambda: actions.unsubscribe(actor=request.user, unit=unit),
                          done=_("You will no longer be told of this unit's disclosures."), then=then)  # fmt: skip
    by_email = request.POST.get("by_email") == "yes"
    return run_action(request, lambda: actions.subscribe(actor=request.user, unit=unit, by_email=by_email),
                      done=_("You will be told of every disclosure of this unit."), then=then)  # fmt: skip
