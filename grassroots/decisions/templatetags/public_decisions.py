"""`{% unit_decisions_link unit %}`: the unit page's small section leading to the unit's public
decisions; it renders nothing for a unit with no decided or open matter."""

from django import template

from grassroots.territory.models import Unit

from ..public_side import public_matters

register = template.Library()


@register.inclusion_tag("decisions/_unit_decisions_link.html")
def unit_decisions_link(unit: Unit) -> dict[str, object]:
    open_now, decided = public_matters(unit)
    return {"unit": unit, "open_count": open_now.count(), "decided_count": decided.count(), "latest": decided[:3]}
