"""The JSON API: the caller's villages and their standing, one village's conferences, and the open data
(auth=None). Another commune's user is refused (404) or sees nothing of commune A."""

import pytest

from .conftest import closed

pytestmark = pytest.mark.django_db


def test_the_console_read_lists_the_callers_villages_with_their_standing(client, sign_in, cast):
    conference = closed(cast)
    sign_in(client, cast["official_a"])
    body = client.get("/api/v1/annual-conferences/", {"year": conference.year}).json()
    rows = {row["village"]: row for row in body["items"]}
    assert set(rows) == {"AC-1", "AC-2"}
    assert rows["AC-1"]["status"] == "held" and rows["AC-1"]["households_present"] == 2
    assert rows["AC-1"]["households"] == 3


def test_another_communes_user_sees_none_of_commune_a(client, sign_in, cast):
    closed(cast)
    sign_in(client, cast["official_b"])
    rows = client.get("/api/v1/annual-conferences/").json()["items"]
    assert [row["village"] for row in rows] == ["BC-1"]
    assert client.get("/api/v1/annual-conferences/villages/AC-1").status_code == 404


def test_a_village_read_gives_the_minutes_slots_and_the_agreements(client, sign_in, cast):
    closed(cast)
    sign_in(client, cast["head_a1"])
    body = client.get("/api/v1/annual-conferences/villages/AC-1").json()
    [conference] = body["conferences"]
    assert conference["agreed_by"] == ["commune", "front", "inspection"]
    assert conference["reports"]["inspection_report"].startswith("Đã giám sát")
    assert conference["proposals"] == ["Sửa đèn đường"] and conference["minutes_closed"] is True


def test_the_open_data_answers_anyone_with_no_minutes(client, cast):
    conference = closed(cast)
    body = client.get("/api/v1/annual-conferences/open/AC", {"year": conference.year}).json()
    rows = {row["village"]: row for row in body["villages"]}
    assert rows["AC-1"]["status"] == "held" and rows["AC-1"]["last_held_on"] == conference.held_on.isoformat()
    assert rows["AC-2"]["last_held_on"] is None
    assert "reports" not in rows["AC-1"] and "proposals" not in rows["AC-1"]
    assert client.get("/api/v1/annual-conferences/open/nope").status_code == 404


def test_the_private_reads_need_a_login(client, cast):
    assert client.get("/api/v1/annual-conferences/").status_code == 401
    assert client.get("/api/v1/annual-conferences/villages/AC-1").status_code == 401
