"""A NUL byte (or a lone surrogate) in any input is a 400 that names the field, never a 500; PostgreSQL
refuses NUL in text, so these run on PostgreSQL in CI too."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_search_query_string_is_a_400_naming_the_field(client, english):
    response = client.get(reverse("library:index") + "?q=b%E1%BA%A7u%00")
    assert response.status_code == 400
    assert "“q”" in response.content.decode() and "NUL" in response.content.decode()


def test_a_nul_in_a_login_form_field_is_a_400_naming_the_field(client, world, english):
    response = client.post(reverse("accounts:login"), {"username": "official_a\x00", "password": "x"})
    assert response.status_code == 400
    assert "“username”" in response.content.decode()


def test_a_nul_in_a_query_string_name_is_refused_too(client, english):
    assert client.get(reverse("library:index") + "?q%00=x").status_code == 400


def test_a_json_body_with_an_escaped_nul_is_a_400_with_detail(client, english):
    response = client.post("/api/v1/units/", data='{"name": "x\\u0000"}', content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == "name"


def test_a_json_body_with_a_lone_surrogate_is_refused(client, english):
    response = client.post("/api/v1/units/", data='{"a": [{"b": "\\ud800"}]}', content_type="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == "a[0].b"


def test_an_escaped_backslash_before_u0000_is_ordinary_text(client):
    response = client.get(reverse("library:index"), {"q": "\\u0000"})
    assert response.status_code == 200


def test_the_refusal_is_in_the_language_of_the_page(client):
    response = client.get("/library/?q=%00")
    assert response.status_code == 400
    assert "Trường “q” chứa ký tự không được phép" in response.content.decode()
