from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from grassroots.core.text import fold

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


@login_not_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The public page of a unit: name, parent, number of households, the units below it."""
    unit = get_object_or_404(Unit.objects.select_related("parent"), code=code)
    ancestors = list(Unit.objects.filter(code__in=unit.ancestor_codes()).order_by("path"))
    page = Paginator(unit.children.order_by("code"), PER_PAGE).get_page(request.GET.get("page"))
    children = list(page.object_list)
    counts = household_counts(children, under=unit)
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "page": page,
        "children": [(child, counts.get(child.id, 0)) for child in children],
        "household_count": household_count(unit),
        "successors": list(unit.successors.all()),
        "predecessors": list(unit.predecessors.all()),
    }
    return render(request, "territory/unit_detail.html", context)
