"""Benchmark: `verify_chain()` over 1,000,000 audit events (default) against hashing the same bytes alone.

    .venv/bin/python bench/audit.py                       # or: make bench-audit
    .venv/bin/python bench/audit.py --events 50000        # smoke check, a few seconds
    .venv/bin/python bench/audit.py --database both       # SQLite, then a new PostgreSQL database

Target: 1,000,000 events verify in under 5 s on SQLite (scaled linearly for other counts). In a child
process with its own DATABASE_URL (as bench/run.py does), a fresh database is migrated and filled with N
chained events by bulk INSERT (COPY on PostgreSQL); their hashes are computed with the project's own
`canonical_content` and `chain_hash`, so the rows are what `audit.record` would have written, only faster
to make. Then, in the same process:

- verify: `grassroots.core.audit.verify_chain()`, which reads the rows back from the database;
- baseline: SHA-256 over the same canonical contents, chained as verify does, kept in memory from the
  fill (no database, no JSON): the floor for any verifier.

It prints events/s for both, the ratio verify/baseline and PASS or FAIL. Exit status 1 on FAIL (too slow,
or the chain did not verify). On PostgreSQL the target is reported but not enforced (the issue sets it for
SQLite). Files go to bench/out/ (gitignored); the temporary directory and database are removed at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `python bench/audit.py` puts bench/, not the project, on the path

import subprocess  # noqa: E402

from bench.run import OUT, _child_env, _peak_rss_mb, _postgres  # noqa: E402

TARGET_SECONDS = 5.0
TARGET_EVENTS = 1_000_000
FILL_BATCH = 20_000
# A mix like a commune's trail: mostly votes, whose data is the channel (decisions.actions), and events
# whose data differs every time (ids, Vietnamese text). --distinct-data makes every event's data differ.
VERBS = [
    "decisions.vote_cast",
    "decisions.vote_cast",
    "decisions.vote_cast",
    "people.resident_changed",
    "meetings.held",
]


def _event(i: int, start: dt.datetime, distinct: bool) -> dict[str, Any]:
    """Event #i (from 1). Every 1000th has a whole-second time, which SQLite stores without a fraction."""
    micro = 0 if i % 1000 == 0 else 37 + i % 999_000
    created_at = start + dt.timedelta(seconds=i // 10, microseconds=micro)
    verb = VERBS[i % len(VERBS)]
    if verb == "decisions.vote_cast" and not distinct:
        data: dict[str, Any] = {"channel": "online" if i % 4 else "paper"}
    else:
        data = {"matter": i % 97, "household": i, "online": i % 2 == 0}
        if verb == "meetings.held":
            data["place"] = "Nhà văn hóa thôn Đông"
    return {
        "seq": i,
        "created_at": created_at,
        "actor_id": None,
        "verb": verb,
        "target_type": "decisions.matter",
        "target_id": str(i % 97),
        "unit_id": None if i % 11 == 0 else 1000 + i % 30,
        "data": json.loads(json.dumps(data, sort_keys=True)),  # as audit.record stores it
    }


def child(opts: argparse.Namespace) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from grassroots.core.audit import canonical_content, chain_hash, verify_chain
    from grassroots.core.models import GENESIS_HASH, AuditEvent, AuditHead, CanonicalJSONEncoder

    call_command("migrate", interactive=False, verbosity=0)
    table = AuditEvent._meta.db_table
    columns = [
        "seq",
        "created_at",
        "actor_id",
        "verb",
        "target_type",
        "target_id",
        "unit_id",
        "data",
        "prev_hash",
        "hash",
    ]
    field = AuditEvent._meta.get_field("created_at")
    start = dt.datetime(2026, 7, 1, 1, 2, 3, tzinfo=dt.UTC)
    contents: list[bytes] = []
    prev = GENESIS_HASH
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA cache_size=-262144")  # the random keys of the unique hash index stay in memory
        for first in range(1, opts.events + 1, FILL_BATCH):
            rows = []
            for i in range(first, min(first + FILL_BATCH, opts.events + 1)):
                e = _event(i, start, opts.distinct_data)
                content = canonical_content(**e)
                digest = chain_hash(prev, content)
                contents.append(content)
                created_at = field.get_db_prep_value(e["created_at"], connection)  # as Django stores it
                data = json.dumps(e["data"], cls=CanonicalJSONEncoder)  # as the data field writes it
                rows.append((i, created_at, None, e["verb"], e["target_type"], e["target_id"], e["unit_id"], data))
                rows[-1] += (prev, digest)
                prev = digest
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows)
        AuditHead.objects.update_or_create(id=1, defaults={"seq": opts.events, "hash": prev})
    fill_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:  # a database at rest: statistics current, SQLite's WAL written back
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {table}")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    rss_before = _peak_rss_mb()

    profiler = None
    if opts.profile_to:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    report = verify_chain()
    verify_seconds = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(opts.profile_to)

    # The baseline: the same chained SHA-256 over the same bytes, without the database.
    started = time.perf_counter()
    sha256, base_prev = hashlib.sha256, GENESIS_HASH
    for content in contents:
        base_prev = sha256(b"%s\n%s" % (base_prev.encode(), content)).hexdigest()
    base_seconds = time.perf_counter() - started
    return {
        "fill_seconds": fill_seconds,
        "verify_seconds": verify_seconds,
        "baseline_seconds": base_seconds,
        "ok": report.ok and report.checked == opts.events and base_prev == report.head_hash,
        "problem": report.problem,
        "checked": report.checked,
        "content_bytes": sum(map(len, contents)),
        "rss_before_verify_mb": rss_before,
        "peak_rss_mb": _peak_rss_mb(),
    }


def measure(database: str, opts: argparse.Namespace) -> dict[str, Any]:
    target = TARGET_SECONDS * opts.events / TARGET_EVENTS
    workdir = Path(tempfile.mkdtemp(prefix="audit-", dir=OUT))
    pg_name = f"grassroots_bench_audit_{os.getpid()}"
    try:
        if database == "postgres":
            url = _postgres(opts.pg_url, pg_name, drop=False)
        else:
            url = f"sqlite:///{workdir / 'audit.sqlite3'}"
        print(f"  [{database}] filling {opts.events:,} chained events, then verify_chain()…", flush=True)
        result = workdir / "audit.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--events", str(opts.events)]
        if opts.distinct_data:
            cmd.append("--distinct-data")
        if opts.profile:
            cmd += ["--profile-to", str(OUT / f"audit-{database}.prof")]
        subprocess.run([*cmd, "--result", str(result)], env=_child_env(workdir, url), check=True, cwd=ROOT)
        out = json.loads(result.read_text())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if database == "postgres":
            _postgres(opts.pg_url, pg_name, drop=True)
    events = opts.events
    ratio = out["verify_seconds"] / out["baseline_seconds"]
    enforced = database == "sqlite"
    passed = out["ok"] and (out["verify_seconds"] < target or not enforced)
    summary = {
        "database": database,
        "events": events,
        "verify_seconds": round(out["verify_seconds"], 2),
        "baseline_seconds": round(out["baseline_seconds"], 2),
        "verify_events_per_second": round(events / out["verify_seconds"]),
        "baseline_events_per_second": round(events / out["baseline_seconds"]),
        "ratio": round(ratio, 2),
        "distinct_data": opts.distinct_data,
        "fill_seconds": round(out["fill_seconds"], 1),
        "mean_content_bytes": round(out["content_bytes"] / events),
        "peak_rss_mb": round(out["peak_rss_mb"]),
        "target_seconds": round(target, 2),
        "verified": out["ok"],
        "result": "PASS" if passed else "FAIL",
    }
    print()
    print(f"[{database}]")
    kind = "every event's data distinct" if opts.distinct_data else "60% votes with the same data"
    print(f"events                 {events:>12,}   ({kind}; mean content {summary['mean_content_bytes']} bytes)")
    print(f"verify_chain seconds   {out['verify_seconds']:>12.2f}   ({summary['verify_events_per_second']:,} events/s)")
    print(
        f"baseline seconds       {out['baseline_seconds']:>12.2f}   "
        f"({summary['baseline_events_per_second']:,} events/s: chained SHA-256 of the same bytes, no database)"
    )
    print(f"ratio verify/baseline  {ratio:>12.1f}x")
    print(f"fill seconds           {out['fill_seconds']:>12.1f}   (not timed against the target)")
    print(f"peak RSS MB            {out['peak_rss_mb']:>12.0f}   (the contents are kept in memory for the baseline)")
    if not out["ok"]:
        print(f"chain                  NOT VERIFIED: {out['problem'] or 'the head differs from the baseline'}")
    rule = "" if enforced else ", reported only: the target is set for SQLite"
    print(
        f"target                 {target:>12.2f} s  ({TARGET_SECONDS:.0f} s per {TARGET_EVENTS:,} events, scaled{rule})"
    )
    print(summary["result"], flush=True)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=TARGET_EVENTS, help="events in the chain (default 1,000,000)")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument(
        "--pg-url", default=os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432"), help="server, no database"
    )
    parser.add_argument("--distinct-data", action="store_true", help="every event's data differs (the worst case)")
    parser.add_argument("--profile", action="store_true", help="cProfile verify_chain into bench/out/audit-*.prof")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    opts = parser.parse_args(argv)
    if opts.child:
        Path(opts.result).write_text(json.dumps(child(opts)))
        return 0
    if opts.events < 1:
        parser.error("--events must be at least 1")
    databases = ["sqlite", "postgres"] if opts.database == "both" else [opts.database]
    load = os.getloadavg()[0]
    print(
        f"Audit chain benchmark: {opts.events:,} events, {' and '.join(databases)}, {os.cpu_count()} CPUs, "
        f"load {load:.1f}",
        flush=True,
    )
    OUT.mkdir(parents=True, exist_ok=True)
    summaries = [measure(database, opts) for database in databases]
    report = {
        "runs": summaries,
        "cpus": os.cpu_count(),
        "load_before": round(load, 2),
        "measured_at": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    (OUT / "audit-last.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0 if all(s["result"] == "PASS" for s in summaries) else 1


if __name__ == "__main__":
    sys.exit(main())
