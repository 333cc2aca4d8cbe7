"""Crash test: a server under a stream of vote casts is killed with SIGKILL mid-stream.

    .venv/bin/python bench/crash.py --runs 3              # as .ci/run does
    .venv/bin/python bench/crash.py --runs 1 --postgres   # also once on a fresh PostgreSQL database

Issue 3: after a restart every vote whose receipt was returned is present, none is duplicated, and
the audit chain verifies. Each run, on a fresh database (a SQLite file with the project's settings:
WAL, synchronous=FULL, BEGIN IMMEDIATE):

1. seed a village of N households whose representatives have API tokens, open an online matter;
2. start gunicorn as in production (3 workers × 4 threads) in a process group of its own, and
   stream one vote per household from several client threads, keeping every receipt answered 201;
3. once a random number of votes (20–60% of N) has been answered, and after a random few more
   milliseconds, kill the whole group with SIGKILL: requests in flight get no answer;
4. restart gunicorn on the same database; every acknowledged household must now get 409 when it
   tries again (a sample), and every other household votes: 201, or 409 only for a household whose
   request was in flight at the kill (its vote may have been committed without an answer);
5. stop the server and open the database directly: every acknowledged receipt is on the bulletin
   (Ballot.receipt_hash, SHA-256) exactly once, Participation count == Ballot count == N, no
   household twice, one `decisions.vote_cast` audit event per ballot, `manage.py audit_verify`
   exits 0, and on SQLite `PRAGMA integrity_check` says ok.

Any 5xx, any failed check: FAIL and exit status 1. Each run stops by itself (deadlines on every
phase); the temporary directories under bench/out/ are removed unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `python bench/crash.py` puts bench/, not the project, on the path

from bench import votes  # noqa: E402

SCRIPT = Path(__file__).resolve()
SAMPLE_RETRIES = 25  # acknowledged households that try again after the restart (must get 409)


def child_check(matter_id: int, receipts: list[str]) -> dict[str, Any]:
    """Open the database directly (no server) and check what the issue asks for."""
    import hashlib
    import io
    from collections import Counter

    from django.core.management import call_command
    from django.db import connection

    from grassroots.core.models import AuditEvent

    got = votes.counts(matter_id)
    on_bulletin = Counter(got.pop("receipt_hashes"))
    wanted = [hashlib.sha256(r.encode()).hexdigest() for r in receipts]
    missing = sum(1 for h in wanted if on_bulletin[h] == 0)
    duplicated = sum(1 for h in wanted if on_bulletin[h] > 1)
    audit_ok, audit_message = True, ""
    try:
        call_command("audit_verify", stdout=io.StringIO())
    except Exception as exc:
        audit_ok, audit_message = False, str(exc)
    integrity = "n/a"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            integrity = cursor.execute("PRAGMA integrity_check").fetchone()[0]
    return {
        **got,
        "receipts_missing": missing,
        "receipts_duplicated": duplicated,
        "vote_cast_events": AuditEvent.objects.filter(verb="decisions.vote_cast", target_id=str(matter_id)).count(),
        "audit_ok": audit_ok,
        "audit_message": audit_message,
        "integrity": integrity,
    }


def audit_verify_command(env: dict[str, str]) -> tuple[int, str]:
    """`manage.py audit_verify` as an operator runs it, after the restart."""
    done = subprocess.run(
        [sys.executable, "manage.py", "audit_verify"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    return done.returncode, (done.stdout + done.stderr).strip()


def one_run(label: str, database_url: str, workdir: Path, opts: argparse.Namespace, rng: random.Random) -> bool:
    env = votes.child_env(workdir, database_url)
    n = opts.households
    seeded = votes.run_child(SCRIPT, "seed", ["--households", str(n)], env, workdir, timeout=300)
    matter, tokens = seeded["matters"][0], seeded["tokens"]
    kill_after = rng.randint(n // 5, 3 * n // 5)
    extra_ms = rng.uniform(0, 50)
    problems: list[str] = []

    # Phase 1: stream votes, SIGKILL the server group mid-stream.
    server = votes.start_server(env, workdir / "gunicorn.log")
    lock = threading.Lock()
    acked: dict[int, str] = {}
    killed = threading.Event()

    def on_answer(answer: votes.Answer) -> None:
        if answer.status == 201 and answer.receipt:
            with lock:
                acked[answer.household] = answer.receipt

    stream = votes.Stream(
        server.port,
        matter,
        tokens,
        clients=opts.clients,
        on_answer=on_answer,
        deadline=time.monotonic() + opts.max_seconds,
    )

    def killer() -> None:
        while not stream.stop.is_set():
            with lock:
                if len(acked) >= kill_after:
                    break
            time.sleep(0.001)
        else:
            return  # the stream ended first
        time.sleep(extra_ms / 1000)
        server.kill(signal.SIGKILL)
        killed.set()
        stream.stop.set()  # clients start no new vote; the ones in flight get no answer

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    order = list(range(n))
    rng.shuffle(order)
    stream.run(order)
    stream.stop.set()
    thread.join(timeout=60)
    if not killed.is_set():
        server.kill(signal.SIGKILL)
        problems.append("the stream ended before the kill")
    phase1 = {}
    for answer in stream.answers:
        phase1[answer.household] = answer
    in_flight = {h for h, a in phase1.items() if a.status is None}
    bad = [a for a in stream.answers if a.status is not None and a.status != 201]
    if bad:
        problems.append(f"before the kill: {len(bad)} answers other than 201 ({sorted({a.status for a in bad})})")
    acknowledged = dict(acked)

    # Phase 2: restart; acknowledged households are refused, everyone else votes.
    server = votes.start_server(env, workdir / "gunicorn.log")
    try:
        sample = rng.sample(sorted(acknowledged), min(SAMPLE_RETRIES, len(acknowledged)))
        rest = [h for h in range(n) if h not in acknowledged]
        retry = votes.Stream(
            server.port, matter, tokens, clients=opts.clients, deadline=time.monotonic() + opts.max_seconds
        )
        retry.run(sample + rest)
    finally:
        server.stop()
    answered_late = sum(1 for a in retry.answers if a.household not in acknowledged and a.status == 409)
    after: dict[str, int] = {}
    for answer in retry.answers:
        key = str(answer.status) if answer.status is not None else "no answer"
        after[key] = after.get(key, 0) + 1
        if answer.household in acknowledged and answer.status != 409:
            problems.append(f"acknowledged household {answer.household} got {answer.status} after the restart")
        elif answer.household not in acknowledged and answer.status == 409 and answer.household not in in_flight:
            problems.append(f"household {answer.household} had never voted but got 409 after the restart")
        elif answer.household not in acknowledged and answer.status not in (201, 409):
            problems.append(f"household {answer.household} got {answer.status} after the restart")
    if len(retry.answers) != len(sample) + len(rest):
        problems.append(f"the second stream hit its deadline ({len(retry.answers)} of {len(sample) + len(rest)})")

    # Phase 3: the database itself.
    receipts_file = workdir / "receipts.json"
    receipts_file.write_text(json.dumps(sorted(acknowledged.values())))
    got = votes.run_child(SCRIPT, "check", ["--matter", str(matter), "--receipts", str(receipts_file)], env, workdir)
    code, audit_output = audit_verify_command(env)
    checks = {
        "every acknowledged receipt present": got["receipts_missing"] == 0,
        "no receipt twice": got["receipts_duplicated"] == 0,
        f"participations == ballots == {n}": got["participations"] == got["ballots"] == n,
        "no household twice": got["households_twice"] == 0,
        "one vote_cast event per ballot": got["vote_cast_events"] == got["ballots"],
        "audit chain verifies": got["audit_ok"] and code == 0,
        "integrity_check": got["integrity"] in ("ok", "n/a"),
    }
    problems += [f"FAILED: {name}" for name, ok in checks.items() if not ok]
    if code != 0:
        problems.append(f"manage.py audit_verify: {audit_output}")
    print(
        f"  {label}: killed after {len(acknowledged):,} acknowledged votes of {n:,} (target {kill_after:,} "
        f"+ {extra_ms:.0f} ms), {len(in_flight)} requests without an answer ({answered_late} of them committed); after the restart "
        f"{', '.join(f'{k}: {v:,}' for k, v in sorted(after.items()))}; database {got['participations']:,} "
        f"participations / {got['ballots']:,} ballots, audit: {audit_output.splitlines()[-1] if audit_output else '?'}",
        flush=True,
    )
    for problem in problems[:20]:
        print(f"    {problem}", flush=True)
    print(f"  {label}: {'PASS' if not problems else 'FAIL'}", flush=True)
    return not problems


def parent(opts: argparse.Namespace) -> int:
    seed = opts.seed if opts.seed is not None else random.SystemRandom().randrange(1 << 30)
    rng = random.Random(seed)
    print(
        f"Crash test: {opts.runs} run(s) on SQLite, {opts.households:,} households, {opts.clients} client threads, "
        f"gunicorn {votes.WORKERS} workers × {votes.THREADS} threads, SIGKILL mid-stream (seed {seed})",
        flush=True,
    )
    votes.OUT.mkdir(parents=True, exist_ok=True)
    results = []
    started = time.monotonic()
    for run in range(1, opts.runs + 1):
        workdir = Path(tempfile.mkdtemp(prefix="crash-", dir=votes.OUT))
        try:
            results.append(one_run(f"run {run} SQLite", f"sqlite:///{workdir / 'crash.sqlite3'}", workdir, opts, rng))
        finally:
            if opts.keep:
                print(f"  kept {workdir.relative_to(votes.ROOT)}")
            else:
                shutil.rmtree(workdir, ignore_errors=True)
    if opts.postgres:
        why = votes.pg_reachable()
        if why is None:
            name = f"grassroots_bench_crash_{os.getpid()}"
            workdir = Path(tempfile.mkdtemp(prefix="crash-pg-", dir=votes.OUT))
            try:
                results.append(one_run("PostgreSQL", votes.pg_create(name), workdir, opts, rng))
            finally:
                votes.pg_drop(name)
                if not opts.keep:
                    shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"  PostgreSQL: skipped ({why})", flush=True)
    passed = all(results)
    print(
        f"{sum(results)} of {len(results)} runs passed in {time.monotonic() - started:.0f} s: "
        f"{'PASS' if passed else 'FAIL'}"
    )
    return 0 if passed else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs on fresh SQLite databases (default 3)")
    parser.add_argument("--households", type=int, default=300, help="households, one vote each (default 300)")
    parser.add_argument("--clients", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--postgres", action="store_true", help="also one run on a fresh PostgreSQL database")
    parser.add_argument("--seed", type=int, help="random seed (kill moments); printed when not given")
    parser.add_argument("--max-seconds", type=float, default=90, help="deadline of each stream (default 90)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directories in bench/out/")
    # Internal: children with Django set up on the run's database.
    parser.add_argument("--child", choices=["seed", "check"], help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--matter", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--receipts", help=argparse.SUPPRESS)
    opts = parser.parse_args(argv)
    if opts.child:
        votes.django_setup()
        if opts.child == "seed":
            outcome = votes.seed(opts.households)
        else:
            outcome = child_check(opts.matter, json.loads(Path(opts.receipts).read_text()))
        Path(opts.result).write_text(json.dumps(outcome))
        return 0
    if opts.runs < 1 or opts.households < 10 or opts.clients < 1:
        parser.error("--runs and --clients must be at least 1, --households at least 10")
    return parent(opts)


if __name__ == "__main__":
    sys.exit(main())
