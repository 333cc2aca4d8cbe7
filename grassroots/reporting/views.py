"""The steering committee's pages: a unit's dashboard (its figures, their trends, the units below ranked),
one indicator drilled down to the items behind it, the overdue list, and the indicators' definitions.

Every figure is read from storage (refresh.py keeps it); only the drill-down of a commune or a village asks
the indicator for that one commune's items live. Each table and chart also comes as CSV. Access: access.py
(outside the caller's units, a 404)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import csvexport
from grassroots.core.downloads import csv_attachment

from . import access, dashboard, evaluation, refresh, registry
from .figures import Tally
from .models import PeriodKind

PER_PAGE = 50


def _percent(tally: Tally | None) -> str:
    percent = tally.percent if tally is not None else None
    return "" if percent is None else f"{percent}"


def _pair(tally: Tally | None) -> tuple[Any, Any]:
    return (tally.numerator, tally.denominator) if tally is not None and tally.denominator else ("", "")


def home(request: HttpRequest) -> HttpResponse:
    """Where the header's link leads: the user's one dashboard, or the list of them."""
    roots = access.dashboard_roots(request.user)
    if not roots:
        raise Http404
    if len(roots) == 1:
        return redirect("reporting:unit", roots[0].code)
    return render(request, "reporting/home.html", {"roots": roots})


def _period_context(request: HttpRequest, period: dashboard.Period) -> dict[str, Any]:
    return {
        "period": period,
        "period_kinds": PeriodKind.choices,
        "period_query": period.query(),
        "last_refreshed": refresh.last_refreshed(),
    }


def unit(request: HttpRequest, code: str) -> HttpResponse:
    u = access.access_unit(request.user, code)
    period = dashboard.parse_period(request.GET)
    board = dashboard.build(u, period, request.GET.get("rank", ""))
    can_evaluate = u.parent_id is None and evaluation.can_see_evaluation(request.user, u)
    context = {"unit": u, "board": board, "can_evaluate": can_evaluate, **_period_context(request, period)}
    return render(request, "reporting/unit.html", context)


def unit_csv(request: HttpRequest, code: str) -> HttpResponse:
    """The table of figures: the unit's own row, then the units below it, one row per unit and indicator."""
    u = access.access_unit(request.user, code)
    period = dashboard.parse_period(request.GET)
    board = dashboard.build(u, period, request.GET.get("rank", ""))
    response = csv_attachment(f"figures-{u.code}-{period.kind}{period.start.isoformat()}.csv")
    writer = csvexport.writer(response)
    writer.writerow([_("unit code"), _("unit"), _("period"), _("indicator"), _("numerator"), _("denominator"),
                     _("percent")])  # fmt: skip
    for row in board.rows:
        writer.writerow([u.code, u.name, period.label, row.indicator.code, *_pair(row.tally), _percent(row.tally)])
    for child in board.children:
        for indicator in board.indicators:
            tally = child.tallies.get(indicator.code)
            writer.writerow(
                [child.unit.code, child.unit.name, period.label, indicator.code, *_pair(tally), _percent(tally)]
            )
    return response


def trend_csv(request: HttpRequest, code: str) -> HttpResponse:
    """The charts: each indicator over the last twelve periods (`?indicator=` for one of them)."""
    u = access.access_unit(request.user, code)
    period = dashboard.parse_period(request.GET)
    board = dashboard.build(u, period)
    wanted = request.GET.get("indicator", "")
    response = csv_attachment(f"trend-{u.code}-{period.kind}{period.start.isoformat()}.csv")
    writer = csvexport.writer(response)
    writer.writerow([_("unit code"), _("indicator"), _("period"), _("first day"), _("numerator"), _("denominator"),
                     _("percent")])  # fmt: skip
    for row in board.rows:
        if wanted and row.indicator.code != wanted:
            continue
        for bar in row.trend:
            writer.writerow([u.code, row.indicator.code, bar.label, bar.start.isoformat(), *_pair(bar.tally),
                             _percent(bar.tally)])  # fmt: skip
    return response


def indicator(request: HttpRequest, code: str, indicator: str) -> HttpResponse:
    """One indicator of one unit: its figure, the units below with theirs, and at commune or village level
    the items behind it (the indicator asked now, for this one commune)."""
    u = access.access_unit(request.user, code)
    ind = access.public_indicator(indicator)
    period = dashboard.parse_period(request.GET)
    tally, children = dashboard.drill(u, period, ind)
    context: dict[str, Any] = {"unit": u, "indicator": ind, "cited": dashboard.citations_of(ind), "tally": tally,
                               "children": children, **_period_context(request, period)}  # fmt: skip
    if dashboard.has_items(u):
        items = dashboard.live_items(u, period, ind)
        page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
        names = dashboard.unit_names({i.unit_id for i in page.object_list})
        context["items_page"] = page
        context["item_rows"] = [(i, names.get(i.unit_id, "")) for i in page.object_list]
    return render(request, "reporting/indicator.html", context)


def indicator_csv(request: HttpRequest, code: str, indicator: str) -> HttpResponse:
    """The drill-down's tables: the units below, and at commune or village level the items."""
    u = access.access_unit(request.user, code)
    ind = access.public_indicator(indicator)
    period = dashboard.parse_period(request.GET)
    tally, children = dashboard.drill(u, period, ind)
    response = csv_attachment(f"{ind.code}-{u.code}-{period.kind}{period.start.isoformat()}.csv")
    writer = csvexport.writer(response)
    if dashboard.has_items(u):
        items = dashboard.live_items(u, period, ind)
        names = dashboard.unit_names({i.unit_id for i in items})
        writer.writerow([_("unit"), _("what"), _("day"), _("numerator"), _("denominator"), _("overdue"),
                         _("deadline"), _("link")])  # fmt: skip
        for i in items:
            writer.writerow([names.get(i.unit_id, ""), i.title, i.day.isoformat(), i.numerator, i.denominator,
                             _("yes") if i.overdue else "", i.deadline.isoformat() if i.deadline else "",
                             request.build_absolute_uri(i.url) if i.url else ""])  # fmt: skip
    else:
        writer.writerow([_("unit code"), _("unit"), _("period"), _("numerator"), _("denominator"), _("percent")])
        writer.writerow([u.code, u.name, period.label, *_pair(tally), _percent(tally)])
        for child in children:
            t = child.ranked_tally
            writer.writerow([child.unit.code, child.unit.name, period.label, *_pair(t), _percent(t)])
    return response


def _overdue_filters(request: HttpRequest, u: Any) -> dict[str, Any]:
    below = access.access_below(request.user, u, request.GET.get("below", ""))
    return {
        "indicator": request.GET.get("indicator", "") if registry.get(request.GET.get("indicator", "")) else "",
        "below": below,
        "responsible": request.GET.get("responsible", "").strip()[:100],
    }


def overdue(request: HttpRequest, code: str) -> HttpResponse:
    """Everything past a statutory deadline anywhere below the unit, as the last refresh found it."""
    u = access.access_unit(request.user, code)
    filters = _overdue_filters(request, u)
    rows = dashboard.overdue(u, **filters)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    titles = {i.code: i.title for i in registry.all_indicators()}
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "unit": u,
        "page": page,
        "rows": [
            (o, titles.get(o.indicator, o.indicator), dashboard.days_overdue(o.deadline, today))
            for o in page.object_list
        ],
        "indicators": registry.all_indicators(),
        "children": dashboard.children_of(u, dashboard.parse_period({}, today)),
        "filters": filters,
        "query": query.urlencode(),
        "last_refreshed": refresh.last_refreshed(),
    }
    return render(request, "reporting/overdue.html", context)


def overdue_csv(request: HttpRequest, code: str) -> HttpResponse:
    u = access.access_unit(request.user, code)
    rows = dashboard.overdue(u, **_overdue_filters(request, u))
    today = timezone.localdate()
    response = csv_attachment(f"overdue-{u.code}-{today.isoformat()}.csv")
    writer = csvexport.writer(response)
    writer.writerow([_("unit code"), _("unit"), _("indicator"), _("what"), _("deadline"), _("days overdue"),
                     _("responsible"), _("link")])  # fmt: skip
    for o in rows.iterator():
        writer.writerow([o.unit.code, o.unit.name, o.indicator, o.title, o.deadline.isoformat() if o.deadline else "",
                         dashboard.days_overdue(o.deadline, today) or "", o.responsible,
                         request.build_absolute_uri(o.url) if o.url else ""])  # fmt: skip
    return response


@login_not_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    """Public: what each indicator counts and the rule behind it."""
    indicators = [(i, dashboard.citations_of(i)) for i in registry.all_indicators()]
    return render(request, "reporting/indicator_list.html", {"indicators": indicators})


@login_not_required
def indicator_definition(request: HttpRequest, code: str) -> HttpResponse:
    indicator = access.public_indicator(code)
    context = {"indicator": indicator, "cited": dashboard.citations_of(indicator)}
    return render(request, "reporting/indicator_definition.html", context)
