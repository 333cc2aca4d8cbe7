"""Backup and restore round-trip with identical counts and a valid audit chain (SQLite and PostgreSQL)."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from grassroots.core.audit import verify_chain
from grassroots.core.backup import table_counts
from grassroots.people.models import Household, Resident

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_then_restore_brings_back_every_row_and_the_chain(world, tmp_path):
    from grassroots.people.actions import move_household

    move_household(
        world["households"]["a1"],
        unit=world["a"]["village2"],
        address="x",
        on=world["households"]["a1"].formed_on,
        actor=None,
    )
    before = table_counts()
    path = tmp_path / "grassroots.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "grassroots.backup.json").read_text())
    assert manifest["counts"] == before

    # Damage after the backup: a household and its people are gone.
    Household.objects.filter(pk=world["households"]["b1"].pk).delete()
    Resident.objects.filter(memberships__isnull=True).delete()
    assert table_counts() != before

    out = io.StringIO()
    call_command("restore", str(path), "--noinput", stdout=out)
    assert "counts match" in out.getvalue()
    after = table_counts()
    assert after == before
    assert verify_chain().ok


def test_restore_asks_before_replacing_everything(world, tmp_path, monkeypatch):
    path = tmp_path / "b.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(path))


def test_restore_of_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="not found"):
        call_command("restore", str(tmp_path / "nope"), "--noinput")


def test_audit_anchor_prints_the_head_and_verify_accepts_it(world):
    from grassroots.core import audit

    audit.record("test.before_anchor")
    out = io.StringIO()
    call_command("audit_anchor", stdout=out)
    anchor = json.loads(out.getvalue())
    assert anchor["seq"] == 1 and len(anchor["hash"]) == 64
    audit.record("test.after_anchor")
    call_command("audit_verify", "--anchor", anchor["hash"], stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("audit_verify", "--anchor", "a" * 64, stdout=io.StringIO())


# --- Honest backups and restores (issue 8) -----------------------------------------------------


def _live_fingerprint() -> str:
    """SQLite: the bytes of the database file (after folding the -wal in); PostgreSQL: every count and
    the audit head."""
    from django.db import connection

    from grassroots.core.backup import sha256_of
    from grassroots.core.models import AuditHead

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return sha256_of(connection.settings_dict["NAME"])
    head = AuditHead.objects.filter(id=1).values_list("seq", "hash").first()
    return json.dumps([table_counts(), head])


def _damage_after_backup(world) -> None:  # type: ignore[no-untyped-def]
    Household.objects.filter(pk=world["households"]["b1"].pk).delete()
    Resident.objects.filter(memberships__isnull=True).delete()


def test_backup_file_and_manifest_are_readable_by_the_owner_only(world, tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        path = tmp_path / "b.backup"
        call_command("backup", str(path), stdout=io.StringIO())
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "b.backup.json").stat().st_mode) == 0o600


def test_the_manifest_carries_the_sha256_of_the_backup_file(world, tmp_path):
    import hashlib

    path = tmp_path / "b.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "b.backup.json").read_text())
    assert manifest["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert manifest["size"] == path.stat().st_size


def test_a_row_written_while_the_backup_runs_is_in_both_the_manifest_and_the_file_or_neither(
    world, tmp_path, monkeypatch
):
    """Another request commits between the counting and the copy: the manifest must still describe
    exactly the file, or every later restore of it would be refused (or worse, wrongly accepted)."""
    from django.db import connections

    from grassroots.core import backup as backup_module

    real_counts = backup_module.table_counts

    def counts_then_a_concurrent_write() -> dict[str, int]:
        counts = real_counts()
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("INSERT INTO django_content_type (app_label, model) VALUES ('zz', 'concurrent')")
        finally:
            other.close()
        return counts

    monkeypatch.setattr(backup_module, "table_counts", counts_then_a_concurrent_write)
    path = tmp_path / "b.backup"
    backup_module.backup(path)
    monkeypatch.setattr(backup_module, "table_counts", real_counts)
    # The restore compares the restored rows with the manifest.
    call_command("restore", str(path), "--noinput", stdout=io.StringIO())


def test_restore_refuses_a_backup_without_a_manifest_and_leaves_the_database_as_it_was(world, tmp_path):
    path = tmp_path / "b.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    (tmp_path / "b.backup.json").unlink()
    _damage_after_backup(world)
    before = _live_fingerprint()
    with pytest.raises(CommandError, match="no manifest"):
        call_command("restore", str(path), "--noinput", stdout=io.StringIO())
    assert _live_fingerprint() == before


def test_restore_refuses_a_file_whose_hash_differs_from_the_manifest(world, tmp_path):
    path = tmp_path / "b.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    with path.open("ab") as handle:
        handle.write(b"\0")
    _damage_after_backup(world)
    before = _live_fingerprint()
    with pytest.raises(CommandError, match="SHA-256 differs"):
        call_command("restore", str(path), "--noinput", stdout=io.StringIO())
    assert _live_fingerprint() == before


@pytest.mark.skipif("os.environ.get('DATABASE_URL', '').startswith('postgres')")
def test_restore_refuses_a_sqlite_file_that_fails_integrity_check_and_leaves_the_file_byte_identical(world, tmp_path):
    import hashlib
    import sqlite3

    path = tmp_path / "b.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    # An index that no longer matches its table: quick_check passes, integrity_check does not.
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE zz_t (a INTEGER PRIMARY KEY, b TEXT)")
    db.execute("CREATE INDEX zz_t_b ON zz_t (b)")
    db.executemany("INSERT INTO zz_t (b) VALUES (?)", [(f"v{i}",) for i in range(20)])
    db.commit()
    db.execute("PRAGMA writable_schema=ON")
    db.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX zz_t_b ON zz_t (a)' WHERE name = 'zz_t_b'")
    db.commit()
    db.close()
    manifest_file = tmp_path / "b.backup.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()  # a consistent but bad backup
    manifest_file.write_text(json.dumps(manifest))
    _damage_after_backup(world)
    before = _live_fingerprint()
    with pytest.raises(CommandError, match="integrity_check"):
        call_command("restore", str(path), "--noinput", stdout=io.StringIO())
    assert _live_fingerprint() == before
    from pathlib import Path

    from django.db import connection

    assert not list(Path(connection.settings_dict["NAME"]).parent.glob(".*.restore-*"))


@pytest.mark.skipif("os.environ.get('DATABASE_URL', '').startswith('postgres')")
def test_restore_refuses_a_sqlite_file_whose_counts_differ_from_the_manifest(world, tmp_path):
    path = tmp_path / "b.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    manifest_file = tmp_path / "b.backup.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["counts"]["people_household"] += 1
    manifest_file.write_text(json.dumps(manifest))
    before = _live_fingerprint()
    with pytest.raises(CommandError, match="counts in the backup differ"):
        call_command("restore", str(path), "--noinput", stdout=io.StringIO())
    assert _live_fingerprint() == before


@pytest.mark.skipif("os.environ.get('DATABASE_URL', '').startswith('postgres')")
def test_a_new_sqlite_database_and_its_wal_are_readable_by_the_owner_only(tmp_path):
    import os
    import stat

    from django.db import connections

    old = os.umask(0o022)
    try:
        other = connections.create_connection("default")
        other.settings_dict = {**other.settings_dict, "NAME": str(tmp_path / "new.sqlite3")}
        with other.cursor() as cursor:
            cursor.execute("CREATE TABLE t (a INTEGER)")
            cursor.execute("INSERT INTO t VALUES (1)")
        assert stat.S_IMODE((tmp_path / "new.sqlite3").stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "new.sqlite3-wal").stat().st_mode) == 0o600
        other.close()
    finally:
        os.umask(old)
