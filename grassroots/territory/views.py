import datetime as dt

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from grassroots.core.text import fold, natural_key

from .models import Unit
from .stats import household_count, household_counts

PER_PAGE = 50


@login_not_required
def unit_list(request: HttpRequest) -> HttpResponse:
    """The unit browser: provinces, or a search by name or code across all units."""
    q = request.GET.get("q", "").strip()[:100]
    units = Unit.objects.select_related("parent")
    units = (
        units.filter(Q(name_folded__contains=fold(q)) | Q(code__iexact=q)) if q else units.filter(parent__isnull=True)
    )
    page = Paginator(units.order_by("path"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "territory/unit_list.html", {"page": page, "q": q})


def former_text(unit: Unit, successors: list[Unit], today: dt.date) -> str:
    """What a former unit shows instead of its household count ("0 households" would read as empty)."""
    if unit.valid_to is None or not unit.is_former_on(today):
        return ""
    if successors:
        return _("Former unit (merged into %(names)s)") % {"names": ", ".join(s.name for s in successors)}
    return _("Former unit (until %(date)s)") % {"date": formats.date_format(unit.valid_to, "SHORT_DATE_FORMAT")}


@login_not_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The public page of a unit: name, parent, number of households, the units below it."""
    unit = get_object_or_404(Unit.objects.select_related("parent"), code=code)
    ancestors = list(Unit.objects.filter(code__in=unit.ancestor_codes()).order_by("path"))
    # Current units first, then former ones (merged into others), each in natural order: 1, 2, 10.
    today = timezone.localdate()
    ordered = sorted(
        unit.children.prefetch_related("successors"), key=lambda u: (u.is_former_on(today), natural_key(u.name))
    )
    page = Paginator(ordered, PER_PAGE).get_page(request.GET.get("page"))
    children = list(page.object_list)
    counts = household_counts(children, under=unit)
    successors = list(unit.successors.all())
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "page": page,
        "children": [
            (child, counts.get(child.id, 0), former_text(child, list(child.successors.all()), today))
            for child in children
        ],
        "household_count": household_count(unit),
        "former": former_text(unit, successors, today),
        "successors": successors,
        "predecessors": list(unit.predecessors.all()),
    }
    return render(request, "territory/unit_detail.html", context)
