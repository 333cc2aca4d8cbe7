"""The benchmark's code still runs (bench/run.py): its generator, baseline and the import, on 2,000 rows.

No timing here: speed is measured by `make bench`, not by tests.
"""

import pytest

from bench import baseline, run, workload
from grassroots.people.importing import import_residents
from grassroots.people.models import Household, Membership, Representation, Resident
from grassroots.territory.importing import import_units

ROWS = 2_000


@pytest.mark.django_db
def test_bench_workload_imports_cleanly(tmp_path):
    units_csv, residents_csv = tmp_path / "units.csv", tmp_path / "residents.csv"
    assert workload.write_units(units_csv, ROWS) > 0
    rows, households = workload.write_residents(residents_csv, ROWS)
    assert rows == ROWS

    import_units(units_csv)
    result = import_residents(residents_csv, as_of=workload.AS_OF)

    assert (result.residents, result.households, result.warnings) == (ROWS, households, [])
    assert Resident.objects.count() == Membership.objects.count() == ROWS
    assert Household.objects.count() == Representation.objects.count() == households


def test_bench_workload_is_deterministic(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    workload.write_residents(first, 500)
    workload.write_residents(second, 500)
    assert first.read_bytes() == second.read_bytes()
    assert workload.fingerprint(500) == workload.fingerprint(500) != workload.fingerprint(501)


def test_bench_baseline_loads_the_same_file(tmp_path):
    residents_csv = tmp_path / "residents.csv"
    workload.write_residents(residents_csv, ROWS)
    assert baseline.run(residents_csv, tmp_path / "baseline.sqlite3") > 0
    assert run.TARGET_ROWS == 1_000_000
