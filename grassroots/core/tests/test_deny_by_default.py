"""Deny by default: every URL needs a login unless it is on the public list below."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Public pages and API routes, by URL name. Adding to this list is a decision, reviewed as such.
PUBLIC = {
    "portal:home",
    "territory:unit-list",
    "territory:unit-detail",
    "accounts:login",
    # Getting an account, and a new password, with a one-time code (accounts.codes).
    "accounts:code-request",
    "accounts:code-enter",
    "accounts:code-password",
    "accounts:password-forgot",
    "set_language",
    # The law library is public: the text of the law, summarised, and the pages refusal messages link to.
    "library:index",
    "library:document",
    "library:article",
    # Results are public once counted (Law Art 23: the village publishes them).
    "decisions:bulletin",
    "decisions:bulletin-json",
    "decisions:bulletin-csv",
    # The public side (issue 9): checking a receipt against a bulletin, every receipt hash, and a unit's
    # decided matters and the titles and dates of its open ones.
    "decisions:bulletin-check",
    "decisions:bulletin-receipts",
    "decisions:unit-decisions",
    # The register of village conventions (D61 Arts 9, 15, 16): posted drafts, recognized texts and their
    # history, the public documents (the text, Forms 03-05; Forms 01-02 answer 404 outside the console)
    # and the province's statistics.
    "conventions:register",
    "conventions:convention",
    "conventions:version",
    "conventions:compare",
    "conventions:document",
    "conventions:ruling-document",
    "conventions:statistics",
    "conventions:statistics-csv",
    # Each village's head in office, its elections and any dismissal petition (issue 11).
    "elections:village-head",
    # The composition of each commune's People's Inspection Board, announced to residents (Law Art 36).
    "inspection:public",
    # Published disclosures are public (Law Art 13: the commune's web page is a channel for every item):
    # a unit's list, its feed and CSV, an item and its files. Drafts answer 404 (disclosure.access).
    "disclosure:index",
    # A commune's supervised projects and each project's public page: members' names and roles, the checklist's
    # progress, the recommendations and the commune's answers (Law Arts 41–45).
    "investment_supervision:commune",
    "investment_supervision:public",
    "disclosure:unit",
    "disclosure:feed",
    "disclosure:csv",
    "disclosure:item",
    "disclosure:attachment",
    # Satisfaction ratings (issue 14, Law Art 35(2)(a)): a commune's results and its CSV are public, with
    # officials' results only from 5 ratings and comments only once published, never with their author.
    "service_ratings:public",
    "service_ratings:public-csv",
    # Dialogues with residents (issue 14, Law Art 32): the schedule, published dialogues with their
    # questions and published answers (askers named only when they signed) and the closed minutes.
    "dialogues:public-commune",
    "dialogues:public-dialogue",
    "dialogues:public-minutes",
    # A commune's petition figures are public (aggregates, no personal data).
    "petitions:public",
    # Published consultations, their drafts, aggregated results and synthesis are public (Law Art 28(3));
    # no resident's name unless signed publicly. Unpublished ones answer 404.
    "consultations:public-list",
    "consultations:public",
    "consultations:public-document",
    # The JSON API is open for open data (units) and answers 401 itself for the rest.
    "api:api-root",
    "api:openapi-json",
    "api:openapi-view",
    "api:list_units",
    "api:get_unit",
    "api:list_households",
    "api:list_matters",
    "api:get_matter",
    "api:cast_vote",
    "api:get_result",
    "api:get_bulletin",
    # Annual conferences (issue 11): the API answers 401 itself, except the open data.
    "api:list_village_conferences",
    "api:get_village_conferences",
    "api:open_conferences",
    "api:list_conventions",
    "api:get_statistics",
    "api:console",
    "api:get_convention",
    "api:get_version",
    "api:get_village_head",
    "api:list_village_elections",
    "api:get_election",
    "api:list_disclosures",
    "api:get_disclosure",
    # Satisfaction ratings and dialogues (issue 14): the API answers 401 itself, except the open data.
    "api:commune_results",
    "api:open_results",
    "api:commune_dialogues",
    "api:open_dialogues",
    "api:open_inspection_board",
    "api:get_inspection_board",
    # Opinion maps: a unit's open and published maps, a published report and its CSV (aggregates only;
    # the CSV answers 404 before publication except to the commune's staff). The API answers 401 itself.
    "opinion_maps:unit",
    "opinion_maps:report",
    "opinion_maps:report-csv",
    "api:list_opinion_maps",
    "api:get_opinion_map",
    "api:open_opinion_map",
    "api:list_petitions",
    "api:get_petition",
    "api:open_figures",
    # Investment supervision (issue 14): the API answers 401 itself, except the open data.
    "api:list_supervised_projects",
    "api:get_supervised_project",
    "api:open_supervised_projects",
    "api:list_consultations",
    "api:get_consultation",
    "api:open_consultations",
    "api:open_consultation",
    # Situation reports: the API answers 401 itself (no open data).
    "api:list_situation_rounds",
    "api:get_situation_round",
}


def _walk(patterns, prefix="", namespace=""):  # type: ignore[no-untyped-def]
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), (f"{namespace}{p.name}" if p.name else None), p.callback


def _sample_url(route: str) -> str:
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"<int:[^>]+>", "1", route)
    route = re.sub(r"<(?:str:|slug:|path:)?[^>]+>", "x", route)
    route = re.sub(r"\(\?P<[^>]+>[^)]*\)", "x", route)
    return "/" + route.replace("\\", "")


def _app_patterns():  # type: ignore[no-untyped-def]
    for route, name, callback in _walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue  # Django admin has its own login
        if route.startswith(("en/", "ru/")):
            continue
        yield route, name, callback


def test_every_view_not_listed_as_public_requires_login():
    offenders = [
        (route, name)
        for route, name, callback in _app_patterns()
        if name not in PUBLIC and getattr(callback, "login_required", True) is False
    ]
    assert offenders == [], f"views opened to anonymous visitors without being listed as public: {offenders}"


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login_from_every_non_public_page(client):
    checked = 0
    for route, name, _callback in _app_patterns():
        if name in PUBLIC or route.startswith("api/"):
            continue
        url = _sample_url(route)
        response = client.get(url)
        assert response.status_code == 302, f"{url} ({name}) answered {response.status_code}"
        assert "/login/" in response["Location"], f"{url} ({name}) redirected to {response['Location']}"
        checked += 1
    assert checked >= 5


@pytest.mark.django_db
def test_the_private_api_refuses_anonymous_callers(client, world):
    response = client.get("/api/v1/register/AC/households")
    assert response.status_code == 401
