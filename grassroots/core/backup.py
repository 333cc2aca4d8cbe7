"""Consistent online backups and restores of the whole database.

SQLite: the SQLite online backup API (a consistent snapshot while the site keeps running).
PostgreSQL: pg_dump in the custom format, restored with pg_restore in a single transaction.
Each backup has a manifest beside it (PATH.json) with the row count of every table and the head of
the audit chain, counted in the same snapshot as the data (SQLite: in the backup file itself;
PostgreSQL: in the exported snapshot pg_dump reads), and the SHA-256 of the backup file.

A restore refuses, before it touches the live database, a file without a manifest, a file whose hash
differs from the manifest's, a file of another database engine, and (SQLite) a file that fails
`PRAGMA integrity_check`, whose counts or audit head differ from the manifest or whose audit chain
is broken. SQLite restores into a new file beside the database and swaps it in with os.replace only
after every check passed. Backup files, manifests and the SQLite database are readable by the owner
only (0600): they hold the register.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from .models import AuditHead

PRIVATE = 0o600


class RestoreRefused(Exception):
    """The backup failed a check; nothing in the live database was changed."""


def create_private(path: Path) -> None:
    """Create (or empty) the file readable and writable by its owner only, whatever the umask."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
    os.close(descriptor)
    os.chmod(path, PRIVATE)  # an existing file keeps its old mode through O_CREAT


def make_sqlite_files_private(path: str | os.PathLike[str]) -> None:
    """Restrict a SQLite database and its -wal and -shm files to the owner (SQLite gives new -wal and
    -shm files the mode of the database file)."""
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(f"{os.fspath(path)}{suffix}")
        try:
            if candidate.stat().st_mode & 0o077:
                os.chmod(candidate, PRIVATE)
        except FileNotFoundError:
            continue


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _tables() -> list[str]:
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
    )


def table_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.db_table] = model._base_manager.count()
    return dict(sorted(counts.items()))


def _manifest() -> dict[str, Any]:
    head = AuditHead.objects.filter(id=1).first()
    return {
        "created_at": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "counts": table_counts(),
        "audit_head": {"seq": head.seq if head else 0, "hash": head.hash if head else ""},
    }


def _sqlite_manifest(db: sqlite3.Connection) -> dict[str, Any]:
    """Counts and audit head read from the backup file itself: the very snapshot that was saved."""
    counts = {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in _tables()}  # noqa: S608
    head = db.execute("SELECT seq, hash FROM core_audithead WHERE id = 1").fetchone()
    return {
        "created_at": timezone.now().isoformat(),
        "vendor": "sqlite",
        "counts": counts,
        "audit_head": {"seq": head[0] if head else 0, "hash": head[1] if head else ""},
    }


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _pg_env() -> dict[str, str]:
    s = connection.settings_dict
    env = dict(os.environ)
    for key, var in [("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")]:
        if s.get(key):
            env[var] = str(s[key])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def backup(path: Path) -> dict[str, Any]:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    create_private(path)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
            # A self-contained file: no -wal beside it to lose when it is copied or encrypted.
            target.execute("PRAGMA journal_mode=DELETE")
            manifest = _sqlite_manifest(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        # The manifest and the dump see the same snapshot: a REPEATABLE READ transaction exports
        # its snapshot, counts inside it, and pg_dump reads through --snapshot while it stays open.
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            manifest = _manifest()
            subprocess.run(  # noqa: S603
                [
                    _tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(path),
                    connection.settings_dict["NAME"],
                ],
                check=True,
                env=_pg_env(),
            )
    else:
        raise RuntimeError(f"backup does not support {connection.vendor}")
    manifest["file"] = path.name
    manifest["size"] = path.stat().st_size
    manifest["sha256"] = sha256_of(path)
    mpath = manifest_path(path)
    create_private(mpath)
    mpath.write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of the backup at `path`, after checking the file's hash against it."""
    mpath = manifest_path(path)
    if not mpath.exists():
        raise RestoreRefused(f"no manifest beside the backup ({mpath.name}): its content cannot be checked")
    try:
        manifest: dict[str, Any] = json.loads(mpath.read_text())
        expected = str(manifest["sha256"])
        counts = dict(manifest["counts"])
    except (ValueError, KeyError, TypeError):
        raise RestoreRefused(f"the manifest {mpath.name} is damaged or lacks the file's SHA-256") from None
    if sha256_of(path) != expected:
        raise RestoreRefused("the backup file's SHA-256 differs from its manifest: the file was changed or damaged")
    if manifest.get("vendor") != connection.vendor:
        raise RestoreRefused(f"this is a {manifest.get('vendor')} backup; the database is {connection.vendor}")
    manifest["counts"] = counts
    return manifest


def _sqlite_events(db: sqlite3.Connection) -> Iterator[SimpleNamespace]:
    rows = db.execute(
        "SELECT seq, created_at, actor_id, verb, target_type, target_id, unit_id, data, prev_hash, hash "
        "FROM core_auditevent ORDER BY seq"
    )
    for seq, created_at, actor_id, verb, target_type, target_id, unit_id, data, prev_hash, digest in rows:
        yield SimpleNamespace(
            seq=seq,
            created_at=dt.datetime.fromisoformat(created_at).replace(tzinfo=dt.UTC),
            actor_id=actor_id,
            verb=verb,
            target_type=target_type,
            target_id=target_id,
            unit_id=unit_id,
            data=json.loads(data),
            prev_hash=prev_hash,
            hash=digest,
        )


def check_sqlite_file(candidate: Path, manifest: dict[str, Any]) -> None:
    """Raise RestoreRefused unless the file passes integrity_check and matches the manifest."""
    from .audit import verify_chain

    try:
        db = sqlite3.connect(f"file:{candidate}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise RestoreRefused(f"the backup cannot be opened as a SQLite database: {exc}") from None
    try:
        problems = [row[0] for row in db.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise RestoreRefused(f"PRAGMA integrity_check found {len(problems)} problem(s): {problems[0]}")
        found = _sqlite_manifest(db)
        different = {
            t: (n, found["counts"].get(t)) for t, n in manifest["counts"].items() if found["counts"].get(t) != n
        }
        if different:
            raise RestoreRefused(f"counts in the backup differ from its manifest: {different}")
        if found["audit_head"] != manifest.get("audit_head"):
            raise RestoreRefused("the audit head in the backup differs from its manifest")
        head = found["audit_head"]
        report = verify_chain(events=_sqlite_events(db), head=(head["seq"], head["hash"]) if head["hash"] else None)
        if not report.ok:
            raise RestoreRefused(f"the audit chain in the backup is broken: {report.problem}")
    except sqlite3.DatabaseError as exc:
        raise RestoreRefused(f"the backup is not a readable SQLite database: {exc}") from None
    finally:
        db.close()


def _restore_sqlite(path: Path, manifest: dict[str, Any]) -> None:
    live = Path(connection.settings_dict["NAME"])
    candidate = live.with_name(f".{live.name}.restore-{uuid.uuid4().hex}")
    create_private(candidate)
    try:
        with open(path, "rb") as source, open(candidate, "wb") as target:
            shutil.copyfileobj(source, target, 1 << 20)
            target.flush()
            os.fsync(target.fileno())
        check_sqlite_file(candidate, manifest)
        # Every check passed: fold the live -wal into the database, close, and swap the files. A -wal
        # left beside the new file would be replayed into it, so one that another process keeps
        # open is a refusal.
        connection.close()
        live_db = sqlite3.connect(live)
        try:
            busy = live_db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            live_db.close()
        wal = Path(f"{live}-wal")
        if busy or (wal.exists() and wal.stat().st_size > 0):
            raise RestoreRefused("another process has the database open: stop the site and the worker first")
        for leftover in (wal, Path(f"{live}-shm")):
            leftover.unlink(missing_ok=True)
        os.replace(candidate, live)
    finally:
        candidate.unlink(missing_ok=True)


def restore(path: Path) -> dict[str, Any]:
    """Replace the whole database with the backup at `path`, after checking it; return its manifest."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(path)
    manifest = read_manifest(path)
    if connection.vendor == "sqlite":
        _restore_sqlite(path, manifest)
    elif connection.vendor == "postgresql":
        # The archive's table of contents must read back before anything is dropped; pg_restore then
        # replaces everything in one transaction, so a failure leaves the live database as it was.
        listing = subprocess.run(  # noqa: S603
            [_tool("pg_restore"), "--list", str(path)], capture_output=True, env=_pg_env(), check=False
        )
        if listing.returncode != 0:
            raise RestoreRefused(f"pg_restore cannot read the archive: {listing.stderr.decode(errors='replace')}")
        name = connection.settings_dict["NAME"]
        connection.close()
        subprocess.run(  # noqa: S603
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                name,
                str(path),
            ],
            check=True,
            env=_pg_env(),
        )
    else:
        raise RuntimeError(f"restore does not support {connection.vendor}")
    return manifest
