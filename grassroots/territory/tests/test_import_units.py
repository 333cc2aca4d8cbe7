import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from grassroots.core.models import AuditEvent
from grassroots.territory.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HEADER = "code,name,kind,parent_code,valid_from,valid_to,successor_codes\n"
GOOD = (
    HEADER + "38,Tỉnh Thanh Hóa,province,,,,\n"
    "380,Thành phố Thanh Hóa,district,38,,2025-07-01,\n"
    "14755,Phường Điện Biên,ward,380,,01/07/2025,14758\n"
    "14758,Phường Hạc Thành,ward,38,2025-07-01,,\n"
    "14758-01,Tổ dân phố 1,residential_group,14758,2025-07-01,,\n"
    "16000,Xã Đông Tiến,commune,38,,,\n"
    "16000-01,Thôn 1,village,16000,,,\n"
)
BAD = (
    HEADER + "38,Tỉnh Thanh Hóa,province,,,,\n"  # row 2 fine
    "14758,Phường Hạc Thành,ward,38,2025-07-01,,\n"  # row 3 fine
    "14758,Phường Trùng,ward,38,,,\n"  # row 4: duplicate code
    "X1,,village,14758,,,\n"  # row 5: empty name
    "X2,Thôn X,hamlet,14758,,,\n"  # row 6: unknown kind
    "X3,Thôn Y,village,99999,,,\n"  # row 7: unknown parent
    "X4,Thôn Z,village,38,,,\n"  # row 8: village directly under a province
    "X5,Thôn W,village,14758,31/02/2025,,\n"  # row 9: impossible date
    "X6,Thôn V,village,14758,2025-07-01,2025-01-01,\n"  # row 10: ends before it starts
    "X7,Thôn U,village,14758,,,NOPE\n"  # row 11: unknown successor
    "X/8,Thôn T,village,14758,,,\n"  # row 12: slash in code
)


def _write(tmp_path, text, name="units.csv"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_with_mistakes_reports_every_bad_row_and_writes_nothing(tmp_path, capsys):
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_units", str(_write(tmp_path, BAD)))
    err = capsys.readouterr().err
    expected = [
        ("4", "code"), ("5", "name"), ("6", "kind"), ("7", "parent_code"), ("8", "parent_code"),
        ("9", "valid_from"), ("10", "valid_to"), ("11", "successor_codes"), ("12", "code"),
    ]  # fmt: skip
    lines = err.strip().splitlines()
    for row, field in expected:
        assert any(f"row {row}," in line and field in line for line in lines), (row, field, err)
    assert not any("row 2," in line or "row 3," in line for line in lines)
    assert Unit.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_the_corrected_file_imports_with_matching_counts(tmp_path, capsys):
    call_command("import_units", str(_write(tmp_path, GOOD)))
    assert "Created: 7;" in capsys.readouterr().out
    assert Unit.objects.count() == 7
    ward = Unit.objects.get(code="14758")
    assert ward.path == "/38/14758/"
    assert Unit.objects.get(code="14755").successors.get() == ward
    assert Unit.objects.get(code="14755").valid_to.isoformat() == "2025-07-01"
    assert set(Unit.objects.descendants_of(ward).values_list("code", flat=True)) == {"14758-01"}
    assert AuditEvent.objects.filter(verb="territory.units_imported").count() == 1


def test_children_may_come_before_their_parents_in_the_file(tmp_path):
    lines = GOOD.splitlines()
    reordered = "\n".join([lines[0], *reversed(lines[1:])]) + "\n"
    call_command("import_units", str(_write(tmp_path, reordered)))
    assert Unit.objects.get(code="16000-01").parent.code == "16000"


def test_a_second_import_updates_names_and_keeps_the_rest(tmp_path, capsys):
    call_command("import_units", str(_write(tmp_path, GOOD)))
    call_command("import_units", str(_write(tmp_path, GOOD.replace("Thôn 1,", "Thôn Một,"), "again.csv")))
    assert "updated: 1; unchanged: 6." in capsys.readouterr().out
    assert Unit.objects.get(code="16000-01").name == "Thôn Một"


def test_moving_an_existing_unit_under_another_parent_is_refused(tmp_path, capsys):
    call_command("import_units", str(_write(tmp_path, GOOD)))
    moved = GOOD.replace("16000-01,Thôn 1,village,16000", "16000-01,Thôn 1,village,14758")
    with pytest.raises(CommandError):
        call_command("import_units", str(_write(tmp_path, moved, "moved.csv")))
    assert "another parent" in capsys.readouterr().err


def test_missing_columns_are_named(tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("import_units", str(_write(tmp_path, "code,name\n1,A\n")))
    assert "kind" in capsys.readouterr().err


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="not found"):
        call_command("import_units", str(tmp_path / "nope.csv"))


def test_a_parent_cycle_is_refused(tmp_path):
    text = HEADER + "D1,Quận 1,district,D2,,,\nD2,Quận 2,district,D1,,,\n"
    with pytest.raises(CommandError):
        call_command("import_units", str(_write(tmp_path, text)))
    assert Unit.objects.count() == 0
