import pytest

pytestmark = pytest.mark.django_db


def test_the_commune_and_village_pages_are_public_with_household_counts(client, world):
    body = client.get("/units/AC/").content.decode()
    assert "Xã A" in body and "Tỉnh A" in body and "Thôn A1" in body
    assert ">2<" in body  # households of commune A
    assert client.get("/units/AC-1/").status_code == 200
    assert client.get("/en/units/AC-1/").status_code == 200


def test_the_unit_browser_starts_at_provinces_and_searches(client, world):
    body = client.get("/units/").content.decode()
    assert "Tỉnh A" in body and "Thôn A1" not in body
    body = client.get("/units/", {"q": "Thôn A"}).content.decode()
    assert "Thôn A1" in body and "Thôn A2" in body and "Tỉnh B" not in body


def test_unknown_unit_is_404(client, world):
    assert client.get("/units/NOPE/").status_code == 404


def test_public_pages_never_show_personal_data(client, world):
    from grassroots.people.models import Resident

    body = client.get("/units/AC-1/").content.decode()
    for resident in Resident.objects.all():
        assert resident.full_name not in body


def test_api_units_are_open_data(client, world):
    data = client.get("/api/v1/units/", {"parent": "AC"}).json()
    assert [u["code"] for u in data["items"]] == ["AC-1", "AC-2"]
    unit = client.get("/api/v1/units/AC").json()
    assert unit["household_count"] == 2 and unit["parent_code"] == "AP"
    assert client.get("/api/v1/units/NOPE").status_code == 404
    assert client.get("/api/v1/openapi.json").status_code == 200
