"""Background tasks of opinion maps (Django's Tasks API): the report, computed after the request."""

from __future__ import annotations

from django_tasks import task


@task()
def compute_report(map_id: int) -> int:
    """Compute and store the report of one map (reports.compute); returns the report's id."""
    from .models import OpinionMap
    from .reports import compute

    return compute(OpinionMap.objects.get(pk=map_id)).pk
