"""The JSON API: the caller's projects, one project in full, and the open data (auth=None, no personal data);
a user of another commune is refused (404) and sees none of commune A's projects."""

import pytest

from .test_views import _recommended

pytestmark = pytest.mark.django_db


def test_the_console_read_and_one_project_in_full(client, sign_in, cast):
    board, _rec = _recommended(cast)
    sign_in(client, cast["front"])
    [row] = client.get("/api/v1/investment-supervision/").json()["items"]
    assert row["id"] == board.project.pk and row["progress"]["total"] == 10
    body = client.get(f"/api/v1/investment-supervision/{board.project.pk}").json()
    assert {p["role"] for p in body["parties"]} == {"investor", "contractor"}
    assert body["recommendations"][0]["overdue"] is True


def test_a_user_of_another_commune_is_refused(client, sign_in, cast):
    board, _rec = _recommended(cast)
    sign_in(client, cast["official_b"])
    assert client.get("/api/v1/investment-supervision/").json()["items"] == []
    assert client.get(f"/api/v1/investment-supervision/{board.project.pk}").status_code == 404


def test_the_open_data_gives_progress_recommendations_and_answers_to_anyone(client, cast):
    _board, _rec = _recommended(cast)
    body = client.get(f"/api/v1/investment-supervision/open/{cast['a']['commune'].code}").json()
    [project] = body["projects"]
    assert project["recommendations"][0]["answer_due_on"] and "parties" not in project and "notes" not in project
    assert {m["name"] for m in project["members"]} >= {"Nguyễn Văn Mặt"}
    assert client.get("/api/v1/investment-supervision/open/NOPE").status_code == 404
