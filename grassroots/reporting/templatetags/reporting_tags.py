"""`{{ tally|tally }}`: a figure as the dashboards show it, "n%" with "(n / d)", or "no data yet";
`{% trend_chart bars indicator width unit_code period_query %}`: an indicator's trend as an SVG and the same figures as a table.

Python, not included templates: a province's table of units below has 166 rows × every indicator, and an
`{% include %}` per cell cost more than the rest of the page together (bench/dashboard.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.formats import get_format, localize
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

from grassroots.core.indicators import Indicator
from grassroots.reporting.dashboard import Bar
from grassroots.reporting.figures import Tally

register = template.Library()


@register.filter
def tally(value: Tally | None) -> SafeString:
    if value is not None and value.denominator:
        # Built directly (a province's table holds thousands): integers need no escaping, the percent takes the
        # language's decimal separator as `{{ value }}` would (75,0 in Vietnamese and Russian).
        percent = f"{value.percent:.1f}".replace(".", str(get_format("DECIMAL_SEPARATOR")))
        return mark_safe(  # noqa: S308 (numbers only)
            f'<strong>{percent}%</strong> <span class="muted">({int(value.numerator)} / {int(value.denominator)})</span>'
        )
    return format_html('<span class="empty">{}</span>', gettext("no data yet"))


@register.simple_tag
def trend_chart(bars: list[Bar], indicator: Indicator, width: int, unit_code: str, period_query: str) -> SafeString:
    """The trend of one indicator over twelve periods: an SVG bar chart (each bar titled with its figure) and,
    right below it, the same figures as a table (accessibility), with a link to the chart's CSV."""
    no_data = gettext("no data yet")
    title = gettext("%(title)s: the last twelve periods, in percent") % {"title": indicator.title}
    marks = []
    for bar in bars:
        t = bar.tally
        if t is not None and t.denominator:
            marks.append(
                format_html(
                    '<rect x="{}" y="{}" width="22" height="{}" fill="#2a6f97"><title>{}: {}% ({} / {})</title></rect>',
                    bar.x,
                    f"{bar.y:.1f}",
                    f"{bar.height:.1f}",
                    bar.label,
                    localize(t.percent),
                    localize(t.numerator),
                    localize(t.denominator),
                )
            )
        else:
            marks.append(
                format_html(
                    '<text x="{}" y="96" font-size="9" fill="#777">–<title>{}: {}</title></text>',
                    bar.x,
                    bar.label,
                    no_data,
                )
            )
    ends = [bars[0], bars[-1]] if len(bars) > 1 else bars
    marks += [
        format_html('<text x="{}" y="114" font-size="9" fill="currentColor">{}</text>', b.x, b.start.strftime("%m/%Y"))
        for b in ends
    ]
    rows = []
    for bar in bars:
        t = bar.tally
        cells = (
            format_html(
                '<td class="num">{}</td><td class="num">{}</td><td class="num">{}</td>',
                localize(t.numerator),
                localize(t.denominator),
                localize(t.percent),
            )
            if t is not None and t.denominator
            else format_html('<td colspan="3" class="empty">{}</td>', no_data)
        )
        rows.append(format_html('<tr><th scope="row">{}</th>{}</tr>', bar.label, cells))
    code = indicator.code
    csv_url = f"{reverse('reporting:trend-csv', args=[unit_code])}?{period_query}&indicator={code}"
    return format_html(
        '<figure class="trend"><svg role="img" aria-labelledby="trend-title-{code}" viewBox="0 0 {w} 120" width="{w}" '
        'height="120" class="trend-chart" xmlns="http://www.w3.org/2000/svg"><title id="trend-title-{code}">{title}'
        '</title><line x1="0" y1="100" x2="{w}" y2="100" stroke="currentColor" stroke-width="1"/>{marks}</svg>'
        '<figcaption><table><caption class="sr-only">{caption}</caption><thead><tr><th scope="col">{period}</th>'
        '<th scope="col">{num}</th><th scope="col">{den}</th><th scope="col">%</th></tr></thead><tbody>{rows}</tbody>'
        '</table><p><a href="{csv}">{csv_label}</a></p></figcaption></figure>',
        code=code, w=width, title=title, marks=mark_safe("".join(marks)),  # noqa: S308 (each part is format_html)
        caption=gettext("%(title)s: the last twelve periods") % {"title": indicator.title},
        period=gettext("Reporting period"), num=capfirst(str(indicator.numerator_label)),
        den=capfirst(str(indicator.denominator_label)), rows=mark_safe("".join(rows)),  # noqa: S308
        csv=csv_url, csv_label=gettext("This chart as CSV"),
    )  # fmt: skip


@register.simple_tag
def units_below_rows(children: list[Any], period_query: str) -> SafeString:
    """The rows of the table of units below (rank, unit linked to its dashboard, one cell per indicator).

    One Python loop for a province's 166 units × every indicator: the same markup as `{{ tally|tally }}` per
    cell, with the words looked up once and the link reversed once."""
    no_data = format_html('<td><span class="empty">{}</span></td>', gettext("no data yet"))
    separator = str(get_format("DECIMAL_SEPARATOR"))
    link = reverse("reporting:unit", args=["CODE"])
    rows = []
    for child in children:
        cells = []
        for t in child.cells:
            if t is not None and t.denominator:
                percent = f"{t.percent:.1f}".replace(".", separator)
                cells.append(
                    f'<td><strong>{percent}%</strong> <span class="muted">({int(t.numerator)} / {int(t.denominator)})'
                    "</span></td>"
                )
            else:
                cells.append(no_data)
        href = link.replace("CODE", quote(child.unit.code)) + "?" + period_query
        rows.append(
            format_html(
                '<tr><td class="num">{}</td><td><a href="{}">{}</a></td>{}</tr>',
                child.rank or "–",
                href,
                child.unit.name,
                mark_safe("".join(cells)),  # noqa: S308 (numbers and the escaped words above)
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 (each row is format_html)
