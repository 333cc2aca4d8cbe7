"""Background work of the register (Django's Tasks API; `manage.py db_worker` runs it).

A task only calls an action (STYLE 2.11): the logic, and its tests, live in the action's module.
"""

from __future__ import annotations

from django_tasks import task

from . import imports


@task()
def run_import_job(job_id: int) -> None:
    """Import an uploaded register file into its commune (people.imports.run_resident_import)."""
    imports.run_resident_import(job_id)
