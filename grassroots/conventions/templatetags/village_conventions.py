"""`{% village_conventions unit %}`: the unit page's section on the village's conventions, the one in force
and any draft posted for comment; nothing for a unit with no posted convention."""

from django import template

from grassroots.territory.models import Unit

from ..models import Convention, VersionStatus

register = template.Library()


@register.inclusion_tag("conventions/_unit_conventions.html")
def village_conventions(unit: Unit) -> dict[str, object]:
    conventions = Convention.objects.public().filter(village=unit).order_by("pk") if unit.is_village_level else []
    rows = []
    for convention in conventions:
        posted = convention.versions.filter(status=VersionStatus.POSTED).first()
        rows.append((convention, convention.current(), posted))
    return {"unit": unit, "rows": rows}
