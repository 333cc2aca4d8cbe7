"""Importing the household register from the browser: upload checks, the background job, access."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.csvimport import ImportFailed, Problem
from grassroots.core.models import AuditEvent
from grassroots.people import imports
from grassroots.people.crypto import decrypt_national_id
from grassroots.people.importing import validate_residents
from grassroots.people.models import Household, ImportJob, Resident
from grassroots.people.tasks import run_import_job

pytestmark = pytest.mark.django_db

HEADER = "household_code,unit_code,address,full_name,birth_date,sex,national_id,phone,is_representative\n"
# Province code 001, so that no number collides with those of the factories (038…).
GOOD_ROWS = [
    "W1,AC-1,Số 1 Lê Lợi,Nguyễn Văn An,1970-03-02,M,001070000001,0912 345 678,1",
    "W1,AC-1,Số 1 Lê Lợi,Trần Thị Bình,02/09/1972,Nữ,001172000002,,0",
    "W1,AC-1,Số 1 Lê Lợi,Nguyễn Văn Cường,2010-01-01,Nam,001210000003,,0",
    "W2,AC-2,Xóm 3,Lê Thị Dung,1990-12-31,F,001190000004,+84987654321,1",
    "W3,AC-2,Xóm 4,Phạm Văn Em,2000-06-15,M,001200000005,,1",
]
BAD_ROWS = [
    "W1,AC-1,Số 1 Lê Lợi,Nguyễn Văn An,1970-03-02,M,001070000001,0912 345 678,1",  # 2: fine
    "W1,AC-1,Số 1 Lê Lợi,Trần Thị Bình,02/09/1972,Nữ,00117200000,,0",  # 3: ID has 11 digits
    "W1,AC-1,Số 1 Lê Lợi,Nguyễn Văn Cường,2099-01-01,Nam,001210000003,,0",  # 4: born in the future
    "W2,ZZ-9,Xóm 3,Lê Thị Dung,1990-12-31,F,001190000004,,1",  # 5: unknown unit
    "W4,AC-2,Xóm 5,Hồ Thị Gấm,1985-01-01,F,001070000001,,1",  # 6: same ID as row 2
    "W5,AC-2,Xóm 6,Vũ Văn Hòa,ngày 5,M,001085000006,,1",  # 7: not a date
    "W6,AC-2,Xóm 7,Đỗ Văn Ích,1960-01-01,M,001060000007,,0",  # 8: household without representative
    "W9,AC-2,Xóm 9,Lý Thị Nga,1980-01-01,X,001180000011,,1",  # 9: unknown sex
    "W10,AC-2,Xóm 9,Cao Văn Oanh,1980-01-01,M,001080000012,12345,1",  # 10: bad phone
]
BAD_EXPECTED = [
    (3, "national_id"), (4, "birth_date"), (5, "unit_code"), (6, "national_id"), (7, "birth_date"),
    (8, "is_representative"), (9, "sex"), (10, "phone"),
]  # fmt: skip
NATIONAL_ID = re.compile(r"\d{9,}")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _csv(rows: list[str], name: str = "residents.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (HEADER + "\n".join(rows) + "\n").encode(), content_type="text/csv")


def _upload_url(code: str = "AC", lang: str = "") -> str:
    return f"{lang}/register/unit/{code}/import/"


def _upload(client, upload, django_capture_on_commit_callbacks, *, lang: str = "/en"):  # type: ignore[no-untyped-def]
    """POST the file; the task is queued on commit and, with the immediate backend, runs there."""
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(_upload_url(lang=lang), {"file": upload})


def _stored_files(media) -> list:  # type: ignore[no-untyped-def]
    folder = media / "imports"
    return list(folder.iterdir()) if folder.exists() else []


def _register_counts() -> tuple[int, int]:
    return Household.objects.count(), Resident.objects.count()


def test_a_clean_file_is_imported_in_the_background_and_the_counts_match(
    client, world, sign_in, django_capture_on_commit_callbacks
):
    sign_in(client, world["official_a"])
    before = _register_counts()
    response = _upload(client, _csv(GOOD_ROWS), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/register/import/{job.pk}/"
    assert job.status == ImportJob.Status.SUCCEEDED
    assert (job.household_count, job.resident_count, job.error_count) == (3, 5, 0)
    assert job.rows_total == 5 and job.started_at and job.finished_at
    assert job.unit == world["a"]["commune"] and job.uploaded_by == world["official_a"]
    assert job.original_name == "residents.csv"
    assert _register_counts() == (before[0] + 3, before[1] + 5)
    assert set(Household.objects.filter(code__in=["W1", "W2", "W3"]).values_list("unit__code", flat=True)) == {
        "AC-1",
        "AC-2",
    }
    body = client.get(response["Location"]).content.decode()
    assert "3 households were imported." in body and "5 residents were imported." in body
    assert 'hx-trigger="every 2s"' not in body


def test_a_file_with_mistakes_reports_every_bad_row_and_writes_nothing(
    client, world, sign_in, django_capture_on_commit_callbacks
):
    sign_in(client, world["official_a"])
    before = _register_counts()
    response = _upload(client, _csv(BAD_ROWS), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    found = {(p["row"], p["field"]) for p in job.problems}
    for expected in BAD_EXPECTED:
        assert expected in found, (expected, job.problems)
    assert not any(p["row"] == 2 for p in job.problems)
    assert job.error_count == len(job.problems)
    assert _register_counts() == before
    assert not AuditEvent.objects.filter(verb="people.residents_imported").exists()
    body = client.get(response["Location"]).content.decode()
    assert "problems were found, so nothing was imported" in body
    for row, field in BAD_EXPECTED:
        assert re.search(rf'<td class="num">{row}</td>\s*<td><code>{field}</code></td>', body), (row, field)


def test_a_village_of_another_commune_is_refused_by_row(client, world, sign_in, django_capture_on_commit_callbacks):
    sign_in(client, world["official_a"])
    rows = [*GOOD_ROWS, "W4,BC-1,Xóm 1,Hà Văn Phúc,1975-05-05,M,001075000013,,1"]
    _upload(client, _csv(rows), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert [(p["row"], p["field"]) for p in job.problems] == [(7, "unit_code")]
    assert job.problems[0]["message"] == "unit BC-1 is not a village or residential group of Xã A"
    assert not Household.objects.filter(code__in=["W1", "W4"]).exists()


def test_a_duplicate_in_another_commune_is_reported_without_saying_where(
    client, world, sign_in, django_capture_on_commit_callbacks
):
    """Issue 8: the import of commune A is no oracle on commune B's register."""
    sign_in(client, world["official_a"])
    in_b, in_a = world["households"]["b1"], world["households"]["a1"]
    id_in_b = decrypt_national_id(in_b.memberships.first().resident.national_id_encrypted)
    id_in_a = decrypt_national_id(in_a.memberships.first().resident.national_id_encrypted)
    rows = [
        f"{in_b.code},AC-1,Xóm 1,Hà Văn Phúc,1975-05-05,M,001075000013,,1",  # 2: a household code of B
        f"W7,AC-2,Xóm 2,Hồ Văn Quý,1980-05-17,M,{id_in_b},,1",  # 3: a person registered in B
        f"W8,AC-2,Xóm 3,Lò Văn Sơn,1980-05-17,M,{id_in_a},,1",  # 4: a person registered in A
        f"{in_a.code},AC-1,Xóm 4,Mai Văn Tú,1976-05-05,M,001076000014,,1",  # 5: a household code of A
    ]
    _upload(client, _csv(rows), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    messages = {(p["row"], p["field"]): p["message"] for p in job.problems}
    assert messages == {
        (2, "household_code"): f"household code {in_b.code} is already used in another commune; "
        "give this household another code",
        (3, "national_id"): "this national ID number is already registered in another commune; a person is "
        "registered in one place only, so if they moved here, the commune they left must first record the move",
        (4, "national_id"): "this national ID number is already in the register of this commune",
        (5, "household_code"): f"household {in_a.code} is already in the register of this commune",
    }
    commune_b = world["b"]["commune"]
    village_b = world["b"]["village1"]
    said = " ".join(messages.values())
    for secret in [commune_b.name, commune_b.code, village_b.name, village_b.code, in_b.address]:
        assert secret not in said


def test_the_commune_restriction_changes_nothing_without_a_commune(world, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "W4,BC-1,Xóm 1,Hà Văn Phúc,1975-05-05,M,001075000013,,1\n", encoding="utf-8")
    assert validate_residents(path, as_of=dt.date(2026, 1, 1)).rows == 1
    with pytest.raises(ImportFailed):
        validate_residents(path, as_of=dt.date(2026, 1, 1), within=world["a"]["commune"])
    assert validate_residents(path, as_of=dt.date(2026, 1, 1), within=world["b"]["commune"]).rows == 1


def test_problem_messages_never_carry_a_national_id_number(client, world, sign_in, django_capture_on_commit_callbacks):
    sign_in(client, world["official_a"])
    # Columns shifted: the national ID number sits where the date, the unit and the phone belong.
    rows = [
        "W1,001070000021,Số 1,Nguyễn Văn An,001070000022,M,001070000023,001 070 000 024,1",
        "W2,AC-1,Số 2,Lê Văn Bảo,1970-01-01,001070000025,001070000026,001.070.000.027,1",
    ]
    _upload(client, _csv(rows), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED and len(job.problems) >= 4
    stored = " ".join(p["message"] for p in job.problems)
    assert not NATIONAL_ID.search(re.sub(r"[ .\-]", "", stored)), stored
    assert "•••••••••022" in stored  # masked like everywhere else: the last three digits only


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("residents.txt", (HEADER + GOOD_ROWS[0]).encode(), "Only .csv files can be imported."),
        ("residents.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "The file is not a text file."),
        ("residents.csv", (HEADER + GOOD_ROWS[0]).encode("utf-16"), "The file is in UTF-16 or UTF-32"),
        ("residents.csv", (HEADER + GOOD_ROWS[0]).encode("cp1258", errors="replace"), "The file is not UTF-8 text"),
        ("residents.csv", b"just some words\nand more\n", "The first line of the file is not a header"),
        ("residents.csv", b"", "The submitted file is empty."),
        ("residents.csv", b"household_code,full_name\nW1,An\n", "The header lacks these columns: unit_code, address"),
    ],
)
def test_a_file_that_is_not_a_register_csv_is_refused_on_the_file_field(
    client, world, sign_in, media, django_capture_on_commit_callbacks, name, content, message
):
    sign_in(client, world["official_a"])
    response = _upload(client, SimpleUploadedFile(name, content), django_capture_on_commit_callbacks)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert list(errors) == ["file"] and message in errors["file"][0]
    assert message in response.content.decode()
    assert not ImportJob.objects.exists() and _stored_files(media) == []


def test_an_oversized_file_is_refused_on_the_file_field(
    client, world, sign_in, settings, media, django_capture_on_commit_callbacks
):
    settings.MAX_UPLOAD_MB = 1
    sign_in(client, world["official_a"])
    big = (HEADER + GOOD_ROWS[0] + "\n") * (1024 * 1024 // len(HEADER + GOOD_ROWS[0]) + 1)
    response = _upload(client, SimpleUploadedFile("residents.csv", big.encode()), django_capture_on_commit_callbacks)
    assert response.status_code == 422
    assert response.context["form"].errors["file"] == ["The file is larger than 1 MB."]
    assert not ImportJob.objects.exists() and _stored_files(media) == []


def test_the_upload_needs_a_csrf_token(world, sign_in):
    client = sign_in(Client(enforce_csrf_checks=True), world["official_a"])
    assert client.post(_upload_url(), {"file": _csv(GOOD_ROWS)}).status_code == 403
    assert not ImportJob.objects.exists()


def test_the_upload_writes_an_audit_event_and_queues_the_task_on_commit(
    client, world, sign_in, django_capture_on_commit_callbacks
):
    sign_in(client, world["official_a"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(_upload_url(), {"file": _csv(GOOD_ROWS, name="Nguyễn Văn An 001070000001.csv")})
    assert len(callbacks) == 1
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.QUEUED  # nothing runs before the commit
    event = AuditEvent.objects.get(verb="people.register_import_queued")
    assert event.actor == world["official_a"] and event.target_id == str(job.pk)
    assert event.unit_id == world["a"]["commune"].pk
    assert "001070000001" not in str(event.data) and "Nguyễn" not in str(event.data)
    assert re.fullmatch(r"imports/[0-9a-f-]{36}\.csv", job.stored_name)
    callbacks[0]()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED
    imported = AuditEvent.objects.get(verb="people.residents_imported")
    assert imported.actor == world["official_a"] and imported.data["residents"] == 5
    assert "001070000001" not in str(imported.data)


@pytest.mark.parametrize("rows", [GOOD_ROWS, BAD_ROWS], ids=["succeeded", "failed"])
def test_the_stored_file_is_deleted_when_the_job_finishes(
    client, world, sign_in, media, django_capture_on_commit_callbacks, rows
):
    sign_in(client, world["official_a"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(_upload_url(), {"file": _csv(rows)})
    job = ImportJob.objects.get()
    stored = media / job.stored_name
    assert stored.exists() and stored.read_text(encoding="utf-8").startswith("household_code")
    assert stored.stat().st_mode & 0o077 == 0  # readable by the application only
    callbacks[0]()
    job.refresh_from_db()
    assert job.is_finished and job.stored_name == ""
    assert not stored.exists() and _stored_files(media) == []


def test_an_unexpected_error_fails_the_job_and_still_deletes_the_file(world, media, monkeypatch):
    job = _queued_job(world, media)
    path = media / job.stored_name

    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(imports, "import_residents", boom)
    with pytest.raises(RuntimeError):
        imports.run_resident_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.error_count == 1
    assert "unexpected error" in job.problems[0]["message"]
    assert not path.exists()


def test_a_job_runs_only_once(world, media):
    job = _queued_job(world, media)
    run_import_job.enqueue(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED
    before = _register_counts()
    run_import_job.enqueue(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.SUCCEEDED and _register_counts() == before


def _queued_job(world, media, rows=GOOD_ROWS) -> ImportJob:  # type: ignore[no-untyped-def]
    (media / "imports").mkdir(parents=True, exist_ok=True)
    (media / "imports" / "x.csv").write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return ImportJob.objects.create(
        uploaded_by=world["official_a"], unit=world["a"]["commune"], stored_name="imports/x.csv",
        original_name="residents.csv", size=100, language="en",
    )  # fmt: skip


# Access: the same setup for the allowed and the denied (STYLE 2.12).


def test_an_official_of_the_commune_sees_the_upload_page_and_the_recent_jobs(client, world, sign_in, media):
    job = _queued_job(world, media)
    sign_in(client, world["official_a"])
    response = client.get(_upload_url(lang="/en"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'enctype="multipart/form-data"' in body and "csrfmiddlewaretoken" in body
    assert f"/en/register/import/{job.pk}/" in body and "residents.csv" in body


def test_an_official_of_another_commune_gets_404_for_the_upload_page_and_the_job(
    client, world, sign_in, media, django_capture_on_commit_callbacks
):
    job = _queued_job(world, media)
    sign_in(client, world["official_b"])
    assert client.get(_upload_url("AC")).status_code == 404
    assert _upload(client, _csv(GOOD_ROWS), django_capture_on_commit_callbacks, lang="").status_code == 404
    assert client.get(f"/register/import/{job.pk}/").status_code == 404
    assert client.get(f"/register/import/{job.pk}/", headers={"HX-Request": "true"}).status_code == 404
    assert ImportJob.objects.count() == 1
    # …while the same official may import into commune B.
    assert client.get(_upload_url("BC")).status_code == 200


@pytest.mark.parametrize("who", ["head_a1", "resident_a1"])
def test_a_village_head_or_a_resident_gets_404_for_the_upload_page(client, world, sign_in, media, who):
    """404, not 403: neither may even read the register of the commune, so, as on every register
    page, they must not learn whether it exists. The village head's own village has no upload page
    either: the file covers a commune."""
    job = _queued_job(world, media)
    sign_in(client, world[who])
    assert client.get(_upload_url("AC")).status_code == 404
    assert client.get(_upload_url("AC-1")).status_code == 404
    assert client.post(_upload_url("AC"), {"file": _csv(GOOD_ROWS)}).status_code == 404
    assert client.get(f"/register/import/{job.pk}/").status_code == 404
    assert not ImportJob.objects.exclude(pk=job.pk).exists()


def test_an_administrator_who_may_read_but_not_keep_the_register_gets_403(client, world, sign_in):
    admin = UserFactory(username="admin_a")
    grant(admin, world["a"]["province"], Role.SYSTEM_ADMIN)
    sign_in(client, admin)
    assert client.get("/register/unit/AC/").status_code == 200
    assert client.get(_upload_url("AC")).status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, world, media):
    job = _queued_job(world, media)
    for url in (_upload_url("AC"), f"/register/import/{job.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post(_upload_url("AC"), {"file": _csv(GOOD_ROWS)})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert ImportJob.objects.count() == 1


def test_the_register_links_to_the_upload_page_only_for_those_who_may_import(client, world, sign_in):
    sign_in(client, world["official_a"])
    assert _upload_url("AC") in client.get("/register/unit/AC/").content.decode()
    sign_in(client, world["head_a1"])
    body = client.get("/register/unit/AC-1/").content.decode()
    assert "/import/" not in body


# The job page: progress with htmx polling, and without JavaScript.


def test_a_running_job_polls_with_htmx_and_offers_a_reload_link(client, world, sign_in, media):
    job = _queued_job(world, media)
    ImportJob.objects.filter(pk=job.pk).update(status="running", started_at=job.created_at, phase="validate",
                                               rows_done=200_000, rows_total=800_000)  # fmt: skip
    sign_in(client, world["official_a"])
    url = f"/en/register/import/{job.pk}/"
    body = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in body and f'hx-get="{url}"' in body
    assert "200,000 of about 800,000 rows checked" in body
    assert f'<a href="{url}">Reload</a>' in body and "<html" in body
    response = client.get(url, headers={"HX-Request": "true"})
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<section id="job-status"') and "<html" not in fragment
    assert 'hx-trigger="every 2s"' in fragment and "HX-Request" in response["Vary"]


def test_the_polling_stops_when_the_job_is_finished(client, world, sign_in, media):
    job = _queued_job(world, media)
    imports.run_resident_import(job.pk)
    sign_in(client, world["official_a"])
    fragment = client.get(f"/en/register/import/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<section id="job-status"')
    assert "hx-trigger" not in fragment and "Reload" not in fragment
    assert "5 residents were imported." in fragment


def test_a_long_list_of_problems_is_paginated(client, world, sign_in, media):
    job = _queued_job(world, media)
    problems = [Problem(row, "sex", f"problem on row {row}") for row in range(2, 122)]
    ImportJob.objects.filter(pk=job.pk).update(started_at=job.created_at)
    imports._finish(job.pk, ImportJob.Status.FAILED, problems)
    sign_in(client, world["official_a"])
    url = f"/en/register/import/{job.pk}/"
    first = client.get(url).content.decode()
    assert "120 problems were found, so nothing was imported." in first
    assert "problem on row 51<" in first and "problem on row 52<" not in first
    assert "Page 1 of 3" in first and "?page=2" in first
    third = client.get(url, {"page": 3}).content.decode()
    assert "problem on row 121<" in third and "problem on row 2<" not in third


def test_a_cell_past_the_csv_field_limit_fails_the_job_with_a_problem(world, media):
    job = _queued_job(world, media, rows=[GOOD_ROWS[0].replace("Số 1 Lê Lợi", "x" * 200_000)])
    imports.run_resident_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.error_count == 1
    assert "cannot be read as CSV" in job.problems[0]["message"] and job.problems[0]["row"] == 2
    assert _stored_files(media) == []


# The worker: `make run` starts it; a page says so when queued work waits with nobody to run it.


def _waiting_task(minutes: int) -> None:
    import datetime as dt

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    row = DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="x.y", backend_name="default",
                                      run_after=get_date_max())  # fmt: skip
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - dt.timedelta(minutes=minutes))


@pytest.mark.parametrize(("minutes", "warned"), [(1, False), (10, True)])
def test_the_job_page_says_when_the_worker_is_not_running(client, world, sign_in, media, settings, minutes, warned):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WORKER_LATE_SECONDS = 120
    job = _queued_job(world, media)
    _waiting_task(minutes)
    sign_in(client, world["official_a"])
    body = client.get(f"/en/register/import/{job.pk}/").content.decode()
    assert ("does not seem to be running" in body) is warned
