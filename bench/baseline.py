"""The floor for any importer: read the CSV with the csv module, insert the raw rows with sqlite3
executemany into one plain table (no keys, no indexes, no constraints), one transaction."""

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
