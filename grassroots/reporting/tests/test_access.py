"""Who sees which unit's dashboard: a steering member their unit and everything below it, a commune official
or chair their commune and its villages, a village head their village; anything else, pages and API, is a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from grassroots.reporting import access

pytestmark = pytest.mark.django_db


def pages(code: str) -> list[str]:
    return [
        reverse("reporting:unit", args=[code]),
        reverse("reporting:unit-csv", args=[code]),
        reverse("reporting:trend-csv", args=[code]),
        reverse("reporting:indicator", args=[code, "fake_a"]),
        reverse("reporting:indicator-csv", args=[code, "fake_a"]),
        reverse("reporting:overdue", args=[code]),
        reverse("reporting:overdue-csv", args=[code]),
        f"/api/v1/reporting/units/{code}/figures",
        f"/api/v1/reporting/units/{code}/overdue",
    ]


def status(client, url: str) -> int:  # type: ignore[no-untyped-def]
    return client.get(url).status_code


def test_a_steering_member_sees_their_province_and_everything_below_it(client, sign_in, cast, fake_indicators):
    sign_in(client, cast["steering_a"])
    for code in ["AP", "AC", "AC-1", "AD", "AD-1"]:
        for url in pages(code):
            assert status(client, url) == 200, url


def test_a_steering_member_of_province_a_gets_404_on_province_b_and_its_communes(
    client, sign_in, cast, fake_indicators
):
    sign_in(client, cast["steering_a"])
    for code in ["BP", "BC", "BC-1", "NOPE"]:
        for url in pages(code):
            assert status(client, url) == 404, url


def test_a_steering_member_of_a_commune_sees_nothing_above_or_beside_it(client, sign_in, cast, fake_indicators):
    sign_in(client, cast["steering_ac"])
    assert status(client, reverse("reporting:unit", args=["AC-1"])) == 200
    for code in ["AP", "AD", "AD-1", "BP"]:
        for url in pages(code):
            assert status(client, url) == 404, url


def test_a_commune_official_sees_their_commune_and_its_villages_only(client, sign_in, cast, fake_indicators):
    sign_in(client, cast["official_ac"])
    for code in ["AC", "AC-1", "AC-2"]:
        assert status(client, reverse("reporting:unit", args=[code])) == 200
    for code in ["AD", "AD-1", "AP", "BC"]:
        for url in pages(code):
            assert status(client, url) == 404, url


def test_a_commune_chair_sees_their_commune(client, sign_in, cast, fake_indicators):
    sign_in(client, cast["chair_ad"])
    assert status(client, reverse("reporting:unit", args=["AD"])) == 200
    assert status(client, reverse("reporting:unit", args=["AC"])) == 404


def test_a_village_head_sees_their_village_only(client, sign_in, cast, fake_indicators):
    sign_in(client, cast["head_ac1"])
    assert status(client, reverse("reporting:unit", args=["AC-1"])) == 200
    for code in ["AC", "AC-2", "AP"]:
        assert status(client, reverse("reporting:unit", args=[code])) == 404


def test_a_household_representative_sees_no_dashboard(client, sign_in, cast, fake_indicators):
    sign_in(client, cast["resident"], second_factor=False)
    assert status(client, reverse("reporting:home")) == 404
    for url in pages("AC-1"):
        assert status(client, url) == 404, url


def test_a_commune_role_granted_on_a_province_opens_nothing(cast):
    from grassroots.accounts.models import Role
    from grassroots.accounts.tests.factories import UserFactory, grant

    misplaced = UserFactory(username="misplaced")
    grant(misplaced, cast["a"]["province"], Role.COMMUNE_OFFICIAL)
    assert access.dashboard_roots(misplaced) == []


def test_anonymous_is_sent_to_log_in_and_the_api_answers_401(client, cast):
    response = client.get(reverse("reporting:unit", args=["AP"]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get("/api/v1/reporting/units/AP/figures").status_code == 401


def test_the_roots_are_the_highest_units_held(cast):
    from grassroots.accounts.models import Role
    from grassroots.accounts.tests.factories import grant

    grant(cast["steering_a"], cast["a"]["commune"], Role.COMMUNE_OFFICIAL)
    assert access.dashboard_roots(cast["steering_a"]) == [cast["a"]["province"]]


def test_the_definition_pages_are_public(client, fake_indicators):
    assert client.get(reverse("reporting:indicator-list")).status_code == 200
    assert client.get(reverse("reporting:indicator-definition", args=["fake_a"])).status_code == 200
    assert client.get(reverse("reporting:indicator-definition", args=["nope"])).status_code == 404


def test_the_header_link_shows_only_for_a_role_on_its_own_level(client, sign_in, cast, django_assert_num_queries):
    from grassroots.accounts.models import Role
    from grassroots.accounts.tests.factories import UserFactory, grant

    misplaced = UserFactory(username="misplaced")
    grant(misplaced, cast["a"]["province"], Role.COMMUNE_OFFICIAL)  # a commune role on a province
    grant(misplaced, cast["a"]["commune"], Role.VILLAGE_HEAD)  # a village role on a commune
    assert not access.may_see_dashboards(misplaced)
    sign_in(client, misplaced)
    assert reverse("reporting:home") not in client.get(reverse("portal:home")).content.decode()
    assert status(client, reverse("reporting:home")) == 404
    for user in ("steering_a", "official_ac", "chair_ad", "head_ac1"):
        assert access.may_see_dashboards(cast[user]) is bool(access.dashboard_roots(cast[user])) is True
    # Cheap on every page: the role assignments are fetched once per request, a steering role needs no more.
    steering = type(cast["steering_a"]).objects.get(pk=cast["steering_a"].pk)  # nothing cached yet
    with django_assert_num_queries(1):
        assert access.may_see_dashboards(steering) and access.may_see_dashboards(steering)


def test_home_leads_an_official_of_another_commune_to_their_own_only(client, sign_in, cast, fake_indicators):
    sign_in(client, cast["chair_ad"])
    assert client.get(reverse("reporting:home")).url == reverse("reporting:unit", args=["AD"])
    assert status(client, reverse("reporting:unit", args=["AC"])) == 404


def test_a_village_head_gets_404_on_another_communes_village_everywhere(client, sign_in, cast, fake_indicators):
    from grassroots.core.models import AuditEvent

    sign_in(client, cast["head_ac1"])
    assert status(client, reverse("reporting:unit", args=["AC-1"])) == 200
    for url in [
        *pages("AD-1"),
        reverse("reporting_reports:reports", args=["AD-1"]),
        reverse("reporting_reports:report-download", args=["AD-1", "Q", 2026, 1, "pdf"]),
        reverse("reporting_reports:report-download", args=["AD-1", "Y", 2025, 1, "xlsx"]),
    ]:
        assert status(client, url) == 404, url
    assert not AuditEvent.objects.filter(verb="reporting.report_issued").exists()


def test_an_official_of_another_commune_cannot_download_its_report(client, sign_in, cast, fake_indicators):
    from grassroots.core.models import AuditEvent

    sign_in(client, cast["official_ac"])
    for ext in ("docx", "pdf", "xlsx"):
        url = reverse("reporting_reports:report-download", args=["AD", "Q", 2026, 1, ext])
        assert status(client, url) == 404, url
    assert not AuditEvent.objects.filter(verb="reporting.report_issued").exists()
