"""Benchmark: the steering committee's dashboards at province scale (issue 15, item 7 "Speed at scale").

    .venv/bin/python bench/dashboard.py                        # or: make bench-dashboard (SQLite, province)
    .venv/bin/python bench/dashboard.py --communes 17          # a tenth of the province, for development
    .venv/bin/python bench/dashboard.py --scale ward --quick   # smoke check, seconds
    .venv/bin/python bench/dashboard.py --database postgres    # a new PostgreSQL database, dropped after
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/dashboard.py   # an empty database of yours

Targets: the province dashboard answers in under 300 ms and a commune's in under 100 ms at the 95th percentile,
with the figures kept by incremental aggregation (`grassroots.reporting.refresh`), never recomputed per request.

In a child process with its own DATABASE_URL (as bench/run.py does): migrate, load the units of the demo scale
(`grassroots.people.demo.unit_specs`) with `import_units` and one household row per household of the scale
(bulk INSERT, COPY on PostgreSQL; timed), register ~10 synthetic indicators whose items come from a seeded,
deterministic generator per commune (a year of activity: meetings, votes counted in households, disclosures and
petitions with some overdue; see bench/README.md), then:

1. the initial aggregation: `refresh.refresh_all` over every commune, timed;
2. the dashboard page `/reporting/units/<code>/` of a signed-in steering committee member (Django's test client:
   every middleware, the view, its template; no network), for the province and for random communes, over random
   periods, p50 and p95; beside it, the read path alone (what the page reads through `reporting.figures`);
3. the baseline: one plain indexed SELECT of one figure with the DB-API cursor, p95; the ratios;
4. the incremental path: items appended to one village, then `refresh_commune` of its commune with the roll-up,
   p95; the province's figure must change by exactly those items (checked);
5. for contrast, the province's figures of one period recomputed from every commune's items (what incremental
   aggregation saves a request from), which must equal the stored figures (checked).

PASS/FAIL against the targets; exit status 1 on FAIL or when a check does not hold.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `python bench/dashboard.py` puts bench/, not the project, on the path

from bench.run import OUT, _child_env, _peak_rss_mb, _postgres  # noqa: E402

TARGET_MS = {"province": 300.0, "commune": 100.0}
TODAY = dt.date(2026, 11, 30)  # "now" for the indicators: a year of activity ends here
FIRST_MONTH = dt.date(2025, 12, 1)  # ... and starts here (twelve months)
SEED = 2026
READS = 200
INCREMENTAL_RUNS = 20
SCRATCH_RUNS = 3


# Synthetic indicators -----------------------------------------------------------------------------------------
#
# Each indicator asks the database what a real one would (the commune's villages; the households of each village
# for the participation denominators) and generates its items from a seed made of its code, the unit's code and
# the month, so the same database gives the same items on every call, in any order. EXTRA holds items appended
# by the incremental measurement, per indicator code.

EXTRA: dict[str, list[Any]] = {}


def _months(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    month = FIRST_MONTH
    while month <= TODAY:
        last = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        if month <= end and last >= start:
            yield month
        month = last + dt.timedelta(days=1)


def _villages(commune: Any) -> list[tuple[int, str, int]]:
    """(id, code, households) of the commune's villages: two queries, as a real indicator would make."""
    from django.db.models import Count

    from grassroots.people.models import Household
    from grassroots.territory.models import Unit

    villages = list(Unit.objects.filter(parent_id=commune.pk).order_by("code").values_list("id", "code"))
    counts = dict(
        Household.objects.filter(unit_id__in=[v[0] for v in villages], dissolved_on__isnull=True)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    return [(pk, code, counts.get(pk, 0)) for pk, code in villages]


def _rng(code: str, unit_code: str, month: dt.date) -> random.Random:
    return random.Random(f"{SEED}:{code}:{unit_code}:{month:%Y-%m}")


def _day(rng: random.Random, month: dt.date, start: dt.date, end: dt.date) -> dt.date | None:
    day = month.replace(day=rng.randint(1, 28))
    return day if start <= day <= end and day <= TODAY else None


def _village_items(code: str, make: Callable[[random.Random, int, dt.date, int], Iterator[tuple[int, int, bool]]]):
    """An indicator over the villages: `make(rng, households, day, village_id)` gives (numerator, denominator,
    overdue) per item of one village and month."""
    from grassroots.core.indicators import Item

    def items(commune: Any, start: dt.date, end: dt.date, today: dt.date) -> Iterator[Item]:
        villages = _villages(commune)
        for month in _months(start, end):
            for pk, unit_code, households in villages:
                rng = _rng(code, unit_code, month)
                day = _day(rng, month, start, end)
                if day is None:
                    continue
                for n, d, late in make(rng, households, day, pk):
                    yield Item(pk, day, f"{code} {unit_code} {month:%m/%Y}", n, d, overdue=late,
                               deadline=day + dt.timedelta(days=15) if late else None,
                               responsible="Trưởng thôn" if late else "")  # fmt: skip
        ids = {v[0] for v in villages}
        yield from (i for i in EXTRA.get(code, []) if i.unit_id in ids and start <= i.day <= end)

    return items


def _commune_items(code: str, per_month: int, done: float, late_share: float):
    """An indicator of the commune itself: `per_month` things due a month, `done` of them in time, some of the
    others overdue (a deadline 15 days after the day, passed and not done)."""
    from grassroots.core.indicators import Item

    def items(commune: Any, start: dt.date, end: dt.date, today: dt.date) -> Iterator[Item]:
        if commune.valid_to is not None and commune.valid_to <= FIRST_MONTH:
            return  # a former commune (merged in 2025): no activity in the year measured
        for month in _months(start, end):
            rng = _rng(code, commune.code, month)
            for k in range(per_month):
                day = _day(rng, month, start, end)
                ok = rng.random() < done
                late = not ok and rng.random() < late_share
                if day is None:
                    continue
                deadline = day + dt.timedelta(days=15)
                yield Item(commune.pk, day, f"{code} {commune.code} {month:%m/%Y} #{k}", int(ok), 1,
                           deadline=deadline, overdue=late and deadline < today,
                           responsible="Ủy ban nhân dân xã" if late else "")  # fmt: skip
        yield from (i for i in EXTRA.get(code, []) if i.unit_id == commune.pk and start <= i.day <= end)

    return items


def _meeting_held(rng: random.Random, households: int, day: dt.date, pk: int) -> Iterator[tuple[int, int, bool]]:
    held = rng.random() < 0.9
    yield int(held), 1, not held and rng.random() < 0.3


def _meeting_attendance(rng: random.Random, households: int, day: dt.date, pk: int) -> Iterator[tuple[int, int, bool]]:
    if households and rng.random() < 0.9:
        yield rng.randint(households // 2, households), households, False


def _vote_participation(rng: random.Random, households: int, day: dt.date, pk: int) -> Iterator[tuple[int, int, bool]]:
    if households and rng.random() < 0.35:  # about four votes a year per village
        yield rng.randint(households * 2 // 5, households), households, False


def _vote_valid(rng: random.Random, households: int, day: dt.date, pk: int) -> Iterator[tuple[int, int, bool]]:
    if households and rng.random() < 0.35:
        yield int(rng.random() < 0.8), 1, False  # reached the half of the households (Law Art 22)


def _recommendations(rng: random.Random, households: int, day: dt.date, pk: int) -> Iterator[tuple[int, int, bool]]:
    for _ in range(rng.randint(0, 3)):
        answered = rng.random() < 0.85
        yield int(answered), 1, not answered and rng.random() < 0.5


def _head_in_office(rng: random.Random, households: int, day: dt.date, pk: int) -> Iterator[tuple[int, int, bool]]:
    yield int(rng.random() < 0.97), 1, False


def synthetic_indicators() -> tuple[Any, ...]:
    from grassroots.core.indicators import Indicator

    specs: list[tuple[str, Any]] = [
        ("bench_meeting_held", _village_items("bench_meeting_held", _meeting_held)),
        ("bench_meeting_attendance", _village_items("bench_meeting_attendance", _meeting_attendance)),
        ("bench_vote_participation", _village_items("bench_vote_participation", _vote_participation)),
        ("bench_vote_valid", _village_items("bench_vote_valid", _vote_valid)),
        ("bench_recommendation_answered", _village_items("bench_recommendation_answered", _recommendations)),
        ("bench_head_in_office", _village_items("bench_head_in_office", _head_in_office)),
        ("bench_disclosure_on_time", _commune_items("bench_disclosure_on_time", 5, 0.85, 0.5)),
        ("bench_petition_answered", _commune_items("bench_petition_answered", 3, 0.8, 0.6)),
        ("bench_inspection_report", _commune_items("bench_inspection_report", 1, 0.7, 0.3)),
        ("bench_supervision_done", _commune_items("bench_supervision_done", 1, 0.6, 0.2)),
    ]
    return tuple(
        Indicator(code, code, "synthetic (bench/dashboard.py)", "Law Art 11", "done", "due", items, order=i)
        for i, (code, items) in enumerate(specs)
    )


def install_indicators() -> tuple[Any, ...]:
    """Make the reporting refresh use the synthetic indicators (as the reporting tests' fixture does)."""
    from grassroots.reporting import refresh, registry

    indicators = synthetic_indicators()
    refresh.all_indicators = lambda: indicators  # type: ignore[assignment]
    registry.all_indicators = lambda: indicators  # type: ignore[assignment]  # the pages read the registry
    return indicators


# Data ---------------------------------------------------------------------------------------------------------


def unit_specs(scale_name: str, communes: int | None) -> list[Any]:
    """The demo scale's units; with `communes`, only the first N commune-level units (and what is under and
    above them)."""
    from grassroots.people import demo
    from grassroots.territory.models import COMMUNE_KINDS

    specs = demo.unit_specs(demo.SCALES[scale_name])
    if communes is None:
        return specs
    every = {s.code for s in specs if s.kind in COMMUNE_KINDS}
    current = [s.code for s in specs if s.kind in COMMUNE_KINDS and not s.valid_to]
    kept = (every - set(current)) | set(current[:communes])  # the former wards of 2025 stay (no activity)
    return [
        s
        for s in specs
        if s.code in kept or s.parent_code in kept or (s.code not in every and s.parent_code not in every)
    ]


def households_per_village(scale_name: str) -> int:
    from grassroots.people import demo

    return int(getattr(demo.SCALES[scale_name], "households_per_village", 201))


def load_units(specs: list[Any], workdir: Path) -> int:
    from grassroots.people import demo
    from grassroots.territory.importing import import_units

    path = workdir / "units.csv"
    demo.write_units_csv(path, specs)
    import_units(path)
    return len(specs)


def load_households(per_village: int) -> int:
    """One household row per household of every current village (bulk INSERT; COPY on PostgreSQL): only the
    participation denominators need them, so no residents and no location history."""
    from django.db import connection, transaction
    from django.utils import timezone

    from grassroots.people.models import Household
    from grassroots.territory.models import VILLAGE_KINDS, Unit

    table = Household._meta.db_table
    columns = ("code", "unit_id", "address", "address_folded", "formed_on", "created_at")
    now = timezone.now()
    villages = list(
        Unit.objects.filter(kind__in=VILLAGE_KINDS, valid_to__isnull=True).order_by("code").values_list("id", "code")
    )
    total = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for pk, code in villages:
            rows = [
                (f"B{code.replace('-', '')}{n:04d}", pk, f"Xóm {n % 9 + 1}", f"xom {n % 9 + 1}", FIRST_MONTH, now)
                for n in range(1, per_village + 1)
            ]
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
            total += len(rows)
    return total


# Measurements -------------------------------------------------------------------------------------------------


def dashboard_read(unit: Any, kind: str, start: dt.date) -> dict[str, Any]:
    """What one dashboard page reads, through the read API of `grassroots.reporting.figures`: the unit's
    figures of the period, the units below it that existed in the period (whole rows, by name) and their
    figures, the trend of 12 periods, the overdue count and the first overdue items."""
    from django.db.models import Q

    from grassroots.reporting import figures
    from grassroots.reporting.periods import period_end
    from grassroots.territory.models import Unit

    children = list(
        Unit.objects.filter(parent=unit)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period_end(kind, start)))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=start))
        .order_by("name", "code")
    )
    overdue = figures.overdue_below(unit)
    return {
        "own": figures.unit_figures(unit, kind, start),
        "children": figures.children_figures([c.pk for c in children], kind, start),
        "trend": figures.trend(unit, kind, start, 12),
        "overdue": overdue.count(),
        "overdue_first": list(overdue[:10]),
    }


def steering_client(province: Any) -> Any:
    """A signed-in steering committee member of the province (password and second factor, as after a real
    login), with a test client that goes through every middleware, the view and its template."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from grassroots.accounts.models import Role, RoleAssignment, User

    user = User.objects.create_user(username="bench-steering", password=None)
    RoleAssignment.objects.create(user=user, unit=province, role=Role.STEERING_MEMBER, valid_from=dt.date(2025, 1, 1))
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def dashboard_page(client: Any, unit: Any, kind: str, start: dt.date) -> int:
    """The dashboard page of the unit for the period, as the browser gets it (less the network): its size."""
    response = client.get(f"/reporting/units/{unit.code}/", {"period": kind, "start": start.isoformat()})
    if response.status_code != 200:
        raise AssertionError(f"{unit.code} {kind} {start}: HTTP {response.status_code}")
    return len(response.content)


def baseline_read(cursor: Any, key: tuple[int, str, dt.date, str]) -> tuple[int, int] | None:
    from grassroots.reporting.models import Figure

    cursor.execute(
        f"SELECT numerator, denominator FROM {Figure._meta.db_table} "
        "WHERE unit_id = %s AND kind = %s AND start = %s AND indicator = %s",
        list(key),
    )
    return cursor.fetchone()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def periods() -> list[tuple[str, dt.date]]:
    from grassroots.reporting.periods import period_start

    months = list(_months(FIRST_MONTH, TODAY))
    quarters = sorted({period_start("Q", m) for m in months})
    years = sorted({period_start("Y", m) for m in months})
    return [("M", m) for m in months] + [("Q", q) for q in quarters] + [("Y", y) for y in years]


def progress(message: str) -> None:
    sys.stderr.write(f"    {time.strftime('%H:%M:%S', time.gmtime())} {message}\n")
    sys.stderr.flush()


def measure(*, reads: int, incremental_runs: int, scratch_runs: int, seed: int = SEED) -> dict[str, Any]:
    """Steps 1-5 on the loaded database (units and households), with the synthetic indicators installed."""
    from django.db import connection

    from grassroots.reporting import figures, refresh
    from grassroots.reporting.models import Figure, OverdueItem
    from grassroots.reporting.periods import period_end, starts_of
    from grassroots.territory.models import Unit

    indicators = install_indicators()
    EXTRA.clear()
    rng = random.Random(seed)
    out: dict[str, Any] = {}

    progress("initial aggregation (refresh_all)…")
    started = time.perf_counter()
    outcome = refresh.refresh_all(TODAY)
    out["aggregation_seconds"] = time.perf_counter() - started
    out["communes"] = outcome.communes
    out["figures"] = Figure.objects.count()
    out["overdue_items"] = OverdueItem.objects.count()

    province = Unit.objects.get(parent__isnull=True, kind="province")
    communes = list(Unit.objects.communes().filter(valid_to__isnull=True).order_by("path"))
    all_periods = periods()

    asked: list[tuple[int, str, dt.date, str]] = []  # the baseline reads one figure of every page read

    cpu: dict[str, list[float]] = {"province": [], "commune": []}
    read_path: dict[str, list[float]] = {"province": [], "commune": []}
    client = steering_client(province)

    def timed_reads(side: str, pick: Callable[[], Any]) -> list[float]:
        times = []
        for _ in range(reads):
            unit = pick()
            kind, start = rng.choice(all_periods)
            t0, c0 = time.perf_counter(), time.process_time()
            dashboard_page(client, unit, kind, start)
            times.append((time.perf_counter() - t0) * 1000)
            cpu[side].append((time.process_time() - c0) * 1000)  # this process only: not the PostgreSQL server
            t0 = time.perf_counter()
            dashboard_read(unit, kind, start)
            read_path[side].append((time.perf_counter() - t0) * 1000)
            asked.append((unit.pk, kind, start, rng.choice(indicators).code))
        return times

    progress(f"reads: {reads} province pages, {reads} commune pages, the baseline…")
    dashboard_page(client, province, *all_periods[-1])  # warm the connection, the templates and the caches
    province_ms = timed_reads("province", lambda: province)
    commune_ms = timed_reads("commune", lambda: rng.choice(communes))
    out["province_read_ms"], out["commune_read_ms"] = read_path["province"], read_path["commune"]
    out["province_cpu_ms"], out["commune_cpu_ms"] = cpu["province"], cpu["commune"]

    baseline_ms = []
    found = 0
    with connection.cursor() as cursor:
        for key in asked:
            t0 = time.perf_counter()
            row = baseline_read(cursor, key)
            baseline_ms.append((time.perf_counter() - t0) * 1000)
            found += row is not None
    out["baseline_found"] = found
    out["province_ms"] = province_ms
    out["commune_ms"] = commune_ms
    out["baseline_ms"] = baseline_ms

    # Incremental: one village gets new items (one meeting's attendance), its commune is refreshed with the
    # roll-up, and the province's figures of the item's month, quarter and year change by exactly the item.
    from grassroots.core.indicators import Item

    code = "bench_meeting_attendance"
    progress(f"incremental refresh, {incremental_runs} runs…")
    incremental_ms = []
    for run in range(incremental_runs):
        commune = rng.choice(communes)
        village = rng.choice(list(Unit.objects.filter(parent_id=commune.pk).values_list("id", flat=True)))
        day = rng.choice(list(_months(FIRST_MONTH, TODAY))).replace(day=rng.randint(1, 28))
        day = min(day, TODAY)
        item = Item(village, day, f"extra #{run}", rng.randint(0, 50), 50)
        keys_up = [(kind, start) for kind, start in starts_of(day)]
        before = {k: figures.unit_figures(province, *k).get(code) for k in keys_up}
        EXTRA.setdefault(code, []).append(item)
        t0 = time.perf_counter()
        refresh.refresh_commune(commune, TODAY)
        incremental_ms.append((time.perf_counter() - t0) * 1000)
        for k in keys_up:
            after = figures.unit_figures(province, *k)[code]
            was = before[k] or figures.Tally(0, 0, 0)
            delta = (after.numerator - was.numerator, after.denominator - was.denominator, after.items - was.items)
            if delta != (item.numerator, item.denominator, 1):
                raise AssertionError(f"province {k} {code} changed by {delta}, expected the item {item}")
    out["incremental_ms"] = incremental_ms

    # From scratch: the province's figures of one period summed over every commune's items, per request.
    progress(f"recomputation from scratch, {scratch_runs} runs…")
    scratch_s = []
    for _ in range(scratch_runs):
        kind, start = rng.choice([p for p in all_periods if p[0] != "Y"])
        end = period_end(kind, start)
        t0 = time.perf_counter()
        sums: dict[str, list[int]] = {}
        for commune in communes:
            for indicator in indicators:
                for item in indicator.items(commune, start, end, TODAY):
                    s = sums.setdefault(indicator.code, [0, 0, 0])
                    s[0] += item.numerator
                    s[1] += item.denominator
                    s[2] += 1
        scratch_s.append(time.perf_counter() - t0)
        stored = figures.unit_figures(province, kind, start)
        recomputed = {c: figures.Tally(*s) for c, s in sums.items()}
        if recomputed != stored:
            raise AssertionError(f"province {kind} {start}: stored {stored} != recomputed {recomputed}")
    out["scratch_seconds"] = scratch_s
    return out


def child(opts: argparse.Namespace) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from grassroots.territory.models import Unit

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrate_seconds = time.perf_counter() - started
    # The pages are served as in production (DEBUG off): their static files come from the manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    if Unit.objects.exists():
        raise SystemExit("the database already holds units: give an empty database (a fresh createdb)")
    specs = unit_specs(opts.scale, opts.communes)
    workdir = Path(opts.workdir)
    started = time.perf_counter()
    progress(f"importing {len(specs):,} units…")
    units = load_units(specs, workdir)
    units_seconds = time.perf_counter() - started
    started = time.perf_counter()
    progress("loading the households…")
    households = load_households(households_per_village(opts.scale))
    households_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    out = measure(reads=opts.reads, incremental_runs=opts.incremental_runs, scratch_runs=opts.scratch_runs)
    out.update(
        vendor=connection.vendor,
        migrate_seconds=migrate_seconds,
        units=units,
        units_seconds=units_seconds,
        households=households,
        households_seconds=households_seconds,
        peak_rss_mb=_peak_rss_mb(),
    )
    return out


# Parent -------------------------------------------------------------------------------------------------------


def summarize(database: str, out: dict[str, Any]) -> dict[str, Any]:
    p = {name: (statistics.median(out[f"{name}_ms"]), percentile(out[f"{name}_ms"], 0.95))
         for name in ("province", "commune", "baseline", "incremental")}  # fmt: skip
    base95 = p["baseline"][1]
    scratch = statistics.median(out["scratch_seconds"])
    results = {side: "PASS" if p[side][1] < TARGET_MS[side] else "FAIL" for side in TARGET_MS}
    summary = {
        "database": database,
        "units": out["units"],
        "communes": out["communes"],
        "households": out["households"],
        "figures": out["figures"],
        "overdue_items": out["overdue_items"],
        "units_seconds": round(out["units_seconds"], 1),
        "households_seconds": round(out["households_seconds"], 1),
        "aggregation_seconds": round(out["aggregation_seconds"], 1),
        **{f"{k}_p50_ms": round(v[0], 2) for k, v in p.items()},
        **{f"{k}_p95_ms": round(v[1], 2) for k, v in p.items()},
        "province_ratio": round(p["province"][1] / base95, 1),
        "commune_ratio": round(p["commune"][1] / base95, 1),
        "scratch_seconds": round(scratch, 2),
        "scratch_ratio": round(scratch * 1000 / p["province"][1], 1),
        "peak_rss_mb": round(out["peak_rss_mb"]),
        "load_after": round(os.getloadavg()[0], 2),
        **{f"{side}_result": r for side, r in results.items()},
    }
    reads = len(out["province_ms"])
    print(f"\n[{database}]")
    print(
        f"units / communes       {out['units']:>10,} / {out['communes']:,}   (imported in {out['units_seconds']:.1f} s)"
    )
    print(f"households             {out['households']:>10,}   (loaded in {out['households_seconds']:.1f} s)")
    print(f"initial aggregation of {out['communes']:,} communes: {out['aggregation_seconds']:.1f} s "
          f"({out['figures']:,} figures, {out['overdue_items']:,} overdue items)")  # fmt: skip
    print(f"province dashboard     p50 {p['province'][0]:8.2f} ms   p95 {p['province'][1]:8.2f} ms   "
          f"({reads} reads; {summary['province_ratio']}x the baseline's p95)")  # fmt: skip
    print(f"commune dashboard      p50 {p['commune'][0]:8.2f} ms   p95 {p['commune'][1]:8.2f} ms   "
          f"({reads} reads; {summary['commune_ratio']}x the baseline's p95)")  # fmt: skip
    for side in ("province", "commune"):
        c = out.get(f"{side}_cpu_ms") or [0.0]
        summary[f"{side}_cpu_p50_ms"] = round(statistics.median(c), 2)
        summary[f"{side}_cpu_p95_ms"] = round(percentile(c, 0.95), 2)
        print(f"  of which CPU here    p50 {statistics.median(c):8.2f} ms   p95 {percentile(c, 0.95):8.2f} ms   "
              f"({side}: this process's CPU time; the rest is the database server and waiting for a CPU)")  # fmt: skip
    for side in ("province", "commune"):
        r = out.get(f"{side}_read_ms") or [0.0]
        summary[f"{side}_read_p95_ms"] = round(percentile(r, 0.95), 2)
        print(f"  its reads alone      p50 {statistics.median(r):8.2f} ms   p95 {percentile(r, 0.95):8.2f} ms   "
              f"({side}: reporting.figures, what the page reads, without the view and its template)")  # fmt: skip
    print(f"baseline (one figure)  p50 {p['baseline'][0]:8.2f} ms   p95 {base95:8.2f} ms   (plain indexed SELECT of "
          f"one figure of each page read: {len(out['baseline_ms'])} reads, {out['baseline_found']} found)")  # fmt: skip
    print(f"incremental refresh    p50 {p['incremental'][0]:8.2f} ms   p95 {p['incremental'][1]:8.2f} ms   "
          f"({len(out['incremental_ms'])} runs: one village's item, its commune + roll-up; province checked)")  # fmt: skip
    print(f"from scratch           {scratch:8.2f} s per request (province, one period, every commune's items; "
          f"{summary['scratch_ratio']}x the province dashboard's p95)")  # fmt: skip
    print(f"peak RSS MB            {summary['peak_rss_mb']:>10}   load (1 min) after {summary['load_after']:.2f}")
    for side, limit in TARGET_MS.items():
        print(f"{results[side]} {side} dashboard p95 {p[side][1]:.1f} ms < {limit:.0f} ms")
    return summary


def run_database(database: str, opts: argparse.Namespace) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="dashboard-", dir=OUT))
    pg_name = f"grassroots_bench_dashboard_{os.getpid()}"
    given = os.environ.get("DATABASE_URL", "")
    created = False
    try:
        if database == "postgres" and given.startswith("postgres"):
            url = given
        elif database == "postgres":
            url, created = _postgres(opts.pg_url, pg_name, drop=False), True
        else:
            url = f"sqlite:///{workdir / 'dashboard.sqlite3'}"
        shown = url.rsplit("@", 1)[-1]
        print(f"  [{database}] {shown}: loading the {opts.scale} scale and measuring…", flush=True)
        result = workdir / "result.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--result", str(result), "--workdir",
               str(workdir), "--scale", opts.scale, "--reads", str(opts.reads), "--incremental-runs",
               str(opts.incremental_runs), "--scratch-runs", str(opts.scratch_runs)]  # fmt: skip
        if opts.communes:
            cmd += ["--communes", str(opts.communes)]
        subprocess.run(cmd, env=_child_env(workdir, url), check=True, cwd=ROOT)
        out = json.loads(result.read_text())
        (OUT / f"dashboard-{database}-raw.json").write_text(json.dumps(out))  # every sample, for a closer look
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if created:
            _postgres(opts.pg_url, pg_name, drop=True)
    return summarize(database, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=["ward", "city", "province"], default="province")
    parser.add_argument("--communes", type=int, help="only the first N communes of the scale (development runs)")
    default_db = "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default=default_db)
    parser.add_argument(
        "--pg-url", default=os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432"), help="server, no database"
    )
    parser.add_argument("--quick", action="store_true", help="20 reads, 3 incremental runs, 1 recomputation")
    parser.add_argument("--reads", type=int, default=READS)
    parser.add_argument("--incremental-runs", type=int, default=INCREMENTAL_RUNS)
    parser.add_argument("--scratch-runs", type=int, default=SCRATCH_RUNS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    opts = parser.parse_args(argv)
    if opts.quick:
        opts.reads, opts.incremental_runs, opts.scratch_runs = 20, 3, 1
    if opts.child:
        Path(opts.result).write_text(json.dumps(child(opts)))
        return 0
    databases = ["sqlite", "postgres"] if opts.database == "both" else [opts.database]
    load = os.getloadavg()[0]
    size = f"{opts.scale} scale" + (f", first {opts.communes} communes" if opts.communes else "")
    print(f"Dashboard benchmark: {size}, {', '.join(databases)}, {os.cpu_count()} CPUs, load {load:.1f}", flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    summaries = [run_database(database, opts) for database in databases]
    report = {"runs": summaries, "load_before": round(load, 2), "measured_at": time.strftime("%Y-%m-%d %H:%M:%S")}
    (OUT / "dashboard-last.json").write_text(json.dumps(report, indent=2) + "\n")
    passed = all(s[f"{side}_result"] == "PASS" for s in summaries for side in TARGET_MS)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
