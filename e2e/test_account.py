"""Accounts: a household representative logs in by phone; a new user links the account to the
register by national ID number and date of birth."""

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from grassroots.accounts.models import Role, User
from grassroots.core.models import AuditEvent
from grassroots.people.crypto import decrypt_national_id
from grassroots.people.models import Resident

from .conftest import DEMO_PASSWORD, assert_fits_phone, menu, path, submit_login, t, url

pytestmark = pytest.mark.e2e


def test_resident_logs_in_by_phone_and_sees_role(live_server: Any, demo: None, page: Page, snap: Any) -> None:
    resident = User.objects.get(username="resident")
    assert resident.phone == "0912000001"

    # Wrong password and unknown number get the same answer (no account enumeration).
    page.goto(url(live_server, "accounts:login"))
    submit_login(page, "0912000001", "not-the-password")
    alert = page.locator("main [role=alert]")
    expect(alert).to_be_visible()
    wrong_password = alert.inner_text()
    expect(page).to_have_url(url(live_server, "accounts:login"))
    submit_login(page, "0999999999", DEMO_PASSWORD)
    expect(alert).to_have_text(wrong_password)
    expect(page.locator("header form[action$='/logout/']")).to_have_count(0)

    # The phone number logs in.
    submit_login(page, "0912000001", DEMO_PASSWORD)
    expect(page).to_have_url(url(live_server, "portal:home"))
    expect(page.locator("main")).to_contain_text(t(Role.HOUSEHOLD_REPRESENTATIVE.label))
    menu(page)
    page.locator(f"header a[href='{path('accounts:profile')}']").click()

    # The profile: the account, its verified link to the register, and the role with its unit.
    expect(page).to_have_url(url(live_server, "accounts:profile"))
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("resident")
    expect(facts).to_contain_text(resident.get_full_name())
    expect(facts).to_contain_text(t("Linked and verified"))
    roles = page.locator("main table tbody tr")
    expect(roles).to_have_count(1)
    expect(roles.locator("td").nth(0)).to_have_text(t(Role.HOUSEHOLD_REPRESENTATIVE.label))
    expect(roles.locator("td").nth(1)).to_have_text("Tổ dân phố 1")
    snap(page, "profile-resident")
    assert_fits_phone(page)

    # Already linked: the verification page sends the resident back to the profile.
    page.goto(url(live_server, "people:verify"))
    expect(page).to_have_url(url(live_server, "accounts:profile"))
    expect(page.locator("main .messages")).to_be_visible()

    # Log out (a POST form in the header); the profile is closed again.
    menu(page)
    page.locator("header form[action$='/logout/'] button").click()
    expect(page).to_have_url(url(live_server, "portal:home"))
    page.goto(url(live_server, "accounts:profile"))
    expect(page).to_have_url(re.compile(r"/login/\?next="))

    # Other ways of writing the same number work too.
    submit_login(page, "+84 912 000 001", DEMO_PASSWORD)
    expect(page).to_have_url(url(live_server, "accounts:profile"))


def test_new_user_verifies_as_resident(live_server: Any, demo: None, page: Page, snap: Any) -> None:
    resident = (
        Resident.objects.filter(user__isnull=True, anonymized_at__isnull=True, memberships__valid_to__isnull=True)
        .exclude(national_id_encrypted="")
        .order_by("pk")
        .first()
    )
    assert resident is not None
    national_id = decrypt_national_id(resident.national_id_encrypted)
    born = resident.birth_date
    user = User.objects.create_user(username="newcomer", password="a-long-new-password")

    page.goto(url(live_server, "accounts:login"))
    submit_login(page, "newcomer", "a-long-new-password")
    expect(page).to_have_url(url(live_server, "portal:home"))
    page.goto(url(live_server, "accounts:profile"))
    expect(page.locator("dl.facts")).to_contain_text(t("Not linked yet"))
    expect(page.locator("main table")).to_have_count(0)  # no roles yet
    page.locator(f"main a[href='{path('people:verify')}']").click()
    expect(page).to_have_url(url(live_server, "people:verify"))

    national_id_field = page.get_by_label(t("National ID number (12 digits)"), exact=True)
    birth_date_field = page.get_by_label(t("Date of birth (dd/mm/yyyy)"), exact=True)

    # Denied: the right number with a wrong date of birth links nothing, and says so without
    # telling which of the two was wrong. The failure is recorded (it counts towards the daily limit).
    national_id_field.fill(national_id)
    birth_date_field.fill((born.replace(day=1 if born.day != 1 else 2)).strftime("%d/%m/%Y"))
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.locator("main form button").click()
    assert posted.value.status == 422
    expect(page).to_have_url(url(live_server, "people:verify"))
    expect(page.locator("main [role=alert]")).to_have_text(
        t("No resident record matches this national ID number and date of birth.")
    )
    # The number is not sent back into the form (nor anywhere else on the page).
    expect(national_id_field).to_have_value("")
    assert national_id not in page.content()
    user.refresh_from_db()
    assert user.resident_id is None
    assert AuditEvent.objects.filter(verb="accounts.verification_failed", actor=user).count() == 1
    snap(page, "verify-error")
    assert_fits_phone(page)

    # A date that is not a date is a field error (and is not counted as an attempt).
    national_id_field.fill(national_id)
    birth_date_field.fill("31/02/19xx")
    page.locator("main form button").click()
    expect(page.locator("main .field.invalid [role=alert]")).to_have_text(t("Enter the date as dd/mm/yyyy."))
    assert AuditEvent.objects.filter(verb="accounts.verification_failed", actor=user).count() == 1

    # The right pair links the account, and the profile says so.
    national_id_field.fill(national_id)
    birth_date_field.fill(born.strftime("%d/%m/%Y"))
    page.locator("main form button").click()
    expect(page).to_have_url(url(live_server, "accounts:profile"))
    expect(page.locator("main .messages .success")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text(t("Linked and verified"))
    user.refresh_from_db()
    assert user.resident_id == resident.pk
    assert user.resident_verified_at is not None
    assert user.resident_verified_by is None  # self-verified
    assert AuditEvent.objects.filter(verb="accounts.resident_linked", actor=user).count() == 1
    # The number never appears in a URL or on the page once the form is done.
    assert national_id not in page.url
    assert national_id not in page.content()
