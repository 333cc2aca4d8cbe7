"""The API: the caller's consultations, another commune refused, and open data without identities."""

import json

import pytest

from .conftest import NAMES, published, synthesised

pytestmark = pytest.mark.django_db


def test_the_official_lists_and_reads_the_communes_consultations(client, sign_in, cast):
    c = synthesised(cast)
    sign_in(client, cast["official_a"])
    listed = client.get("/api/v1/consultations/").json()
    assert [item["id"] for item in listed["items"]] == [c.pk]
    one = client.get(f"/api/v1/consultations/{c.pk}").json()
    assert one["synthesis"]["groups"][0]["take_up"] == "partly" and one["opinions"]["total"] == 3


def test_a_user_of_another_commune_is_refused_by_the_api(client, sign_in, cast):
    c = published(cast)
    for who in ("official_b", "res_b"):
        client.logout()
        sign_in(client, cast[who])
        assert client.get(f"/api/v1/consultations/{c.pk}").status_code == 404
        assert client.get("/api/v1/consultations/").json()["items"] == []


def test_open_data_carries_no_identity_not_even_a_signed_name(client, cast):
    c = synthesised(cast)
    for url in (f"/api/v1/consultations/open/{c.pk}", f"/api/v1/consultations/open/unit/{cast['a']['commune'].code}"):
        response = client.get(url)
        text = json.dumps(response.json(), ensure_ascii=False)
        assert response.status_code == 200
        assert all(name not in text for name in (*NAMES, "Phạm Văn Họp", "res1", "res2"))
    data = client.get(f"/api/v1/consultations/open/{c.pk}").json()
    assert data["opinions"]["by_stance"] and data["synthesis"]["groups"][0]["explanation"] == "Bổ sung 1 ha cây xanh"
    assert data["drafts"][0]["articles"][1]["number"] == "2"


def test_an_unpublished_consultation_is_not_open_data(client, cast):
    from .conftest import planned

    c = planned(cast)
    assert client.get(f"/api/v1/consultations/open/{c.pk}").status_code == 404
