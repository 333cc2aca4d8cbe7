from typing import Any

from django.http import HttpRequest

from grassroots.decisions.access import visible_unit_paths
from grassroots.decisions.models import Notification
from grassroots.people.access import register_scopes
from grassroots.training.access import has_training


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Which sections to show in the header: only those the user can open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "register": bool(register_scopes(user)),
            "decisions": bool(visible_unit_paths(user)),
            # Organizers of training conferences and their delegates (one query at most).
            "training": has_training(user),
            # Unread notifications (decisions.notifications), shown next to "Community decisions".
            "unread": Notification.objects.filter(user=user, read_at__isnull=True).count(),
        }
    }
