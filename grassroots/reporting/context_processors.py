from typing import Any

from django.http import HttpRequest

from .access import may_see_dashboards


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Whether to show the steering dashboard in the header and on the home page. Here rather than in
    portal's `navigation`: the composers sit on one layer and import nothing from each other."""
    user = getattr(request, "user", None)
    return {"nav_reporting": bool(user is not None and user.is_authenticated and may_see_dashboards(user))}
