"""Benchmark: the report of an opinion map with 20,000 residents and 500 statements (issue 13, item 5).

    .venv/bin/python bench/opinion_map.py                          # or: make bench-opinion-map
    .venv/bin/python bench/opinion_map.py --participants 2000      # smoke check, a few seconds
    .venv/bin/python bench/opinion_map.py --database both          # SQLite, then a new PostgreSQL database

Target: the report builds in under 10 s (loading the votes from the database, the principal
components, k-means for k = 2..5 with the silhouette, the groups' statements, the consensus, storing
the report row), on SQLite and PostgreSQL. In a child process with its own DATABASE_URL (as
bench/run.py does), a fresh database is migrated and filled (not timed): N residents, one map, S
statements, and for each participant about 60 votes on random statements drawn from one of 4 latent
groups (each group agrees with its own set of statements; 15% passes, 10% votes against the group).
Then, in the same process:

- report: `grassroots.opinion_maps.reports.compute(map)`, timed, twice (the second run checks that
  the same data gives the same report);
- baseline: the floor for any report: the same three columns read with the plain DB-API cursor
  (`SELECT participant_id, statement_id, value … WHERE map_id = …`, fetchall), turned into numpy
  arrays and the same scipy CSR matrix, best of three.

It prints both times, the ratio report/baseline, the groups found against the 4 planted, PASS or FAIL.
Exit status 1 on FAIL (slower than the target, scaled to the number of votes, or not deterministic).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `python bench/opinion_map.py` puts bench/, not the project, on the path

from bench.run import OUT, _child_env, _peak_rss_mb, _postgres  # noqa: E402

TARGET_SECONDS = 10.0
LATENT_GROUPS = 4
BASELINE_RUNS = 3


def fill(participants: int, statements: int, per_participant: int = 60, seed: int = 2026) -> int:
    """A commune, N residents, one open map with S statements and the votes (bulk: COPY on PostgreSQL,
    executemany on SQLite). Returns the map's id."""
    import numpy as np
    from django.db import connection, transaction
    from django.utils import timezone

    from grassroots.opinion_maps.models import OpinionMap, Participant, Statement, Vote
    from grassroots.people.models import Resident
    from grassroots.territory.tests.factories import make_tree

    rng = np.random.RandomState(seed)
    per_participant = min(per_participant, statements)
    with transaction.atomic():
        tree = make_tree(f"OM{seed % 1000}", villages=1)
        today = timezone.localdate()
        opinion_map = OpinionMap.objects.create(
            unit=tree["commune"], title="Bench", question="?", opens_on=today,
            closes_on=today + dt.timedelta(days=30), status="open",
        )  # fmt: skip
        residents = Resident.objects.bulk_create(
            (Resident(full_name=f"R{i}", birth_date=dt.date(1980, 1, 1), sex="F") for i in range(participants)),
            batch_size=5000,
        )
        people = Participant.objects.bulk_create(
            (Participant(map=opinion_map, resident=r) for r in residents), batch_size=5000
        )
        texts = Statement.objects.bulk_create(
            (Statement(map=opinion_map, text=f"Statement {j}") for j in range(statements)), batch_size=5000
        )
        views = rng.choice([-1, 1], size=(LATENT_GROUPS, statements))
        group = rng.randint(0, LATENT_GROUPS, size=participants)
        sids = np.array([s.pk for s in texts])
        now = timezone.now()
        table = Vote._meta.db_table
        columns = ("map_id", "statement_id", "participant_id", "value", "updated_at")
        for i, p in enumerate(people):
            cols = rng.choice(statements, size=per_participant, replace=False)
            values = views[group[i], cols]
            noise = rng.rand(per_participant)
            values = np.where(noise < 0.15, 0, np.where(noise < 0.25, -values, values))
            batch = [(opinion_map.pk, int(sids[c]), p.pk, int(v), now) for c, v in zip(cols, values, strict=True)]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor, cursor.cursor.copy(
                    f"COPY {table} ({', '.join(columns)}) FROM STDIN"
                ) as copy:  # fmt: skip
                    for row in batch:
                        copy.write_row(row)
            else:
                with connection.cursor() as cursor:
                    cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES (%s, %s, %s, %s, %s)", batch)
    return opinion_map.pk


def baseline(map_id: int) -> tuple[float, int]:
    """Seconds to read the three columns with the plain cursor and build the same CSR matrix."""
    import numpy as np
    from django.db import connection
    from scipy import sparse

    from grassroots.opinion_maps.models import Vote

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT participant_id, statement_id, value FROM {Vote._meta.db_table} WHERE map_id = %s", [map_id]
        )
        rows = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 3)
    pids, row = np.unique(rows[:, 0], return_inverse=True)
    sids, col = np.unique(rows[:, 1], return_inverse=True)
    matrix = sparse.csr_matrix((rows[:, 2] + 2.0, (row, col)), shape=(len(pids), len(sids)))
    return time.perf_counter() - started, int(matrix.nnz)


def child(opts: argparse.Namespace) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command

    from grassroots.opinion_maps import reports
    from grassroots.opinion_maps.models import OpinionMap

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    map_id = fill(opts.participants, opts.statements, opts.per_participant)
    fill_seconds = time.perf_counter() - started
    opinion_map = OpinionMap.objects.get(pk=map_id)
    times, data = [], []
    for _ in range(2):
        started = time.perf_counter()
        report = reports.compute(opinion_map)
        times.append(time.perf_counter() - started)
        data.append(report.data)
    base = [baseline(map_id) for _ in range(BASELINE_RUNS)]
    return {
        "fill_seconds": fill_seconds,
        "report_seconds": min(times),
        "report_runs": times,
        "baseline_seconds": min(b[0] for b in base),
        "votes": base[0][1],
        "deterministic": data[0] == data[1],
        "groups": [g["size"] for g in data[0]["groups"]],
        "placed": data[0]["placed"],
        "consensus": len(data[0]["consensus"]),
        "peak_rss_mb": _peak_rss_mb(),
    }


def measure(database: str, opts: argparse.Namespace) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="opinion-map-", dir=OUT))
    pg_name = f"grassroots_bench_opinion_{os.getpid()}"
    try:
        if database == "postgres":
            url = _postgres(opts.pg_url, pg_name, drop=False)
        else:
            url = f"sqlite:///{workdir / 'opinion.sqlite3'}"
        print(f"  [{database}] filling {opts.participants:,} residents × ~{opts.per_participant} votes…", flush=True)
        result = workdir / "result.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--participants", str(opts.participants),
               "--statements", str(opts.statements), "--per-participant", str(opts.per_participant)]  # fmt: skip
        subprocess.run([*cmd, "--result", str(result)], env=_child_env(workdir, url), check=True, cwd=ROOT)
        out = json.loads(result.read_text())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if database == "postgres":
            _postgres(opts.pg_url, pg_name, drop=True)
    target = TARGET_SECONDS  # set for 20,000 × 500; smaller runs are held to the same (fixed costs dominate)
    ratio = out["report_seconds"] / out["baseline_seconds"]
    passed = out["deterministic"] and out["report_seconds"] < target
    summary = {
        "database": database,
        "participants": opts.participants,
        "statements": opts.statements,
        "votes": out["votes"],
        "report_seconds": round(out["report_seconds"], 2),
        "report_runs": [round(t, 2) for t in out["report_runs"]],
        "baseline_seconds": round(out["baseline_seconds"], 2),
        "ratio": round(ratio, 1),
        "groups": out["groups"],
        "placed": out["placed"],
        "deterministic": out["deterministic"],
        "fill_seconds": round(out["fill_seconds"], 1),
        "peak_rss_mb": round(out["peak_rss_mb"]),
        "load_after": round(os.getloadavg()[0], 2),
        "result": "PASS" if passed else "FAIL",
    }
    print(f"\n[{database}]")
    print(
        f"votes                  {out['votes']:>12,}   ({opts.participants:,} residents, {opts.statements} statements)"
    )
    print(f"report seconds         {out['report_seconds']:>12.2f}   (best of 2: {summary['report_runs']})")
    print(f"baseline seconds       {out['baseline_seconds']:>12.2f}   (plain cursor + numpy + scipy CSR, best of 3)")
    print(f"ratio report/baseline  {ratio:>12.1f}x")
    print(f"groups                 {out['groups']!s:>12}   ({LATENT_GROUPS} planted; {out['placed']:,} placed)")
    print(f"deterministic          {out['deterministic']!s:>12}")
    print(f"fill seconds           {out['fill_seconds']:>12.1f}   (not timed against the target)")
    print(f"peak RSS MB            {out['peak_rss_mb']:>12.0f}")
    print(f"load (1 min) after     {summary['load_after']:>12.2f}")
    print(f"target                 {target:>12.2f} s  (set for 20,000 residents × 500 statements)")
    print(summary["result"], flush=True)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--statements", type=int, default=500)
    parser.add_argument("--per-participant", type=int, default=60)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument(
        "--pg-url", default=os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432"), help="server, no database"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    opts = parser.parse_args(argv)
    if opts.child:
        Path(opts.result).write_text(json.dumps(child(opts)))
        return 0
    databases = ["sqlite", "postgres"] if opts.database == "both" else [opts.database]
    load = os.getloadavg()[0]
    print(f"Opinion map report benchmark: {', '.join(databases)}, {os.cpu_count()} CPUs, load {load:.1f}", flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    summaries = [measure(database, opts) for database in databases]
    report = {"runs": summaries, "load_before": round(load, 2), "measured_at": time.strftime("%Y-%m-%d %H:%M:%S")}
    (OUT / "opinion-map-last.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0 if all(s["result"] == "PASS" for s in summaries) else 1


if __name__ == "__main__":
    sys.exit(main())
