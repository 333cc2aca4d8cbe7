"""A resident gets an account by SMS code and signs in: the commune creates the accounts of a
residential group from the register, the resident asks for a code on the login page, types it and
chooses a password. A village head cannot create accounts (403)."""

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from grassroots.accounts.models import User

from .conftest import PHONE, RESIDENT_PASSWORD, assert_fits_phone, log_in, sign_in_by_sms_code, t, url

pytestmark = pytest.mark.e2e

GROUP = "14758-01"
PASSWORD = RESIDENT_PASSWORD


def test_resident_gets_an_account_by_sms_code_and_signs_in(
    live_server: Any, demo: None, page: Page, browser: Browser, outbox: Any, snap: Any
) -> None:
    # The commune official creates the accounts of one residential group.
    log_in(page, live_server, "official")
    page.goto(url(live_server, "people:register-accounts", GROUP))
    snap(page, "accounts-confirm")
    assert_fits_phone(page)
    page.locator("main form button").click()
    expect(page.locator("h1")).to_have_text(t("Accounts created"))
    official = User.objects.get(username="official")
    account = User.objects.filter(created_by=official, phone__isnull=False).order_by("username").first()
    assert account is not None and not account.has_usable_password()
    expect(page.get_by_text(account.username, exact=True)).to_be_visible()

    # The resident, on their own phone: login page → "sign in with a code" → the SMS → a password.
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    resident = context.new_page()

    def the_password_page() -> None:
        snap(resident, "code-password")
        assert_fits_phone(resident)

    sign_in_by_sms_code(resident, live_server, account.phone or "", outbox, before_password=the_password_page)
    account.refresh_from_db()
    assert account.check_password(PASSWORD)
    context.close()

    # Denial: a village head keeps the register of the group but does not create accounts.
    page.context.clear_cookies()
    log_in(page, live_server, "villagehead")
    response = page.goto(url(live_server, "people:register-accounts", GROUP))
    assert response is not None and response.status == 403
