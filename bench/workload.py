"""The benchmark's data: a units CSV and a residents CSV of exactly N valid rows, same seed, same bytes.

Pure Python (no Django), so the parent process can generate files without loading the project.
The rows come from the demo generator (grassroots.people.demo), cut after N rows: the representative
is always the first member of a household, so a cut never leaves a household without one.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import math
from pathlib import Path

from grassroots.people import demo

SEED = 2026
AS_OF = demo.REGISTERED_ON  # the day the rows take effect; birth dates are generated relative to it
VILLAGES_PER_COMMUNE = 30
HOUSEHOLDS_PER_VILLAGE = 201
# The header of grassroots.people.importing.COLUMNS (not imported: that module needs Django set up).
COLUMNS = [
    "household_code",
    "unit_code",
    "address",
    "full_name",
    "birth_date",
    "sex",
    "national_id",
    "phone",
    "is_representative",
]
MEAN_HOUSEHOLD = 3.3  # a little under the generator's mean (3.47), so there are always enough rows


def scale_for(rows: int) -> demo.Scale:
    """The smallest demo scale (in communes) that yields at least `rows` rows: the first of Thanh Hóa's
    real communes, as in the province demo (at most 166 of them, about 3.3 million rows)."""
    per_commune = VILLAGES_PER_COMMUNE * HOUSEHOLDS_PER_VILLAGE * MEAN_HOUSEHOLD
    communes = max(1, math.ceil(rows / per_commune))
    return demo.Scale(
        communes=communes,
        villages_per_commune=VILLAGES_PER_COMMUNE,
        households_per_village=HOUSEHOLDS_PER_VILLAGE,
        real_communes=True,
    )


def write_units(path: Path, rows: int) -> int:
    specs = demo.unit_specs(scale_for(rows))
    demo.write_units_csv(path, specs)
    return len(specs)


def write_residents(path: Path, rows: int, *, seed: int = SEED) -> tuple[int, int]:
    """Write exactly `rows` register rows; return (rows, households)."""
    households: set[str] = set()
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in itertools.islice(demo.resident_rows(scale_for(rows), seed=seed, today=AS_OF), rows):
            writer.writerow(row)
            households.add(row[0])
            count += 1
    if count != rows:
        raise RuntimeError(f"the generator gave {count} rows, {rows} were asked for")
    return count, len(households)


def fingerprint(rows: int, seed: int = SEED) -> str:
    """Changes whenever the generator's code does, so a cached file is never stale."""
    digest = hashlib.sha256(f"{rows}:{seed}:{AS_OF.isoformat()}".encode())
    for source in (Path(demo.__file__), Path(__file__)):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]
