"""Downloads and printable pages of a matter's documents (builders in decisions.documents).

Everything is a 404 for a user who may not have the document: outside the user's units (access_matter),
and also for a user who may see the matter but not manage it (or receive its filing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from grassroots.accounts.http import AuthedRequest
from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.core.downloads import attachment

from .. import documents
from ..access import access_counted_record, access_managed_matter, can_manage, can_receive_filings
from ..models import COUNTED, Form, Matter, Scope


def _record(builder: Callable[[Matter], bytes], ext: str) -> Callable[[AuthedRequest, int], HttpResponse]:
    @require_safe
    def view(request: AuthedRequest, pk: int) -> HttpResponse:
        matter = access_counted_record(request.user, pk)
        return attachment(builder(matter), f"van-ban-quyet-dinh-{matter.pk}.{ext}")

    view.__name__ = f"record_{ext}"
    view.__doc__ = f"The decision record (Law Art 20(2); Form 03) as {ext.upper()}."
    return view


record_docx = _record(documents.decision_record_docx, "docx")
record_pdf = _record(documents.decision_record_pdf, "pdf")


@require_safe
def slips_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The household ballot slips, one per current household (Law Art 19(3); D59 Art 4(5))."""
    matter = access_managed_matter(request.user, pk)
    if matter.form != Form.BALLOT and matter.scope != Scope.COMMUNE:
        raise Http404
    households = documents.slip_households(matter)
    content = documents.ballot_slips_pdf(matter, households)
    with transaction.atomic():
        audit.record("decisions.slips_printed", actor=request.user, target=matter, unit_id=matter.unit_id,
                     data={"households": len(households), "round": matter.round})  # fmt: skip
    return attachment(content, f"phieu-lay-y-kien-{matter.pk}.pdf")


def _page(request: AuthedRequest, template: str, context: dict[str, object]) -> HttpResponse:
    response = render(request, template, context)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def notice(request: AuthedRequest, pk: int) -> HttpResponse:
    """Form 01: the printable notice of the community meeting (D59 Art 3(3))."""
    matter = access_managed_matter(request.user, pk)
    if matter.scope == Scope.COMMUNE or matter.form == Form.ONLINE:
        raise Http404
    return _page(request, "decisions/print/notice.html", documents.notice_context(matter))


@require_safe
def count_minutes(request: AuthedRequest, pk: int) -> HttpResponse:
    """Form 02 (secret ballot at a meeting) or Form 04 (household ballots): the count minutes, 3 copies."""
    matter = access_managed_matter(request.user, pk)
    if matter.form not in (Form.MEETING, Form.BALLOT):
        raise Http404
    return _page(request, "decisions/print/count_minutes.html", documents.count_minutes_context(matter))


# --- Where each document is linked -------------------------------------------------------------------
# Every document above is one click away: from the console step where it is needed, from the recognition
# queue (the record) and from the matter's page, for those the download views let in.


@dataclass(frozen=True)
class DocumentLink:
    name: str  # the URL name, "decisions:record-pdf"
    label: str
    url: str
    step: str  # the console step that needs it


def matter_documents(user: User, matter: Matter) -> list[DocumentLink]:
    """The documents of `matter` that `user` may open, under the same rules as the views above."""
    manages = can_manage(user, matter)
    found: list[tuple[str, str, str]] = []
    if manages and matter.scope != Scope.COMMUNE and matter.form != Form.ONLINE:
        found.append(("decisions:notice", _("Meeting notice (Form 01), to print"), "schedule"))
    if manages and (matter.form == Form.BALLOT or matter.scope == Scope.COMMUNE):
        found.append(("decisions:slips-pdf", _("Ballot slips (PDF)"), "slips"))
    if manages and matter.form in (Form.MEETING, Form.BALLOT):
        step = "result" if matter.form == Form.MEETING else "close"
        found.append(("decisions:minutes", _("Count minutes, to print"), step))
    if matter.status in COUNTED and (manages or can_receive_filings(user, matter)):
        found.append(("decisions:record-pdf", _("Decision record (PDF)"), "file"))
        found.append(("decisions:record-docx", _("Decision record (DOCX, to edit)"), "file"))
    return [DocumentLink(name, label, reverse(name, args=[matter.pk]), step) for name, label, step in found]
