import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from grassroots.core.models import AuditEvent
from grassroots.people.actions import household_count_on
from grassroots.people.crypto import decrypt_national_id, national_id_hash
from grassroots.people.models import Household, HouseholdLocation, Membership, Representation, Resident
from grassroots.territory.tests.factories import make_tree

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HEADER = "household_code,unit_code,address,full_name,birth_date,sex,national_id,phone,is_representative\n"
GOOD_ROWS = [
    "H1,AC-1,Số 1 Lê Lợi,Nguyễn Văn An,1970-03-02,M,038070000001,0912 345 678,1",
    "H1,AC-1,Số 1 Lê Lợi,Trần Thị Bình,02/09/1972,Nữ,038172000002,,0",
    "H1,AC-1,Số 1 Lê Lợi,Nguyễn Văn Cường,2010-01-01,Nam,038210000003,,0",
    "H2,AC-2,Xóm 3,Lê Thị Dung,1990-12-31,F,038190000004,+84987654321,1",
    "H3,AC-2,Xóm 4,Phạm Văn Em,2000-06-15,M,038200000005,,1",
]
BAD_ROWS = [
    "H1,AC-1,Số 1 Lê Lợi,Nguyễn Văn An,1970-03-02,M,038070000001,0912 345 678,1",  # 2: fine
    "H1,AC-1,Số 1 Lê Lợi,Trần Thị Bình,02/09/1972,Nữ,38172000002,,0",  # 3: ID has 11 digits
    "H1,AC-1,Số 1 Lê Lợi,Nguyễn Văn Cường,2099-01-01,Nam,038210000003,,0",  # 4: born in the future
    "H2,ZZ-9,Xóm 3,Lê Thị Dung,1990-12-31,F,038190000004,,1",  # 5: unknown unit
    "H3,AC,Xóm 4,Phạm Văn Em,2000-06-15,M,038200000005,,1",  # 6: a commune, not a village
    "H4,AC-2,Xóm 5,Hồ Thị Gấm,1985-01-01,F,038070000001,,1",  # 7: same ID as row 2
    "H5,AC-2,Xóm 6,Vũ Văn Hòa,ngày 5,M,038085000006,,1",  # 8: unparseable date
    "H6,AC-2,Xóm 7,Đỗ Văn Ích,1960-01-01,M,038060000007,,0",  # 9: household without representative
    "H7,AC-2,Xóm 8,Bùi Văn Khoa,1960-01-01,M,038060000008,,1",  # 10
    "H7,AC-2,Xóm 8,Bùi Thị Lan,1962-01-01,F,038162000009,,1",  # 11: second representative
    "H8,AC-2,Xóm 9,Ngô Văn Minh,2015-01-01,M,038215000010,,1",  # 12: representative under 18
    "H9,AC-2,Xóm 9,Lý Thị Nga,1980-01-01,X,038180000011,,1",  # 13: unknown sex
    "H10,AC-2,Xóm 9,Cao Văn Oanh,1980-01-01,M,038080000012,12345,1",  # 14: bad phone
]
AS_OF = dt.date(2026, 1, 15)


@pytest.fixture
def tree():  # type: ignore[no-untyped-def]
    return make_tree("A", villages=2)


def _write(tmp_path, rows, name="residents.csv"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def _counts() -> tuple[int, ...]:
    return (Household.objects.count(), Resident.objects.count(), Membership.objects.count(),
            Representation.objects.count(), HouseholdLocation.objects.count(), AuditEvent.objects.count())  # fmt: skip


def test_every_bad_row_is_reported_by_number_and_field_and_nothing_is_written(tree, tmp_path, capsys):
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_residents", _write(tmp_path, BAD_ROWS), "--as-of", AS_OF.isoformat(), "--quiet")
    lines = capsys.readouterr().err.strip().splitlines()
    expected = [
        (3, "national_id"), (4, "birth_date"), (5, "unit_code"), (6, "unit_code"), (7, "national_id"),
        (8, "birth_date"), (9, "is_representative"), (11, "is_representative"), (12, "is_representative"),
        (13, "sex"), (14, "phone"),
    ]  # fmt: skip
    for row, field in expected:
        assert any(line.startswith(f"row {row}, column {field}:") for line in lines), (row, field, lines)
    assert not any(line.startswith("row 2,") for line in lines)
    assert not any(line.startswith("row 10,") for line in lines)
    assert _counts() == (0, 0, 0, 0, 0, 0)


def test_the_corrected_file_imports_and_the_counts_match(tree, tmp_path, capsys):
    call_command("import_residents", _write(tmp_path, GOOD_ROWS), "--as-of", AS_OF.isoformat(), "--quiet")
    assert "Households: 3; residents: 5;" in capsys.readouterr().out
    assert _counts() == (3, 5, 5, 3, 3, 1)
    an = Resident.objects.get(full_name="Nguyễn Văn An")
    assert an.phone == "0912345678"
    assert an.national_id_hash == national_id_hash("038070000001")
    assert decrypt_national_id(an.national_id_encrypted) == "038070000001"
    assert "038070000001" not in an.national_id_encrypted
    assert Resident.objects.get(full_name="Trần Thị Bình").birth_date == dt.date(1972, 9, 2)
    assert Representation.objects.get(household__code="H1").resident == an
    assert household_count_on(tree["village2"], AS_OF) == 2
    assert household_count_on(tree["commune"], AS_OF) == 3
    assert household_count_on(tree["commune"], AS_OF - dt.timedelta(days=1)) == 0
    event = AuditEvent.objects.get(verb="people.residents_imported")
    assert event.data["residents"] == 5
    assert "038070000001" not in str(event.data)


def test_a_national_id_already_in_the_register_is_refused(tree, tmp_path, capsys):
    call_command("import_residents", _write(tmp_path, GOOD_ROWS[:1]), "--quiet")
    again = ["H9,AC-1,Số 9,Người Khác,1970-03-02,M,038070000001,,1"]
    with pytest.raises(CommandError):
        call_command("import_residents", _write(tmp_path, again, "again.csv"), "--quiet")
    assert "row 2, column national_id" in capsys.readouterr().err
    assert Resident.objects.count() == 1


def test_a_household_already_in_the_register_is_refused(tree, tmp_path, capsys):
    call_command("import_residents", _write(tmp_path, GOOD_ROWS[:1]), "--quiet")
    again = ["H1,AC-1,Số 9,Người Khác,1971-03-02,M,038071000099,,1"]
    with pytest.raises(CommandError):
        call_command("import_residents", _write(tmp_path, again, "again.csv"), "--quiet")
    assert "row 2, column household_code" in capsys.readouterr().err


def test_an_id_that_disagrees_with_birth_year_or_sex_is_a_warning_not_an_error(tree, tmp_path, capsys):
    rows = ["H1,AC-1,Số 1,Nguyễn Văn An,1971-03-02,F,038070000001,,1"]  # ID says male, born 1970
    call_command("import_residents", _write(tmp_path, rows), "--quiet")
    captured = capsys.readouterr()
    assert "row 2, column national_id: warning" in captured.err
    assert "warnings: 1." in captured.out
    assert Resident.objects.count() == 1


def test_a_household_in_two_villages_is_refused(tree, tmp_path, capsys):
    rows = [GOOD_ROWS[0], GOOD_ROWS[1].replace("AC-1", "AC-2")]
    with pytest.raises(CommandError):
        call_command("import_residents", _write(tmp_path, rows), "--quiet")
    assert "row 3, column unit_code" in capsys.readouterr().err


def test_a_representative_turning_18_on_the_day_is_accepted(tree, tmp_path):
    rows = ["H1,AC-1,Số 1,Nguyễn Văn Trẻ,2008-01-15,M,038208000001,,1"]
    call_command("import_residents", _write(tmp_path, rows), "--as-of", "2026-01-15", "--quiet")
    assert Resident.objects.count() == 1


def test_a_representative_one_day_short_of_18_is_refused(tree, tmp_path, capsys):
    rows = ["H1,AC-1,Số 1,Nguyễn Văn Trẻ,2008-01-16,M,038208000001,,1"]
    with pytest.raises(CommandError):
        call_command("import_residents", _write(tmp_path, rows), "--as-of", "2026-01-15", "--quiet")
    assert "at least 18" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"household_code,unit_code\n", "missing columns"),
        (HEADER.encode(), "no rows"),
        (HEADER.encode() + "H1,AC-1,Số 1".encode("utf-16"), "UTF-8"),
    ],
)
def test_broken_files_get_a_clear_message(tree, tmp_path, capsys, content, message):
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError):
        call_command("import_residents", str(path), "--quiet")
    assert message in capsys.readouterr().err
    assert _counts() == (0, 0, 0, 0, 0, 0)


def test_a_byte_order_mark_from_excel_is_accepted(tree, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(("\ufeff" + HEADER + GOOD_ROWS[0] + "\n").encode("utf-8"))
    call_command("import_residents", str(path), "--quiet")
    assert Resident.objects.count() == 1


def test_progress_is_reported_for_long_files(tree, tmp_path, capsys):
    call_command("import_residents", _write(tmp_path, GOOD_ROWS))
    assert "residents written: 5" in capsys.readouterr().err


def test_messages_are_in_vietnamese_by_default(tree, tmp_path, capsys):
    from django.utils import translation

    with translation.override("vi"), pytest.raises(CommandError) as raised:
        call_command("import_residents", _write(tmp_path, BAD_ROWS[:2]), "--quiet")
    assert "chưa nhập" in str(raised.value)
    assert "dòng 3" in capsys.readouterr().err


def test_a_row_with_more_values_than_columns_is_reported(tree, tmp_path, capsys):
    rows = [GOOD_ROWS[0] + ",surplus"]
    with pytest.raises(CommandError):
        call_command("import_residents", _write(tmp_path, rows), "--quiet")
    assert "row 2, column -: error: the row has 1 more values" in capsys.readouterr().err
    assert _counts() == (0, 0, 0, 0, 0, 0)


def test_a_cell_too_large_for_csv_is_a_clear_problem_not_a_crash(tree, tmp_path, capsys):
    path = tmp_path / "huge.csv"
    path.write_text(
        HEADER + GOOD_ROWS[0] + "\n" + "H2,AC-1,x," + "A" * 200_000 + ",1990-01-01,M,038090000009,,1\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("import_residents", str(path), "--quiet")
    assert "row 3" in capsys.readouterr().err
    assert _counts() == (0, 0, 0, 0, 0, 0)


def test_names_and_addresses_with_quotes_commas_and_line_breaks_are_written_as_they_are(tree, tmp_path):
    """On PostgreSQL the rows go to COPY as CSV text: nothing in a value may be read as CSV syntax or NULL."""
    rows = [
        'H1,AC-1,"Số 1, ngõ ""Hoa"" \\ 2\nXóm Đông",Nguyễn Văn "An",1970-03-02,M,038070000001,,1',
        'H2,AC-2,\\N,"\\N",1972-09-02,F,038172000002,,1',
    ]
    call_command("import_residents", _write(tmp_path, rows), "--as-of", AS_OF.isoformat(), "--quiet")
    first = Resident.objects.get(national_id_hash=national_id_hash("038070000001"))
    assert first.full_name == 'Nguyễn Văn "An"'
    assert first.phone == ""
    assert Household.objects.get(code="H1").address == 'Số 1, ngõ "Hoa" \\ 2\nXóm Đông'
    second = Resident.objects.get(national_id_hash=national_id_hash("038172000002"))
    assert (second.full_name, Household.objects.get(code="H2").address) == ("\\N", "\\N")
