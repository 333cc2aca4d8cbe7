"""CPU per online vote in one process, through the whole Django stack without HTTP: the API against the
bare view of bench/bare_urls.py (the steady comparison on a shared machine, where throughput varies).

    .venv/bin/python bench/vote_cpu.py                        # SQLite, 800 households
    .venv/bin/python bench/vote_cpu.py --postgres --profile   # a new PostgreSQL database; cProfile the API

Seeds a village as bench/votes.py does (a child process), then in this process posts half the households'
votes to the bare view and the other half's to `POST /api/v1/matters/{id}/votes` with Django's test client,
after 20 votes of warm-up, and prints the process CPU time per vote of each. `--profile` writes
bench/out/vote-api.prof (read it with `python -m pstats`). PostgreSQL runs with CONN_MAX_AGE=60.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import votes  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=800)
    parser.add_argument("--postgres", action="store_true", help="a new PostgreSQL database instead of SQLite")
    parser.add_argument("--profile", action="store_true", help="cProfile the API votes into bench/out/vote-api.prof")
    opts = parser.parse_args()
    votes.OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="vote-cpu-", dir=votes.OUT))
    database = None
    if opts.postgres:
        database = f"grassroots_bench_cpu_{os.getpid()}"
        url = votes.pg_create(database)
    else:
        url = f"sqlite:///{work / 'bench.sqlite3'}"
    try:
        env = votes.child_env(work, url)
        seeded = votes.run_child(
            Path(__file__).resolve().parent / "votes.py", "seed",
            ["--households", str(opts.households), "--matters", "3"], env, work,
        )  # fmt: skip
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bare_settings"
        import django

        django.setup()
        from django.test import Client

        client = Client(SERVER_NAME="127.0.0.1")
        api_matter, bare_matter, warm_matter = seeded["matters"]
        tokens, households = seeded["tokens"], seeded["households"]

        def post(url: str, token: str) -> None:
            answer = client.post(url, data=json.dumps({"choice": "agree", "comment": ""}),
                                 content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip
            if answer.status_code != 201:
                raise SystemExit(f"{url}: {answer.status_code} {answer.content[:200]!r}")

        for i in range(20):
            post(f"/api/v1/matters/{warm_matter}/votes", tokens[i])
        half = opts.households // 2
        server = _server_cpu if opts.postgres else (lambda: 0.0)
        started, wall, served = time.process_time(), time.perf_counter(), server()
        for i in range(half):
            post(f"/bench/bare-vote/{bare_matter}/{households[i]}", tokens[i])
        bare = (time.process_time() - started) / half
        bare_wall = (time.perf_counter() - wall) / half
        bare_server = (server() - served) / half
        profile = cProfile.Profile() if opts.profile else None
        started, wall, served = time.process_time(), time.perf_counter(), server()
        if profile:
            profile.enable()
        for i in range(half):
            post(f"/api/v1/matters/{api_matter}/votes", tokens[i])
        if profile:
            profile.disable()
            profile.dump_stats(votes.OUT / "vote-api.prof")
        api = (time.process_time() - started) / half
        api_wall = (time.perf_counter() - wall) / half
        api_server = (server() - served) / half
        label = "PostgreSQL" if opts.postgres else "SQLite"
        print(f"{label}: CPU per vote, {half:,} votes each: bare view {bare * 1000:.2f} ms, API {api * 1000:.2f} ms "
              f"(API / bare view {api / bare:.2f}×); wall time per vote, the database's work included: bare view "
              f"{bare_wall * 1000:.2f} ms, API {api_wall * 1000:.2f} ms{' — profile with --profile inflates the API' if profile else ''}")  # fmt: skip
        if opts.postgres:
            print(f"PostgreSQL: the server's CPU per vote (its backend process): bare view {bare_server * 1000:.2f} ms, "
                  f"API {api_server * 1000:.2f} ms; the two together: bare view {(bare + bare_server) * 1000:.2f} ms, "
                  f"API {(api + api_server) * 1000:.2f} ms (API / bare view {(api + api_server) / (bare + bare_server):.2f}×)")  # fmt: skip
    finally:
        if database:
            from django.db import connections

            connections.close_all()
            votes.pg_drop(database)
    return 0


def _server_cpu() -> float:
    """CPU seconds (user and system) of this connection's PostgreSQL backend so far, from /proc (the
    server runs on this machine)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    raise SystemExit(main())
