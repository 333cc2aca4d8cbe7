"""bench/dashboard.py at the ward scale, so its code does not rot: the data, the synthetic indicators, the
initial aggregation, the dashboard pages of a signed-in steering member and their reads, the incremental refresh checked on the province and the recomputation from
scratch checked against the stored figures. No timings are asserted (speed is `make bench-dashboard`)."""

import pytest

from bench import dashboard
from grassroots.reporting import refresh, registry
from grassroots.reporting.models import Figure, OverdueItem

pytestmark = pytest.mark.django_db


def test_the_dashboard_benchmark_runs_end_to_end_at_the_ward_scale(tmp_path, monkeypatch):
    monkeypatch.setattr(refresh, "all_indicators", refresh.all_indicators)  # restored after the test
    monkeypatch.setattr(registry, "all_indicators", registry.all_indicators)
    specs = dashboard.unit_specs("ward", None)
    assert dashboard.load_units(specs, tmp_path) == len(specs)
    households = dashboard.load_households(dashboard.households_per_village("ward"))
    assert households > 0

    out = dashboard.measure(reads=3, incremental_runs=2, scratch_runs=1)  # raises if a check fails

    assert out["figures"] == Figure.objects.count() > 0
    assert out["overdue_items"] == OverdueItem.objects.count() > 0
    assert len(out["province_ms"]) == len(out["commune_ms"]) == 3
    assert len(out["baseline_ms"]) == 6 and out["baseline_found"] > 0
    assert len(out["incremental_ms"]) == 2
    summary = dashboard.summarize("sqlite", {**out, "units": len(specs), "units_seconds": 0.0,
                                             "households": households, "households_seconds": 0.0, "peak_rss_mb": 0})  # fmt: skip
    assert summary["province_result"] in {"PASS", "FAIL"}


def test_the_synthetic_items_are_deterministic():
    from grassroots.territory.models import Unit

    commune = Unit(pk=1, code="X", name="X", kind="commune", path="/X/")
    first = [list(i.items(commune, dashboard.FIRST_MONTH, dashboard.TODAY, dashboard.TODAY))
             for i in dashboard.synthetic_indicators() if i.code.startswith("bench_disclosure")]  # fmt: skip
    again = [list(i.items(commune, dashboard.FIRST_MONTH, dashboard.TODAY, dashboard.TODAY))
             for i in dashboard.synthetic_indicators() if i.code.startswith("bench_disclosure")]  # fmt: skip
    assert first == again and len(first[0]) > 0


def test_a_tenth_of_the_province_keeps_the_first_communes_and_their_villages():
    specs = dashboard.unit_specs("province", 3)
    parents = {s.code for s in specs}
    assert all(not s.parent_code or s.parent_code in parents for s in specs)
    current = [s for s in specs if s.kind in {"commune", "ward"} and not s.valid_to]
    assert len(current) == 3
