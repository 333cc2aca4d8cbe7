"""The public pages, without login: the published consultations of a commune, and one of them with its
draft, the opinions by article (no name unless the resident signed publicly), the aggregated results
and the published synthesis. Never a resident's identity otherwise."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from grassroots.core.downloads import attachment
from grassroots.core.official.paper import EXTENSIONS

from .. import documents, overview
from ..models import Consultation

PER_PAGE = 30


@login_not_required
def unit_list(request: HttpRequest, code: str) -> HttpResponse:
    unit = overview.unit_by_code(code)
    if unit is None:
        raise Http404
    page = Paginator(overview.published_in(unit), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "consultations/public_list.html", {"unit": unit, "page": page})


def _published(pk: int) -> Consultation:
    c = Consultation.objects.filter(pk=pk, published_on__isnull=False).select_related("commune", "village").first()
    if c is None:
        raise Http404
    return c


@login_not_required
def page(request: HttpRequest, pk: int) -> HttpResponse:
    c = _published(pk)
    draft = overview.current_draft(c)
    context = {
        "c": c,
        "status": c.status(),
        "draft": draft,
        "articles": overview.threads(draft) if draft else [],
        "tally": overview.tally(c),
        "results": overview.questionnaire(c, with_texts=False),
        "groups": list(c.groups.prefetch_related("opinions")) if c.synthesis_published_at else [],
        "documents": documents.available(c, public=True),
        "drafts": list(c.drafts.order_by("number")),
        "opinion_map_url": overview.opinion_map_link(c, public=True),
    }
    return render(request, "consultations/public.html", context)


@login_not_required
def document(request: HttpRequest, pk: int, ext: str) -> HttpResponse:
    c = _published(pk)
    if "synthesis" not in documents.available(c, public=True) or ext not in EXTENSIONS:
        raise Http404
    return attachment(documents.render(c, "synthesis", ext), documents.filename(c, "synthesis", ext), public=True)
