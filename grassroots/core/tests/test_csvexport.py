"""Every CSV the platform writes keeps a cell that a spreadsheet would run as a formula as text (OWASP
CSV injection): `=`, `+`, `-`, `@`, a tab or a carriage return at the start of a cell."""

import ast
import csv
import io
from pathlib import Path

import pytest

from grassroots.core import csvexport

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+84 912", "'+84 912"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Nguyễn Văn A", "Nguyễn Văn A"),
        ("a=b", "a=b"),
        ("", ""),
        ("-3", "-3"),
        ("+1.5", "+1.5"),
    ],
)
def test_a_cell_that_starts_like_a_formula_is_written_as_text(value, written):
    out = io.StringIO()
    csvexport.writer(out).writerow([value, 7, None])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [written, "7", ""]


def test_writerow_returns_what_the_file_returned_for_streaming():
    class Echo:
        def write(self, value: str) -> str:
            return value

    assert csvexport.writer(Echo()).writerow(["=x", 1]) == "'=x,1\r\n"


def test_no_module_writes_csv_except_through_the_core_helper():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "csvexport.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "csv"
                and node.attr in {"writer", "DictWriter"}
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_copy_text_for_the_database_keeps_values_exactly_and_refuses_null():
    text = csvexport.copy_text([("=1+1", "", 'say "no"', 3), ("-x", "a,b\nc", "\\N", 4)])
    assert list(csv.reader(io.StringIO(text))) == [["=1+1", "", 'say "no"', "3"], ["-x", "a,b\nc", "\\N", "4"]]
    assert text.startswith('"=1+1","",')  # every value quoted: COPY never reads a quoted "" as NULL
    with pytest.raises(ValueError, match="NULL"):
        csvexport.copy_text([("a", None)])
