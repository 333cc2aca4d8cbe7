"""The votes open to the user's household, for the resident's home page (`decisions/_open_votes.html`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from ..access import represented_household
from ..models import Form, Matter, Participation, Status
from ..receipts import time_in_words

register = template.Library()


def _ancestor_paths(path: str) -> list[str]:
    """ "/38/16012/16012-01/" → ["/38/", "/38/16012/", "/38/16012/16012-01/"]."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


@register.simple_tag(takes_context=True)
def open_votes(context: template.Context) -> list[dict[str, Any]]:
    """Online votes open now in the unit of the household the user represents (its village and the units
    above it), soonest to close first, each with whether the household has voted."""
    request = context.get("request")
    user = getattr(request, "user", None)
    household = represented_household(user) if user is not None else None
    if household is None:
        return []
    matters = list(
        Matter.objects.filter(
            status=Status.OPEN,
            form=Form.ONLINE,
            closes_at__gt=timezone.now(),
            unit__path__in=_ancestor_paths(household.unit.path),
        )
        .select_related("unit")
        .order_by("closes_at", "pk")
    )
    voted = set(
        Participation.objects.filter(
            matter__in=matters, household=household, round__in={m.round for m in matters}
        ).values_list("matter_id", "round")
    )
    return [
        {"matter": m, "voted": (m.pk, m.round) in voted, "closes_in_words": time_in_words(m.closes_at)}
        for m in matters
        if m.closes_at is not None
    ]
