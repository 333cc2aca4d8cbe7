from django import template

register = template.Library()


@register.inclusion_tag("inspection/_unit_link.html")
def commune_inspection_board(unit):  # type: ignore[no-untyped-def]
    """The link to a commune's People's Inspection Board from its unit page."""
    return {"unit": unit}
