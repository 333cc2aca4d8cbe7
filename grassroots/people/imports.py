"""Importing the household register from the browser: an upload becomes an ImportJob, run by a task.

`people.actions.start_resident_import` stores the file under a random name and queues the job once the
transaction commits; `run_resident_import` (called by the task `people.tasks.run_import_job`) imports it all or
nothing with `importing.import_residents`, restricted to the job's commune, records progress and the
outcome, and deletes the file, which holds personal data, whatever happens.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from grassroots.core import audit
from grassroots.core.csvimport import ImportFailed, Problem

from .importing import import_residents
from .models import ImportJob, ImportJobStatus

logger = logging.getLogger(__name__)

IMPORTS_DIR = "imports"
# A page of problems is read from this list; beyond it a file is better fixed as a whole.
MAX_STORED_PROBLEMS = 100_000
# Progress is written at most this often (seconds), and at every change of phase.
PROGRESS_EVERY = 1.0
# Nine digits or more, possibly grouped by spaces, dots or dashes: a national ID number (12 digits),
# an old identity card (9) or a phone number (10). Problem messages quote cells of the file, and a
# shifted column puts such a number where a date or a code was expected.
_LONG_NUMBER = re.compile(r"\d(?:[ .\-]?\d){8,}")


def mask_long_numbers(text: str) -> str:
    """Hide all but the last three digits of every long number in the text."""

    def mask(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return "•" * (len(digits) - 3) + digits[-3:]

    return _LONG_NUMBER.sub(mask, text)


def stored_path(stored_name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / stored_name


def fail_unqueued(job_id: int) -> None:
    """The job could not be queued: it would otherwise wait for ever, with personal data on disk."""
    job = ImportJob.objects.get(pk=job_id)
    stored_path(job.stored_name).unlink(missing_ok=True)
    ImportJob.objects.filter(pk=job_id).update(started_at=timezone.now())
    _finish(job_id, ImportJobStatus.FAILED, [Problem(0, "", _("the import could not be started; try again later"))])


class _Progress:
    """The progress callback of import_residents, writing to the job at most every PROGRESS_EVERY s.

    The "households" and "write" phases run inside the import's transaction, so what they write is
    seen only with the outcome; the job page says that writing happens at the end in one go.
    """

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.phase = ""
        self.written_at = 0.0

    def __call__(self, phase: str, count: int) -> None:
        now = time.monotonic()
        if phase == self.phase and now - self.written_at < PROGRESS_EVERY:
            return
        self.phase, self.written_at = phase, now
        ImportJob.objects.filter(pk=self.job_id).update(phase=phase, rows_done=count, progress_at=timezone.now())


def _count_rows(path: Path) -> int:
    """About how many rows the file has (lines after the header), to show progress against."""
    lines, last = 0, b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    if last != b"\n":
        lines += 1
    return max(lines - 1, 0)


def _problem_rows(problems: Iterable[Problem]) -> list[dict[str, int | str | bool]]:
    return [
        {"row": p.row, "field": p.field, "message": mask_long_numbers(str(p.message)), "is_warning": p.is_warning}
        for p in problems
    ]


def _finish(job_id: int, status: str, problems: list[Problem], **counts: int) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        status=status,
        finished_at=timezone.now(),
        stored_name="",
        problems=_problem_rows(problems[:MAX_STORED_PROBLEMS]),
        error_count=sum(1 for p in problems if not p.is_warning),
        warning_count=sum(1 for p in problems if p.is_warning),
        **counts,
    )


def run_resident_import(job_id: int) -> None:
    """Run a queued import job: all or nothing, into the job's commune only; then delete the file.

    A job runs once: a task delivered twice finds it no longer queued and does nothing.
    """
    now = timezone.now()
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.QUEUED).update(
        status=ImportJobStatus.RUNNING, started_at=now, progress_at=now
    )
    if not claimed:
        return
    job = ImportJob.objects.select_related("unit", "uploaded_by").get(pk=job_id)
    path = stored_path(job.stored_name)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            try:
                ImportJob.objects.filter(pk=job_id).update(rows_total=_count_rows(path), phase="validate")
                result = import_residents(path, actor=job.uploaded_by, progress=_Progress(job_id), within=job.unit)
            finally:
                path.unlink(missing_ok=True)
        except ImportFailed as exc:
            _finish(job_id, ImportJobStatus.FAILED, exc.problems)
        except csv.Error:
            # The csv module's own refusals, e.g. a cell over its field limit (128 KiB).
            message = _("a cell of the file is too long, or the file is not valid CSV; nothing was imported")
            _finish(job_id, ImportJobStatus.FAILED, [Problem(0, "", message)])
        except Exception:
            logger.exception("register import %s stopped", job_id)
            _finish(
                job_id,
                ImportJobStatus.FAILED,
                [Problem(0, "", _("the import stopped because of an unexpected error; nothing was imported"))],
            )
            raise  # the task is recorded as failed too, with its traceback, for the administrator
        else:
            _finish(
                job_id,
                ImportJobStatus.SUCCEEDED,
                result.warnings,
                household_count=result.households,
                resident_count=result.residents,
            )


@dataclass(frozen=True)
class StaleSweep:
    jobs: list[int]
    files: list[str]


def fail_stale_imports(*, now: dt.datetime, stale_after: dt.timedelta, dry_run: bool = False) -> StaleSweep:
    """Fail every running import whose worker is gone, and delete register files no live job needs.

    A job is stale when it is "running" but has written no progress (nor started) for `stale_after`:
    its worker was killed (out of memory, a reboot) and will never finish it. Its transaction died with
    the worker, so nothing was imported; the job is failed with a message saying so, its file deleted
    and an audit event written. A file under MEDIA_ROOT/imports/ that no queued or running job names
    and older than `stale_after` (a web process killed between saving the upload and creating its job)
    is deleted too: these files hold personal data. Idempotent: a second run finds nothing.

    A healthy import writes progress at least every few seconds while it checks the file; its final
    writing phase runs in one transaction, whose progress is not visible outside it, so `stale_after`
    must be longer than that phase (about a minute for a million rows, bench/README.md).
    """
    cutoff = now - stale_after
    stale = Q(status=ImportJobStatus.RUNNING) & (
        Q(progress_at__lt=cutoff) | Q(progress_at__isnull=True, started_at__lt=cutoff)
    )
    failed: list[int] = []
    for job in ImportJob.objects.filter(stale).select_related("unit").order_by("pk"):
        if dry_run:
            failed.append(job.pk)
            continue
        with translation.override(job.language or settings.LANGUAGE_CODE), transaction.atomic():
            message = _(
                "the import stopped without finishing because its worker was stopped; nothing was imported. "
                "Upload the file again."
            )
            problems = _problem_rows([Problem(0, "", message)])
            # Only if it is still stale: a worker that wrote progress meanwhile keeps its job.
            done = ImportJob.objects.filter(stale, pk=job.pk).update(
                status=ImportJobStatus.FAILED,
                finished_at=now,
                stored_name="",
                problems=problems,
                error_count=1,
                warning_count=0,
            )
            if not done:
                continue
            audit.record(
                "people.register_import_abandoned",
                target=job,
                unit_id=job.unit_id,
                data={"minutes_without_progress": int(stale_after.total_seconds() // 60)},
            )
        if job.stored_name:
            stored_path(job.stored_name).unlink(missing_ok=True)
        failed.append(job.pk)
    return StaleSweep(jobs=failed, files=_remove_orphan_files(cutoff, dry_run=dry_run))


def _remove_orphan_files(cutoff: dt.datetime, *, dry_run: bool) -> list[str]:
    folder = Path(settings.MEDIA_ROOT) / IMPORTS_DIR
    if not folder.is_dir():
        return []
    needed = set(
        ImportJob.objects.filter(status__in=[ImportJobStatus.QUEUED, ImportJobStatus.RUNNING])
        .exclude(stored_name="")
        .values_list("stored_name", flat=True)
    )
    removed = []
    for path in sorted(folder.iterdir()):
        name = f"{IMPORTS_DIR}/{path.name}"
        if not path.is_file() or name in needed:
            continue
        if dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC) >= cutoff:
            continue  # perhaps an upload whose job is being created right now
        if not dry_run:
            path.unlink(missing_ok=True)
        removed.append(name)
    return removed
