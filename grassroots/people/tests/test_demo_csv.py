"""The demo register files go through the CSV helper like every other CSV the platform writes."""

import csv

from grassroots.people import demo


def test_demo_unit_file_keeps_a_formula_like_name_as_text(tmp_path):
    path = tmp_path / "units.csv"
    spec = demo.UnitSpec("X1", "=cmd|' /C calc'!A0", "commune", "", "2025-07-01")
    demo.write_units_csv(path, [spec])
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
