"""The JSON API denies by default: an anonymous caller gets 401 from every operation of the OpenAPI
schema except the open-data routes listed here. Adding to this list is a decision, reviewed as such."""

import re

import pytest

from config.api import api
from grassroots.accounts.api_auth import token_auth, verified_session
from grassroots.decisions import actions
from grassroots.decisions.models import TabledVia

pytestmark = pytest.mark.django_db

# (method, path template) of the operations open to anyone.
OPEN = {
    ("get", "/api/v1/units/"),  # open data: the administrative units
    ("get", "/api/v1/units/{code}"),
    ("get", "/api/v1/matters/{matter_id}/bulletin"),  # counted results are public (Law Art 23)
    ("get", "/api/v1/inspection-board/open/{code}"),  # the board's composition, announced to residents (Law Art 36)
    ("get", "/api/v1/annual-conferences/open/{code}"),  # whether each village held its conference (Law Art 33)
    ("get", "/api/v1/investment-supervision/open/{code}"),  # projects, progress, recommendations (Law Arts 41–45)
    # The register of village conventions: posted drafts and recognized texts are public (D61 Arts 9, 15, 16).
    ("get", "/api/v1/conventions/"),
    ("get", "/api/v1/conventions/statistics"),
    ("get", "/api/v1/conventions/{convention_id}"),
    ("get", "/api/v1/conventions/versions/{version_id}"),
    ("get", "/api/v1/village-heads/villages/{code}/head"),  # the village head in office (open data)
    ("get", "/api/v1/village-heads/villages/{code}/elections"),  # a village's head elections (open data)
    ("get", "/api/v1/disclosures/"),  # published disclosures are public (Law Art 13)
    ("get", "/api/v1/disclosures/{item_id}"),
    ("get", "/api/v1/service-ratings/open/{code}"),  # a commune's rating results (Law Art 35(2)(a))
    ("get", "/api/v1/dialogues/open/{code}"),  # published dialogues, questions and answers (Law Art 32)
    ("get", "/api/v1/opinion-maps/open/{map_id}"),  # a published opinion map's report: aggregates only
    ("get", "/api/v1/petitions/open/{code}"),  # aggregate figures, no personal data (Law Art 35(2)(a))
    ("get", "/api/v1/consultations/open/unit/{code}"),  # published consultations (Law Art 28(3))
    ("get", "/api/v1/consultations/open/{consultation_id}"),
}


def _schema(client):  # type: ignore[no-untyped-def]
    return client.get("/api/v1/openapi.json").json()


def _operations(schema):  # type: ignore[no-untyped-def]
    for template, item in schema["paths"].items():
        for method in item:
            if method in {"get", "post", "put", "patch", "delete"}:
                yield method, template


def _real_path(template: str, params: dict[str, str]) -> str:
    """The template with every {name} replaced by the id or code of an existing row."""
    return re.sub(r"\{(\w+)\}", lambda m: params[m.group(1)], template)


def test_an_anonymous_caller_gets_401_from_every_operation_except_the_open_ones(client, world):
    matter = actions.create_matter(actor=world["head_a1"], unit=world["a"]["village1"], item=6, title="Đèn đường",
                                   question="Đồng ý?", tabled_via=TabledVia.VILLAGE_HEAD)  # fmt: skip
    # A convention, version, election or disclosure that does not exist answers 404 to anyone: open, not 401.
    params = {
        "matter_id": str(matter.pk),
        "code": world["a"]["commune"].code,
        "convention_id": "1",
        "version_id": "1",
        "election_id": "1",
        "item_id": "1",
        "map_id": "1",
        "case_id": "1",
        "project_id": "1",
        "consultation_id": "1",
        "round_id": "1",
    }
    operations = sorted(_operations(_schema(client)))
    assert len(operations) >= 8, operations  # the walk found the schema's operations
    answered = set()
    for method, template in operations:
        path = _real_path(template, params)
        response = getattr(client, method)(path, data={"choice": "agree"}, content_type="application/json")
        if response.status_code == 401:
            assert response["WWW-Authenticate"].startswith("Bearer "), path
        else:
            answered.add((method, template))
    assert answered == OPEN


def test_the_open_data_routes_answer_an_anonymous_caller(client, world):
    assert client.get("/api/v1/units/").status_code == 200
    assert client.get(f"/api/v1/units/{world['a']['commune'].code}").status_code == 200


def test_an_operation_that_declares_no_authentication_needs_a_token_or_a_verified_session():
    """A route added later without `auth=` is closed, not open: the API itself carries the default."""
    assert api.auth == [token_auth, verified_session]


def test_the_schema_documents_the_401_of_every_closed_operation(client):
    """schemathesis checks answers against the schema: every closed operation documents its 401."""
    schema = _schema(client)
    for method, template in _operations(schema):
        operation = schema["paths"][template][method]
        if (method, template) in OPEN:
            assert not operation.get("security"), template
        else:
            assert "401" in operation["responses"], template
            assert operation.get("security"), template


def test_the_openapi_schema_is_built_once_not_per_request(client, monkeypatch):
    import ninja.main

    built = []
    real = ninja.main.get_schema
    monkeypatch.setattr(ninja.main, "get_schema", lambda **kw: built.append(1) or real(**kw))
    api.__dict__.pop("_schemas", None)
    first = _schema(client)
    assert _schema(client) == first
    assert len(built) == 1


def test_every_operation_documents_the_400_of_an_invalid_character(client):
    """RejectInvalidCharactersMiddleware answers 400 before any operation runs: schemathesis must find it documented."""
    schema = _schema(client)
    for method, template in _operations(schema):
        assert "400" in schema["paths"][template][method]["responses"], template
    response = client.get("/api/v1/units/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert response.json()["field"] == "q"


def test_every_operation_documents_the_answers_it_can_give(client):
    """An operation with parameters or a body answers 422 to invalid input, and one that is not open answers
    401: both are in its documented responses, as schemathesis checks in CI (ST103), so that a new route that
    forgets `openapi_extra=error_responses(…)` fails here first."""
    schema = _schema(client)
    missing = []
    for template, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            documented = set(operation.get("responses", {}))
            if (operation.get("parameters") or operation.get("requestBody")) and "422" not in documented:
                missing.append(f"{method.upper()} {template}: 422")
            if (method, template) not in OPEN and "401" not in documented:
                missing.append(f"{method.upper()} {template}: 401")
    assert missing == []
