"""The public side of decided matters (issue 9): a unit's decisions, the bulletin with its "check my
receipt" box, and the full list of receipt hashes for those who verify a count."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from grassroots.accounts.http import PublicRequest
from grassroots.territory.models import unit_by_code

from ..access import access_counted_record, access_matter
from ..bulletin import bulletin
from ..models import Channel, Matter
from ..public_side import public_matters, receipt_check_throttled, receipt_counted, unit_label, vietnam_time

PER_PAGE = 30


class ReceiptCheckForm(forms.Form):
    receipt = forms.CharField(
        label=_("Your receipt code"),
        max_length=80,
        help_text=_("The code shown after you voted online, for example 3F2A9C0B17D4E6A85B21."),
        error_messages={"required": _("Paste or type the receipt code you were given after voting.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )


def _counted_matter(pk: int) -> Matter:
    matter = Matter.objects.counted().filter(pk=pk).select_related("unit").first()
    if matter is None:
        raise Http404
    return matter


def _allowed(check: Any, *args: Any) -> bool:
    try:
        check(*args)
    except (Http404, PermissionDenied):
        return False
    return True


def render_bulletin(
    request: PublicRequest,
    matter: Matter,
    *,
    form: ReceiptCheckForm | None = None,
    checked: bool | None = None,
    throttled: bool = False,
    status: int = 200,
) -> HttpResponse:
    data = bulletin(matter)
    labels = dict(Channel.choices)
    channels = [(labels.get(channel, channel), n) for channel, n in data["channels"].items()]
    user = request.user
    signed_in = bool(user.is_authenticated)
    context = {
        "matter": matter,
        "b": data,
        "channels": channels,
        "closed_at": vietnam_time(matter.closed_at),
        "receipt_count": len(data["receipt_hashes"]),
        "form": form or ReceiptCheckForm(),
        "checked": checked,
        "throttled": throttled,
        # Links for those allowed: the decision record and the matter's own page.
        "can_see_record": signed_in and _allowed(access_counted_record, user, matter.pk),
        "can_see_matter": signed_in and _allowed(access_matter, user, matter.pk),
    }
    return render(request, "decisions/bulletin.html", context, status=status)


@login_not_required
@require_POST
def check_receipt(request: PublicRequest, pk: int) -> HttpResponse:
    """Tell whether a pasted receipt was counted: hashed on the server, compared with the bulletin's
    hashes, stored nowhere; throttled per address."""
    matter = _counted_matter(pk)
    if receipt_check_throttled(request):
        return render_bulletin(request, matter, throttled=True, status=429)
    form = ReceiptCheckForm(request.POST)
    if not form.is_valid():
        return render_bulletin(request, matter, form=form, status=422)
    checked = receipt_counted(matter, form.cleaned_data["receipt"])
    response = render_bulletin(request, matter, form=form, checked=checked)
    response["Cache-Control"] = "no-store"
    return response


@login_not_required
def receipt_hashes(request: PublicRequest, pk: int) -> HttpResponse:
    """Every counted online vote's receipt hash (SHA-256), for those who verify the count."""
    matter = _counted_matter(pk)
    data = bulletin(matter)
    return render(request, "decisions/bulletin_receipts.html", {"matter": matter, "b": data})


@login_not_required
def unit_decisions(request: PublicRequest, code: str) -> HttpResponse:
    """A commune's or village's decided matters with their bulletins, and what is open now."""
    unit = unit_by_code(code)
    if unit is None:
        raise Http404
    open_now, decided = public_matters(unit)
    page = Paginator(decided, PER_PAGE).get_page(request.GET.get("page"))
    context = {"unit": unit, "unit_label": unit_label(unit), "open_now": open_now, "page": page}
    return render(request, "decisions/unit_decisions.html", context)
