from typing import Any

from django.http import HttpRequest

from grassroots.decisions.access import visible_unit_paths
from grassroots.people.access import register_scopes


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Which sections to show in the header: only those the user can open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {"nav": {"register": bool(register_scopes(user)), "decisions": bool(visible_unit_paths(user))}}
