"""Benchmark: import the household register (1,000,000 rows by default) on a fresh SQLite database.

    .venv/bin/python bench/run.py              # or: make bench
    .venv/bin/python bench/run.py --rows 20000 # smoke check

    .venv/bin/python bench/run.py --database postgres   # one database only (default: both)

Targets: 1,000,000 rows in under 120 s on SQLite and under 30 s on PostgreSQL (COPY), scaled linearly for
other row counts. The baseline, measured in the same run on the same file and database, is the floor for
any importer: on SQLite, csv.reader plus sqlite3 executemany into one plain table without indexes, in a
separate SQLite file; on PostgreSQL, COPY of the raw file into one plain table (best of three, as they take
only seconds). PostgreSQL runs on a new database created for the run (PG_URL, default
postgres://postgres@127.0.0.1:5432) and dropped after it. Each side runs in its own child process, so the peak RSS
(VmHWM, the child's own ru_maxrss) belongs to that side alone. Exit status 1 on FAIL. Files go to bench/out/ (gitignored).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `python bench/run.py` puts bench/, not the project, on the path

from bench import baseline, workload  # noqa: E402

OUT = ROOT / "bench" / "out"
TARGET_SECONDS = {"sqlite": 120.0, "postgres": 30.0}
TARGET_ROWS = 1_000_000
BASELINE_NAMES = {
    "sqlite": "csv.reader + sqlite3 executemany, one plain table",
    "postgres": "COPY of the raw file, one plain table",
}
BASELINE_RUNS = 3  # the baseline is short, so one slow run on a busy machine would skew the ratio
# Variables that would point the child at a real database or real keys; the child gets its own.
SCRUBBED_ENV = ("DATABASE_URL", "SECRET_KEY", "SECRET_KEY_FILE", "FIELD_ENCRYPTION_KEY", "FIELD_ENCRYPTION_KEY_FILE")


def _peak_rss_mb() -> float:
    """Peak resident set of this process since it started its program.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and exec, so a child would report at
    least its parent's peak (the parent generated the CSV)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _child_env(workdir: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENV}
    env.update(
        VAR_DIR=str(workdir / "var"),
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        PRODUCTION="0",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def _run_child(mode: str, args: list[str], env: dict[str, str], result: Path) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--result", str(result), *args]
    subprocess.run(cmd, env=env, check=True, cwd=ROOT)
    return json.loads(result.read_text())


# Children ---------------------------------------------------------------------------------------


def child_baseline(opts: argparse.Namespace) -> dict[str, Any]:
    if opts.db.startswith("postgres"):
        seconds = baseline.run_postgres(Path(opts.csv), opts.db)
    else:
        seconds = baseline.run(Path(opts.csv), Path(opts.db))
    return {"seconds": seconds, "peak_rss_mb": _peak_rss_mb()}


def child_import(opts: argparse.Namespace) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command

    from grassroots.people.importing import import_residents
    from grassroots.people.models import Household, Resident
    from grassroots.territory.importing import import_units

    call_command("migrate", interactive=False, verbosity=0)
    import_units(opts.units)
    rss_before = _peak_rss_mb()
    phases: dict[str, float] = {}
    started = time.perf_counter()

    def progress(phase: str, count: int) -> None:
        elapsed = time.perf_counter() - started
        phases[phase] = elapsed
        sys.stderr.write(f"  {phase}: {count:,} ({elapsed:.1f} s)\n")

    profiler = None
    if opts.profile_to:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    result = import_residents(opts.csv, as_of=workload.AS_OF, progress=progress)
    seconds = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(opts.profile_to)
    return {
        "seconds": seconds,
        # The "households" progress call comes after the check and the household INSERTs.
        "households_done_seconds": phases.get("households", seconds),
        "validated_seconds": phases.get("validated", 0.0),
        # After the last "write" progress call: the audit event and the commit (PostgreSQL checks the
        # deferred foreign keys of every row written here).
        "commit_seconds": seconds - phases.get("write", seconds),
        "households": result.households,
        "residents": result.residents,
        "warnings": len(result.warnings),
        "db_households": Household.objects.count(),
        "db_residents": Resident.objects.count(),
        "rss_before_import_mb": rss_before,
        "peak_rss_mb": _peak_rss_mb(),
    }


# Parent -----------------------------------------------------------------------------------------


def _residents_csv(rows: int, seed: int, fresh: bool) -> tuple[Path, int, float | None]:
    """The residents CSV, generated once per (rows, seed, generator code) and kept in bench/out/data."""
    data = OUT / "data"
    data.mkdir(parents=True, exist_ok=True)
    name = f"residents-{rows}-{workload.fingerprint(rows, seed)}"
    path, meta = data / f"{name}.csv", data / f"{name}.json"
    if path.exists() and meta.exists() and not fresh:
        return path, json.loads(meta.read_text())["households"], None
    started = time.perf_counter()
    partial = path.with_suffix(".part")
    count, households = workload.write_residents(partial, rows, seed=seed)
    partial.replace(path)
    meta.write_text(json.dumps({"rows": count, "households": households, "seed": seed}))
    return path, households, time.perf_counter() - started


def _postgres(pg_url: str, name: str, *, drop: bool) -> str:
    import psycopg

    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not drop:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{pg_url}/{name}"


def measure(database: str, opts: argparse.Namespace, csv_path: Path, households: int) -> dict[str, Any]:
    rows = opts.rows
    target = TARGET_SECONDS[database] * rows / TARGET_ROWS
    workdir = Path(tempfile.mkdtemp(prefix="run-", dir=OUT))
    pg_name = f"grassroots_bench_{os.getpid()}"
    try:
        if database == "postgres":
            import_url = _postgres(opts.pg_url, pg_name, drop=False)
            base_url = _postgres(opts.pg_url, pg_name + "_base", drop=False)
        else:
            import_url, base_url = f"sqlite:///{workdir / 'bench.sqlite3'}", str(workdir / "baseline.sqlite3")
        units_csv = workdir / "units.csv"
        units = workload.write_units(units_csv, rows)
        env = _child_env(workdir, import_url)
        print(f"  [{database}] baseline: {BASELINE_NAMES[database]}, best of {BASELINE_RUNS}…", flush=True)
        bases = [
            _run_child("baseline", ["--csv", str(csv_path), "--db", base_url], env, workdir / "base.json")
            for _ in range(BASELINE_RUNS)
        ]
        base = min(bases, key=lambda b: b["seconds"])
        print(f"  [{database}] import_residents ({units:,} units imported first, not timed)…", flush=True)
        child_args = ["--csv", str(csv_path), "--units", str(units_csv)]
        if opts.profile:
            child_args += ["--profile-to", str(OUT / f"import-{database}.prof")]
        imp = _run_child("import", child_args, env, workdir / "import.json")
    finally:
        if opts.keep:
            print(f"  kept {workdir.relative_to(ROOT)}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
            if database == "postgres":
                _postgres(opts.pg_url, pg_name, drop=True)
                _postgres(opts.pg_url, pg_name + "_base", drop=True)

    counts_ok = (imp["residents"], imp["db_residents"], imp["households"], imp["db_households"]) == (
        rows,
        rows,
        households,
        households,
    )
    passed = counts_ok and imp["seconds"] < target
    ratio = imp["seconds"] / base["seconds"]
    summary = {
        "database": database,
        "rows": rows,
        "households": households,
        "import_seconds": round(imp["seconds"], 2),
        "check_and_households_seconds": round(imp["households_done_seconds"], 2),
        "residents_and_commit_seconds": round(imp["seconds"] - imp["households_done_seconds"], 2),
        "validate_seconds": round(imp["validated_seconds"], 2),
        "commit_seconds": round(imp["commit_seconds"], 2),
        "load_after": round(os.getloadavg()[0], 2),
        "baseline_seconds": round(base["seconds"], 2),
        "ratio": round(ratio, 2),
        "rows_per_second": round(rows / imp["seconds"]),
        "peak_rss_mb": round(imp["peak_rss_mb"], 1),
        "rss_before_import_mb": round(imp["rss_before_import_mb"], 1),
        "baseline_peak_rss_mb": round(base["peak_rss_mb"], 1),
        "warnings": imp["warnings"],
        "target_seconds": round(target, 2),
        "counts_ok": counts_ok,
        "result": "PASS" if passed else "FAIL",
        "profiled": bool(opts.profile),
    }
    print()
    print(f"[{database}]")
    print(f"rows               {rows:>12,}   ({households:,} households)")
    print(
        f"import seconds     {imp['seconds']:>12.1f}   "
        f"(check + households {summary['check_and_households_seconds']:.1f} s, "
        f"residents + commit {summary['residents_and_commit_seconds']:.1f} s)"
    )
    print(
        f"  of which          {'':>12}   (check of the file {summary['validate_seconds']:.1f} s, "
        f"commit {summary['commit_seconds']:.1f} s; load {summary['load_after']:.1f} at the end)"
    )
    print(f"baseline seconds   {base['seconds']:>12.1f}   ({BASELINE_NAMES[database]})")
    print(f"ratio import/base  {ratio:>12.1f}x")
    print(f"rows/s             {summary['rows_per_second']:>12,}")
    print(
        f"peak RSS MB        {imp['peak_rss_mb']:>12.0f}   "
        f"(import process; {imp['rss_before_import_mb']:.0f} before the import; baseline {base['peak_rss_mb']:.0f})"
    )
    if not counts_ok:
        print(
            f"counts             MISMATCH: {imp['db_residents']:,} residents / {imp['db_households']:,} households "
            f"in the database, expected {rows:,} / {households:,}"
        )
    print(f"target             {target:>12.1f} s  ({TARGET_SECONDS[database]:.0f} s per {TARGET_ROWS:,} rows, scaled)")
    print(summary["result"], flush=True)
    return summary


def parent(opts: argparse.Namespace) -> int:
    databases = ["sqlite", "postgres"] if opts.database == "both" else [opts.database]
    load = os.getloadavg()[0]
    print(
        f"Register import benchmark: {opts.rows:,} rows, {' and '.join(databases)}, {os.cpu_count()} CPUs, "
        f"load {load:.1f}",
        flush=True,
    )
    csv_path, households, generated = _residents_csv(opts.rows, opts.seed, opts.fresh)
    how = "cached" if generated is None else f"generated in {generated:.1f} s"
    print(f"  data: {csv_path.relative_to(ROOT)} ({csv_path.stat().st_size / 2**20:.0f} MiB, {how})", flush=True)
    with csv_path.open("rb") as handle:  # both sides start with the file in the page cache
        while handle.read(1 << 20):
            pass
    OUT.mkdir(parents=True, exist_ok=True)
    summaries = [measure(database, opts, csv_path, households) for database in databases]
    report = {
        "runs": summaries,
        "cpus": os.cpu_count(),
        "load_before": round(load, 2),
        "measured_at": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    (OUT / "last.json").write_text(json.dumps(report, indent=2) + "\n")
    if opts.profile:
        print("profiles: bench/out/import-<database>.prof (python -m pstats)")
    return 0 if all(s["result"] == "PASS" for s in summaries) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=TARGET_ROWS, help="rows in the residents CSV (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=workload.SEED)
    parser.add_argument("--fresh", action="store_true", help="regenerate the CSV even if bench/out/data has it")
    parser.add_argument("--keep", action="store_true", help="keep the temporary databases in bench/out/")
    parser.add_argument("--profile", action="store_true", help="cProfile the import into bench/out/import-*.prof")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--pg-url", default=os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432"), help="server, no database"
    )
    # Internal: the two measured sides run in child processes.
    parser.add_argument("--child", choices=["baseline", "import"], help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--csv", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--units", help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", help=argparse.SUPPRESS)
    opts = parser.parse_args(argv)
    if opts.child:
        outcome = child_baseline(opts) if opts.child == "baseline" else child_import(opts)
        Path(opts.result).write_text(json.dumps(outcome))
        return 0
    if opts.rows < 1:
        parser.error("--rows must be at least 1")
    return parent(opts)


if __name__ == "__main__":
    sys.exit(main())
