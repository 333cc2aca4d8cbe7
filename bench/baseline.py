"""The floor for any importer, on one plain table (no keys, no indexes, no constraints), one transaction:
on SQLite, read the CSV with the csv module and insert the raw rows with sqlite3 executemany; on
PostgreSQL, COPY the file's bytes as they are (the server parses the CSV)."""

from __future__ import annotations

import csv
import sqlite3
import time
from pathlib import Path


def run(csv_path: Path, db_path: Path) -> float:
    """Seconds to load `csv_path` into a new table in the new database `db_path`."""
    db_path.unlink(missing_ok=True)
    conn = sqlite3.connect(db_path)
    try:
        started = time.perf_counter()
        with csv_path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            columns = ", ".join(f'"{name}" TEXT' for name in header)
            placeholders = ", ".join("?" * len(header))
            with conn:
                conn.execute(f"CREATE TABLE raw ({columns})")
                conn.executemany(f"INSERT INTO raw VALUES ({placeholders})", reader)
        seconds = time.perf_counter() - started
        (count,) = conn.execute("SELECT COUNT(*) FROM raw").fetchone()
    finally:
        conn.close()
    if count == 0:
        raise RuntimeError("the baseline loaded no rows")
    return seconds


def run_postgres(csv_path: Path, database_url: str) -> float:
    """Seconds to COPY `csv_path` into a new plain table of the PostgreSQL database at `database_url`."""
    import psycopg

    with psycopg.connect(database_url) as conn:
        with conn.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS raw")
        conn.commit()
        started = time.perf_counter()
        with csv_path.open(newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle))
            columns = ", ".join(f'"{name}" TEXT' for name in header)
            with conn.cursor() as cursor:
                cursor.execute(f"CREATE TABLE raw ({columns})")
                with cursor.copy("COPY raw FROM STDIN (FORMAT csv)") as copy:
                    while block := handle.read(1 << 20):
                        copy.write(block)
            conn.commit()
        seconds = time.perf_counter() - started
        with conn.cursor() as cursor:
            (count,) = cursor.execute("SELECT COUNT(*) FROM raw").fetchone()
    if count == 0:
        raise RuntimeError("the baseline loaded no rows")
    return seconds
