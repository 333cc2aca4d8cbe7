"""Consistent online backups and restores of the whole database.

SQLite: the SQLite online backup API (a consistent snapshot while the site keeps running).
PostgreSQL: pg_dump in the custom format, restored with pg_restore in a single transaction.
Each backup has a manifest beside it (PATH.json) with the row count of every table and the head
of the audit chain, so a restore can prove that it brought back exactly what was saved.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from .models import AuditHead


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
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        manifest = _manifest()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
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
    manifest_path(path).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def restore(path: Path) -> dict[str, Any]:
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(path)
    if connection.vendor == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.execute("PRAGMA quick_check").fetchone()
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
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
    manifest_file = manifest_path(path)
    return json.loads(manifest_file.read_text()) if manifest_file.exists() else {}
