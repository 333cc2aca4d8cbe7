"""The register screens: officials of the commune only (and a village head for the village)."""

import pytest

from grassroots.core.models import AuditEvent
from grassroots.people.crypto import decrypt_national_id
from grassroots.people.models import Membership

pytestmark = pytest.mark.django_db


def _unit_url(code: str) -> str:
    return f"/register/unit/{code}/"


def test_an_official_reads_the_register_of_the_commune(client, world, sign_in):
    sign_in(client, world["official_a"])
    response = client.get(_unit_url("AC"))
    assert response.status_code == 200
    body = response.content.decode()
    assert world["households"]["a1"].code in body and world["households"]["a2"].code in body
    assert world["households"]["b1"].code not in body


@pytest.mark.parametrize("who", ["official_b", "resident_a1"])
def test_others_get_404_for_the_register_of_commune_a(client, world, who, sign_in):
    sign_in(client, world[who])
    assert client.get(_unit_url("AC")).status_code == 404
    assert client.get(_unit_url("AC-1")).status_code == 404
    assert client.get(f"/register/household/{world['households']['a1'].pk}/").status_code == 404
    assert client.get("/api/v1/register/AC/households").status_code == 404


def test_an_official_of_b_gets_404_for_every_register_page_of_a(client, world, sign_in):
    sign_in(client, world["official_b"])
    household = world["households"]["a1"]
    resident = Membership.objects.filter(household=household).first().resident
    assert client.post(f"/register/household/{household.pk}/reveal/", {"resident": resident.pk}).status_code == 404
    assert (
        client.post(f"/register/household/{household.pk}/link/", {"resident": resident.pk, "account": "x"}).status_code
        == 404
    )
    assert not AuditEvent.objects.filter(verb="people.national_id_viewed").exists()


def test_a_village_head_sees_the_village_but_not_the_rest_of_the_commune(client, world, sign_in):
    sign_in(client, world["head_a1"])
    assert client.get(_unit_url("AC-1")).status_code == 200
    assert client.get(_unit_url("AC-2")).status_code == 404
    assert client.get(_unit_url("AC")).status_code == 404
    assert client.get(f"/register/household/{world['households']['a2'].pk}/").status_code == 404
    assert client.get(f"/register/household/{world['households']['a1'].pk}/").status_code == 200


def test_anonymous_visitors_are_sent_to_login(client, world):
    response = client.get(_unit_url("AC"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_register_home_redirects_to_the_only_commune(client, world, sign_in):
    sign_in(client, world["official_a"])
    response = client.get("/register/")
    assert response.status_code == 302 and response["Location"].endswith(_unit_url("AC"))


def test_search_by_member_name_and_village_filter(client, world, sign_in):
    sign_in(client, world["official_a"])
    household = world["households"]["a2"]
    name = Membership.objects.filter(household=household).first().resident.full_name
    body = client.get(_unit_url("AC"), {"q": name}).content.decode()
    assert household.code in body and world["households"]["a1"].code not in body
    body = client.get(_unit_url("AC"), {"village": "AC-1"}).content.decode()
    assert world["households"]["a1"].code in body and household.code not in body


def test_htmx_search_returns_only_the_rows(client, world, sign_in):
    sign_in(client, world["official_a"])
    response = client.get(_unit_url("AC"), {"q": "zzz"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'id="household-rows"' in body and "<html" not in body
    assert response["Vary"] == "HX-Request" or "HX-Request" in response["Vary"]


def test_the_register_list_does_not_grow_queries_with_households(client, world, sign_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from grassroots.people.tests.factories import make_household

    sign_in(client, world["official_a"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_unit_url("AC")).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(20):
        make_household(world["a"]["village1"])
    assert queries() == few
    assert few <= 20


def test_the_national_id_is_masked_and_revealed_only_by_post_with_an_audit_event(client, world, sign_in):
    sign_in(client, world["official_a"])
    household = world["households"]["a1"]
    resident = Membership.objects.filter(household=household).first().resident
    number = decrypt_national_id(resident.national_id_encrypted)
    page = client.get(f"/register/household/{household.pk}/").content.decode()
    assert number not in page and number[-3:] in page
    assert client.get(f"/register/household/{household.pk}/reveal/").status_code == 405
    response = client.post(f"/register/household/{household.pk}/reveal/", {"resident": resident.pk})
    assert number in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(verb="people.national_id_viewed")
    assert event.actor == world["official_a"] and event.target_id == str(resident.pk)
    assert number not in str(event.data)


def test_revealing_a_resident_of_another_household_is_404(client, world, sign_in):
    sign_in(client, world["official_a"])
    other = Membership.objects.filter(household=world["households"]["a2"]).first().resident
    response = client.post(f"/register/household/{world['households']['a1'].pk}/reveal/", {"resident": other.pk})
    assert response.status_code == 404


def test_an_official_proposes_and_a_second_official_links_an_account_to_a_resident(client, world, sign_in):
    from grassroots.accounts.tests.factories import UserFactory
    from grassroots.people.models import LinkProposal

    sign_in(client, world["official_a"])
    household = world["households"]["a1"]
    resident = Membership.objects.filter(household=household).first().resident
    account = UserFactory(username="newcomer")
    response = client.post(
        f"/register/household/{household.pk}/link/", {"resident": resident.pk, "account": "newcomer"}
    )
    assert response.status_code == 302
    proposal = LinkProposal.objects.get(resident=resident)
    sign_in(client, world["head_a1"])
    response = client.post(f"/register/household/{household.pk}/link/{proposal.pk}/confirm/")
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.resident == resident and account.resident_verified_by == world["head_a1"]
    assert AuditEvent.objects.filter(verb="accounts.resident_linked", data__method="confirmed").exists()


def test_api_lists_households_of_the_callers_commune_with_masked_phones(client, world, sign_in):
    sign_in(client, world["official_a"])
    data = client.get("/api/v1/register/AC/households").json()
    assert data["count"] == 2
    assert {item["code"] for item in data["items"]} == {world["households"]["a1"].code, world["households"]["a2"].code}
    assert all(item["representative_phone"].startswith("•") for item in data["items"])


def test_search_ignores_case_and_vietnamese_accents(client, world, sign_in):
    from grassroots.people.models import Resident

    resident = Membership.objects.filter(household=world["households"]["a2"]).first().resident
    resident.full_name = "Đặng Thị Ánh"
    resident.save()
    sign_in(client, world["official_a"])
    for query in ["dang thi anh", "ĐẶNG THỊ ÁNH", "Dang Thi"]:
        body = client.get(_unit_url("AC"), {"q": query}).content.decode()
        assert world["households"]["a2"].code in body, query
    assert Resident.objects.get(pk=resident.pk).name_folded == "dang thi anh"


def test_a_history_restore_gets_the_whole_page(client, world, sign_in):
    sign_in(client, world["official_a"])
    response = client.get(_unit_url("AC"), headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


# --- The superuser is not a commune official (docs/privacy.md) -------------------------------------------


def _superuser():  # type: ignore[no-untyped-def]
    from grassroots.accounts.tests.factories import UserFactory

    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_a_superuser_without_a_role_sees_no_register_and_reveals_no_national_id(client, world, sign_in):
    root = _superuser()
    sign_in(client, root)
    household = world["households"]["a1"]
    resident = Membership.objects.filter(household=household).first().resident
    assert client.get("/register/").status_code == 404
    assert client.get(_unit_url("AC")).status_code == 404
    assert client.get(f"/register/household/{household.pk}/").status_code == 404
    assert client.post(f"/register/household/{household.pk}/reveal/", {"resident": resident.pk}).status_code == 404
    assert client.get("/api/v1/register/AC/households").status_code == 404
    assert not AuditEvent.objects.filter(verb="people.national_id_viewed").exists()


def test_a_superuser_with_the_commune_role_reveals_a_national_id(client, world, sign_in):
    from grassroots.accounts.models import Role
    from grassroots.accounts.tests.factories import grant

    root = _superuser()
    grant(root, world["a"]["commune"], Role.COMMUNE_OFFICIAL)
    sign_in(client, root)
    household = world["households"]["a1"]
    resident = Membership.objects.filter(household=household).first().resident
    response = client.post(f"/register/household/{household.pk}/reveal/", {"resident": resident.pk})
    assert response.status_code == 200
    assert decrypt_national_id(resident.national_id_encrypted) in response.content.decode()


def test_a_system_administrator_reads_the_register_but_reveals_no_national_id(client, world, sign_in):
    from grassroots.accounts.models import Role
    from grassroots.accounts.tests.factories import UserFactory, grant

    admin = UserFactory(username="admin_a")
    grant(admin, world["a"]["province"], Role.SYSTEM_ADMIN)
    sign_in(client, admin)
    household = world["households"]["a1"]
    resident = Membership.objects.filter(household=household).first().resident
    page = client.get(f"/register/household/{household.pk}/")
    assert page.status_code == 200
    assert f"/register/household/{household.pk}/reveal/" not in page.content.decode()
    assert client.post(f"/register/household/{household.pk}/reveal/", {"resident": resident.pk}).status_code == 403
    assert not AuditEvent.objects.filter(verb="people.national_id_viewed").exists()
