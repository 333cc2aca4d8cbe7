"""Excel workbooks go through the CSV import: same checks, row numbers as in Excel, all or nothing."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from grassroots.people.importing import COLUMNS
from grassroots.people.models import Household, ImportJob, Resident
from grassroots.people.spreadsheets import template_csv, template_xlsx

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _xlsx(rows: list[list[object]], name: str = "so_ho.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type=XLSX)


GOOD = [
    # A real date cell, a national ID typed as a number, a phone as text: as Excel users keep them.
    ["X1", "AC-1", "Số 1", "Nguyễn Văn An", dt.datetime(1970, 3, 2), "M", "001070000001", "0912345678", 1],
    ["X1", "AC-1", "Số 1", "Trần Thị Bình", "02/09/1972", "nữ", "001172000002", None, 0],
]


def _upload(client, upload, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/en/register/unit/AC/import/", {"file": upload})


def test_a_clean_workbook_is_imported_like_a_csv_file(client, world, sign_in, django_capture_on_commit_callbacks):
    sign_in(client, world["official_a"])
    rows = [list(r) for r in GOOD]
    response = _upload(client, _xlsx(rows), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.SUCCEEDED, job.problems
    assert job.original_name == "so_ho.xlsx"
    assert (job.household_count, job.resident_count) == (1, 2)
    assert Resident.objects.get(full_name="Nguyễn Văn An").birth_date == dt.date(1970, 3, 2)


def test_a_workbook_with_a_mistake_names_the_excel_row_and_field_and_writes_nothing(
    client, world, sign_in, django_capture_on_commit_callbacks
):
    sign_in(client, world["official_a"])
    rows = [list(r) for r in GOOD]
    rows.insert(1, [None] * 9)  # a blank row 3 in Excel
    rows.append(["X1", "AC-1", "Số 1", "Lê Văn C", "ngày 5", "M", "001085000006", None, 0])  # Excel row 5
    before = Household.objects.count(), Resident.objects.count()
    _upload(client, _xlsx(rows), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert [(p["row"], p["field"]) for p in job.problems] == [(5, "birth_date")]
    assert (Household.objects.count(), Resident.objects.count()) == before


def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused_with_422(client, world, sign_in):
    sign_in(client, world["official_a"])
    fake = SimpleUploadedFile("so_ho.xlsx", b"PK\x03\x04 not really a zip", content_type=XLSX)
    response = client.post("/en/register/unit/AC/import/", {"file": fake})
    assert response.status_code == 422
    assert "not a readable Excel workbook" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_workbook_without_the_columns_is_refused(client, world, sign_in):
    sign_in(client, world["official_a"])
    workbook = Workbook()
    workbook.active.append(["name", "age"])
    out = io.BytesIO()
    workbook.save(out)
    response = client.post(
        "/en/register/unit/AC/import/", {"file": SimpleUploadedFile("x.xlsx", out.getvalue(), content_type=XLSX)}
    )
    assert response.status_code == 422
    assert "household_code" in response.content.decode()


def test_the_templates_are_linked_and_carry_the_header(client, world, sign_in):
    sign_in(client, world["official_a"])
    body = client.get("/en/register/unit/AC/import/").content.decode()
    assert "/register/unit/AC/import/template.xlsx" in body and "/register/unit/AC/import/template.csv" in body
    response = client.get("/register/unit/AC/import/template.csv")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == COLUMNS
    response = client.get("/register/unit/AC/import/template.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    assert [c for c in next(sheet.iter_rows(values_only=True))] == COLUMNS
    assert client.get("/register/unit/AC/import/template.exe").status_code == 404


def test_the_templates_are_refused_to_another_commune(client, world, sign_in):
    sign_in(client, world["official_b"])
    assert client.get("/register/unit/AC/import/template.csv").status_code == 404
    sign_in(client, world["head_a1"])
    assert client.get("/register/unit/AC/import/template.xlsx").status_code in (403, 404)


def test_the_csv_template_reads_as_two_rows_of_one_household():
    rows = list(csv.reader(io.StringIO(template_csv().decode("utf-8-sig"))))
    assert rows[0] == COLUMNS and len(rows) == 3
    assert template_xlsx()[:4] == b"PK\x03\x04"
