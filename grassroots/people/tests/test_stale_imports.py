"""A worker killed in the middle of a register import leaves no job "running" for ever and no register
file on disk: `fail_stale_imports` (scheduled hourly) fails the job and deletes the files."""

import datetime as dt
import io
import os
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from grassroots.core.models import AuditEvent
from grassroots.people import imports
from grassroots.people.models import ImportJob
from grassroots.people.tests.test_web_import import GOOD_ROWS, HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_STALE_MINUTES = 30
    (tmp_path / "media" / "imports").mkdir(parents=True)
    return settings.MEDIA_ROOT


def _job(world, media, name: str, *, status: str = ImportJob.Status.QUEUED) -> ImportJob:  # type: ignore[no-untyped-def]
    (media / "imports" / name).write_text(HEADER + "\n".join(GOOD_ROWS) + "\n", encoding="utf-8")
    return ImportJob.objects.create(
        uploaded_by=world["official_a"], unit=world["a"]["commune"], stored_name=f"imports/{name}",
        original_name="residents.csv", size=100, language="en",
    )  # fmt: skip


def _killed_while_running(job: ImportJob, *, minutes_ago: int) -> None:
    """The worker claimed the job and wrote progress `minutes_ago`, then was killed (SIGKILL, reboot):
    no `finally` ran, so the job says "running" and its file is still there."""
    then = timezone.now() - dt.timedelta(minutes=minutes_ago)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING, started_at=then - dt.timedelta(minutes=1), progress_at=then, phase="validate"
    )


def _sweep(*args: str) -> str:
    out = io.StringIO()
    call_command("fail_stale_imports", *args, stdout=out)
    return out.getvalue()


def test_a_job_left_running_by_a_killed_worker_is_failed_with_a_message_and_its_file_deleted(world, media):
    job = _job(world, media, "a.csv")
    _killed_while_running(job, minutes_ago=31)
    assert "Failed 1 stale import(s)" in _sweep()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.finished_at is not None
    assert job.stored_name == "" and job.error_count == 1
    assert "worker was stopped; nothing was imported" in job.problems[0]["message"]
    assert not (media / "imports" / "a.csv").exists()
    event = AuditEvent.objects.get(verb="people.register_import_abandoned")
    assert event.target_id == str(job.pk) and event.unit_id == world["a"]["commune"].pk


def test_a_running_job_that_wrote_progress_recently_is_left_alone(world, media):
    job = _job(world, media, "b.csv")
    _killed_while_running(job, minutes_ago=29)
    assert "Failed 0 stale import(s)" in _sweep()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING and (media / "imports" / "b.csv").exists()


def test_a_queued_job_and_its_file_are_left_alone(world, media):
    job = _job(world, media, "c.csv")
    old = time.time() - 3 * 3600
    os.utime(media / "imports" / "c.csv", (old, old))
    _sweep()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED and (media / "imports" / "c.csv").exists()


def test_an_old_upload_that_no_job_needs_is_deleted_but_a_fresh_one_is_kept(world, media):
    orphan = media / "imports" / "orphan.csv"
    orphan.write_text("x")
    old = time.time() - 31 * 60
    os.utime(orphan, (old, old))
    fresh = media / "imports" / "fresh.csv"  # its job may be being created right now
    fresh.write_text("x")
    assert "Removed 1 orphaned upload(s)" in _sweep()
    assert not orphan.exists() and fresh.exists()


def test_dry_run_lists_but_changes_nothing_and_a_second_run_finds_nothing(world, media):
    job = _job(world, media, "d.csv")
    _killed_while_running(job, minutes_ago=60)
    assert f"Would fail 1 stale import(s): #{job.pk}." in _sweep("--dry-run")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING and (media / "imports" / "d.csv").exists()
    assert "Failed 1" in _sweep()
    assert "Failed 0 stale import(s): none." in _sweep()
    assert AuditEvent.objects.filter(verb="people.register_import_abandoned").count() == 1


def test_the_timeout_is_configurable(world, media):
    job = _job(world, media, "e.csv")
    _killed_while_running(job, minutes_ago=11)
    assert "Failed 0" in _sweep()
    assert "Failed 1" in _sweep("--minutes", "10")


def test_a_running_import_records_when_it_last_made_progress(world, media, monkeypatch):
    job = _job(world, media, "f.csv")
    seen = []
    real = imports.import_residents

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(ImportJob.objects.get(pk=job.pk).progress_at)
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "import_residents", spy)
    imports.run_resident_import(job.pk)
    assert seen[0] is not None
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED
