"""`{% village_head_link unit %}`: on a village's unit page, its head in office and the way to its
village-head page (elections, dismissal petitions); nothing for a unit that is not a village."""

from django import template

from grassroots.territory.models import Unit

from ..reads import sitting_head

register = template.Library()


@register.inclusion_tag("elections/_village_head_link.html")
def village_head_link(unit: Unit) -> dict[str, object]:
    return {
        "unit": unit,
        "village": unit.is_village_level,
        "term": sitting_head(unit) if unit.is_village_level else None,
    }
