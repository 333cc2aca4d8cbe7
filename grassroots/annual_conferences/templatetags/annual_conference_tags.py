"""`{% village_conference_section unit %}`: the village page's section on the annual community conference
(Law Art 33): the last one held, this year's standing, a flag when last year's is missing, and a link to
the console for those who run or oversee it. Nothing for a unit that is not a village."""

from __future__ import annotations

from typing import Any

from django import template

from grassroots.territory.models import Unit

from .. import access, overview

register = template.Library()


@register.inclusion_tag("annual_conferences/_village_section.html", takes_context=True)
def village_conference_section(context: template.Context, unit: Unit) -> dict[str, Any]:
    if not unit.is_village_level:
        return {"hidden": True}
    request = context.get("request")
    user = getattr(request, "user", None)
    summary = overview.village_summary(unit)
    return {**summary, "unit": unit, "may_open": user is not None and access.can_see_village(user, unit)}
