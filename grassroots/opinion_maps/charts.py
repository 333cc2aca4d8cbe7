"""Server-rendered SVG of the report: the scatter of groups as a grid of counts (never one point per
person). Every chart has its table beside it in the template."""

from __future__ import annotations

import math
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

COLOURS = ["#1b6ca8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400"]
SIZE = 300


def scatter(data: dict[str, Any]) -> SafeString:
    grid = data.get("grid") or {}
    cells = grid.get("cells") or []
    if not cells:
        return SafeString("")
    n = grid["size"]
    step = SIZE / n
    biggest = max(c[3] for c in cells)
    circles = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="{}" fill="{}" fill-opacity="0.7"><title>{}</title></circle>',
        (
            (
                round((x + 0.5) * step, 1),
                round(SIZE - (y + 0.5) * step, 1),
                round(1.5 + (step / 2 + 2) * math.sqrt(count / biggest), 1),
                COLOURS[group % len(COLOURS)],
                _("Group %(label)s: %(n)s people") % {"label": "ABCDEFGH"[group], "n": count},
            )
            for x, y, group, count in cells
        ),
    )
    legend = format_html_join(
        "",
        '<text x="{}" y="16" fill="{}" font-size="14" font-weight="bold">{}</text>',
        ((8 + 60 * i, COLOURS[i % len(COLOURS)], _("Group %(label)s") % {"label": g["label"]})
         for i, g in enumerate(data["groups"])),
    )  # fmt: skip
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="scatter-title" '
        'xmlns="http://www.w3.org/2000/svg"><title id="scatter-title">{}</title>'
        '<rect width="100%" height="100%" fill="#fafafa" stroke="#ccc"/>{}{}</svg>',
        SIZE, SIZE, _("Groups of residents who vote alike (the table below gives the same)"), circles, legend,
    )  # fmt: skip
