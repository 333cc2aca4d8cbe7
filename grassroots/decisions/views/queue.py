"""The commune: decisions awaiting recognition, records not yet filed, every record filed, and the
recognition or refusal of a decision (Law Arts 20(3), 21(2))."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.accounts.http import AuthedRequest
from grassroots.core.forms import Confirmation, run_form

from .. import actions, rules
from ..access import (
    access_recognizable_matter,
    commune_units,
    recognizes,
)
from ..forms import (
    FileRecordForm,
    RecognizeForm,
    RefuseForm,
)
from ..models import (
    Matter,
    Status,
)

FILED_PER_PAGE = 30


def queue(request: AuthedRequest) -> HttpResponse:
    """Decisions awaiting the commune's recognition, records not yet filed, and every record filed."""
    communes = commune_units(request.user)
    if not communes:
        raise Http404
    today = timezone.localdate()
    matters = Matter.objects.in_units([c.path for c in communes]).select_related("unit")
    recognized_by_user = recognizes(request.user)  # the user's units read once for every matter
    to_recognize = [
        {"matter": m, "overdue": rules.is_overdue(m.recognition_due_on, False, today)}
        for m in matters.filter(status=Status.FILED, adopted=True).order_by("recognition_due_on", "pk")
        if recognized_by_user(m)
    ]
    # Every role of `COMMUNE_ROLES` receives the records of its commune (can_receive_filings).
    unfiled = [
        {"matter": m, "overdue": rules.is_overdue(m.filing_due_on, False, today)}
        for m in matters.filter(status=Status.CLOSED).order_by("filing_due_on", "pk")
    ]
    filed = Paginator(matters.filter(filed_at__isnull=False).order_by("-filed_at"), FILED_PER_PAGE).get_page(
        request.GET.get("page")
    )
    filed_rows = [
        {"matter": m, "late": m.filing_due_on is not None and timezone.localdate(m.filed_at) > m.filing_due_on}
        for m in filed.object_list
    ]
    context = {"to_recognize": to_recognize, "unfiled": unfiled, "page": filed, "filed_rows": filed_rows}
    return render(request, "decisions/console/queue.html", context)


RECOGNIZE_CONFIRM = (
    gettext_lazy("Recognize the decision"),
    gettext_lazy(
        "The decision takes effect and is published with its record; the recognition cannot be withdrawn here."
    ),
    gettext_lazy("Recognize: the decision takes effect"),
)
REFUSE_CONFIRM = (
    gettext_lazy("Refuse recognition"),
    gettext_lazy(
        "The refusal and its reasons are sent to the village and published; the decision does not take effect."
    ),
    gettext_lazy("Refuse: the decision does not take effect"),
)


def _decide(request: AuthedRequest, pk: int, *, form_class: type[forms.Form], refuse: bool) -> HttpResponse:
    matter = access_recognizable_matter(request.user, pk)
    form = form_class(request.POST or None)

    def decide(d: dict[str, Any]) -> None:
        if refuse:
            actions.refuse(matter, actor=request.user, reason=d["reason"])
        else:
            actions.recognize(matter, actor=request.user, effective_on=d["effective_on"])

    def context() -> dict[str, Any]:
        return {
            "matter": matter,
            "refuse": refuse,
            "overdue": rules.is_overdue(matter.recognition_due_on, matter.status != Status.FILED, timezone.localdate()),
            "signatories": [
                (FileRecordForm.base_fields[k].label, matter.signatories.get(k, "")) for k in FileRecordForm.SIGNATORIES
            ],
        }

    queue_url = reverse("decisions:recognition")
    confirm = Confirmation(*(REFUSE_CONFIRM if refuse else RECOGNIZE_CONFIRM), back=queue_url)
    return run_form(request, form, decide, template="decisions/console/decide.html", context=context,
                    success=queue_url, refused_to=queue_url, confirm=confirm,
                    done=_("The refusal was recorded.") if refuse else _("The decision was recognized."))  # fmt: skip


def recognize(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET: confirm; POST: the commune recognizes the decision (Art 21(2))."""
    return _decide(request, pk, form_class=RecognizeForm, refuse=False)


def refuse(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET: the refusal form; POST: refused in writing, with reasons (Art 21(2))."""
    return _decide(request, pk, form_class=RefuseForm, refuse=True)
