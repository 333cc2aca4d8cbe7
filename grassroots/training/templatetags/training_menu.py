"""The training section's menu, shown at the top of every training page: `{% training_menu %}`."""

from __future__ import annotations

from typing import Any

from django import template

from ..access import training_menu as menu_for

register = template.Library()


@register.inclusion_tag("training/_menu.html", takes_context=True)
def training_menu(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"menu": menu_for(user) if user is not None else {}, "here": getattr(request, "path", "")}
