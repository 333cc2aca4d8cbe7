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
