"""A resident gets an account by SMS code and signs in: the commune creates the accounts of a
residential group from the register, the resident asks for a code on the login page, types it and
chooses a password. A village head cannot create accounts (403)."""

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from grassroots.accounts.models import User
from grassroots.core import sms

from .conftest import PHONE, assert_fits_phone, log_in, path, t, url

pytestmark = pytest.mark.e2e

GROUP = "14758-01"
PASSWORD = "hoa sen nở giữa hồ"


@pytest.fixture
def outbox(settings: Any) -> Any:
    settings.SMS_BACKEND = "grassroots.core.sms.LocmemBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


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
    resident.goto(url(live_server, "accounts:login"))
    resident.get_by_role("link", name=t("First time here? Sign in with a code sent to your phone")).click()
    resident.get_by_label(t("Your phone number"), exact=True).fill(account.phone or "")
    resident.locator("main form button").click()
    expect(resident).to_have_url(re.compile(re.escape(path("accounts:code-enter"))))
    texts = [m.text for m in outbox if m.phone == account.phone and m.text.startswith("Mã đăng nhập")]
    assert len(texts) == 1
    code = re.search(r"\b(\d{6})\b", texts[0]).group(1)  # type: ignore[union-attr]
    resident.get_by_label(t("The 6-digit code from the text message or the letter"), exact=True).fill(code)
    resident.locator("main form button").click()
    expect(resident).to_have_url(re.compile(re.escape(path("accounts:code-password"))))
    resident.get_by_label(t("New password"), exact=True).fill(PASSWORD)
    resident.get_by_label(t("New password confirmation"), exact=True).fill(PASSWORD)
    snap(resident, "code-password")
    assert_fits_phone(resident)
    resident.locator("main form button").click()
    expect(resident.locator("header form[action$='/logout/']")).to_have_count(1)
    account.refresh_from_db()
    assert account.check_password(PASSWORD)
    context.close()

    # Denial: a village head keeps the register of the group but does not create accounts.
    page.context.clear_cookies()
    log_in(page, live_server, "villagehead")
    response = page.goto(url(live_server, "people:register-accounts", GROUP))
    assert response is not None and response.status == 403
