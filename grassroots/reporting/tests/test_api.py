"""The API gives what the pages show, to the same people: a unit's figures with its children's, and the
overdue list below it; outside the caller's units, 404."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.core.indicators import Item
from grassroots.reporting import refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(cast, fake_indicators):  # type: ignore[no-untyped-def]
    a = cast["a"]
    fake_indicators["fake_a"] += [
        Item(a["village1"].pk, dt.date(2026, 2, 1), "Meeting 1", 1, 1),
        Item(a["village1"].pk, dt.date(2026, 2, 2), "Meeting 2", 0, 1, deadline=dt.date(2026, 3, 1), overdue=True,
             responsible="village head", url="/m/2/"),
    ]  # fmt: skip
    refresh.refresh_commune(a["commune"], dt.date(2026, 5, 20))


def test_the_figures_of_a_unit_and_its_children_with_no_data_as_null(client, sign_in, cast, filled):
    sign_in(client, cast["steering_a"])
    body = client.get("/api/v1/reporting/units/AP/figures?period=Q&start=2026-02-15").json()
    assert body["period"] == {"kind": "Q", "start": "2026-01-01", "end": "2026-03-31", "label": body["period"]["label"]}
    assert body["figures"]["fake_a"] == {"numerator": 1, "denominator": 2, "items": 2, "percent": 50.0}
    assert body["figures"]["fake_b"] is None
    children = {c["code"]: c["figures"] for c in body["children"]}
    assert children["AC"]["fake_a"]["percent"] == 50.0 and children["AD"]["fake_a"] is None


def test_the_overdue_list_below_a_unit(client, sign_in, cast, filled):
    sign_in(client, cast["official_ac"])
    [item] = client.get("/api/v1/reporting/units/AC/overdue").json()["items"]
    assert item["unit"] == "AC-1" and item["deadline"] == "2026-03-01" and item["responsible"] == "village head"
    assert client.get("/api/v1/reporting/units/AC/overdue?indicator=fake_b").json()["items"] == []


def test_a_commune_official_gets_404_on_another_commune_and_on_the_province(client, sign_in, cast, filled):
    sign_in(client, cast["official_ac"])
    for code in ["AD", "AP", "BC"]:
        assert client.get(f"/api/v1/reporting/units/{code}/figures").status_code == 404
        assert client.get(f"/api/v1/reporting/units/{code}/overdue").status_code == 404


def test_a_bad_period_is_a_422(client, sign_in, cast, filled):
    sign_in(client, cast["steering_a"])
    assert client.get("/api/v1/reporting/units/AP/figures?period=W").status_code == 422


def test_each_indicator_gives_its_rule_in_shorthand_and_in_the_official_form_of_the_request(
    client, sign_in, cast, filled
):
    """The API speaks the language the request is answered in, as its titles and labels (Vietnamese: the API's
    paths carry no language prefix)."""
    sign_in(client, cast["steering_a"])
    body = client.get("/api/v1/reporting/units/AP/figures").json()
    fake_a = next(i for i in body["indicators"] if i["code"] == "fake_a")
    assert fake_a["citation"] == "Law Art 11"
    assert fake_a["citation_text"] == "Điều 11 Luật Thực hiện dân chủ ở cơ sở"


@pytest.mark.parametrize("start", ["2026-13-01", "yesterday", "1999-12-31"])
def test_a_start_that_is_not_a_day_is_a_422_naming_the_field(client, sign_in, cast, filled, start):
    sign_in(client, cast["steering_a"])
    response = client.get(f"/api/v1/reporting/units/AP/figures?period=Q&start={start}")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("start:")


def test_the_overdue_list_is_paginated_with_its_total(client, sign_in, cast, fake_indicators):
    village = cast["a"]["village1"]
    fake_indicators["fake_a"] += [
        Item(village.pk, dt.date(2026, 2, 1), f"Late {i:03d}", 0, 1, deadline=dt.date(2026, 2, 10), overdue=True)
        for i in range(60)
    ]
    refresh.refresh_commune(cast["a"]["commune"], dt.date(2026, 5, 20))
    sign_in(client, cast["steering_a"])
    first = client.get("/api/v1/reporting/units/AP/overdue").json()
    assert first["count"] == 60 and len(first["items"]) == 50
    second = client.get("/api/v1/reporting/units/AP/overdue?page=2").json()
    assert len(second["items"]) == 10
    titles = {i["title"] for i in first["items"]} | {i["title"] for i in second["items"]}
    assert len(titles) == 60
    assert client.get("/api/v1/reporting/units/AP/overdue?page_size=500").json()["count"] == 60
    assert client.get("/api/v1/reporting/units/AP/overdue?page_size=501").status_code == 422
    schema = client.get("/api/v1/openapi.json").json()
    overdue = schema["paths"]["/api/v1/reporting/units/{code}/overdue"]["get"]
    page = overdue["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][page]["properties"]) == {"items", "count"}
    assert "days_overdue" in schema["components"]["schemas"]["OverdueOut"]["properties"]


def test_a_token_reads_what_its_holder_may_and_nothing_else(client, cast, filled):
    from grassroots.accounts.tokens import create_token

    headers = {"Authorization": f"Bearer {create_token(cast['official_ac'], 'dashboard')}"}
    assert client.get("/api/v1/reporting/units/AC/figures", headers=headers).status_code == 200
    assert client.get("/api/v1/reporting/units/AC/overdue", headers=headers).json()["count"] == 1
    for code in ["AD", "AP", "BC", "AD-1"]:
        assert client.get(f"/api/v1/reporting/units/{code}/figures", headers=headers).status_code == 404
        assert client.get(f"/api/v1/reporting/units/{code}/overdue", headers=headers).status_code == 404
    assert client.get("/api/v1/reporting/units/AC/figures", headers={"Authorization": "Bearer nope"}).status_code == 401
