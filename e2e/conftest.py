"""Browser journeys: Playwright (sync API) against pytest-django's live server, Debian's chromium.

Run with `pytest e2e -m e2e`. Each journey gets a fresh copy of the demo (`seed_demo`, under a
second) because `live_server` needs `transactional_db`, which empties the database after each test.
Set E2E_SCREENSHOTS=/some/dir to keep phone-sized screenshots of the pages the journeys visit.
"""

import io
import os
import re
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

HERE = Path(__file__).resolve().parent
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
DEMO_PASSWORD = "grassroots-demo"  # the published demo password (seed_demo)
PHONE = {"width": 390, "height": 844}


def pytest_configure(config: pytest.Config) -> None:
    # pytest-playwright 0.10 declares its fallback `base_url` fixture as a method, which pytest 9
    # deprecates; the warning is about the plugin, not about these tests.
    config.addinivalue_line(
        "filterwarnings", "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, object, object]:
    """Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls from a
    thread with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE is set. The journeys need it from
    their fixtures' setup to the database flush in their teardown, and only they do: set for the
    whole session, it would leak into the rest of the suite (and into the subprocess of
    `check --deploy` in grassroots/core/tests/test_deploy.py, which then fails with async.E001)."""
    if not item.path.is_relative_to(HERE):  # this hook sees every test of the session
        return (yield)
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        return (yield)
    finally:
        if previous is None:
            del os.environ[ASYNC_UNSAFE]
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # Mobile first: the app is meant for cheap phones, so every journey runs on a phone-sized screen.
    return {**browser_context_args, "viewport": PHONE, "locale": "vi-VN"}


@pytest.fixture
def demo(transactional_db: None) -> None:
    """The demo ward 14758 with its 12 residential groups, commune 16000 and the demo accounts."""
    call_command("seed_demo", stdout=io.StringIO())


def t(message: str, language: str = "vi") -> str:
    """A UI string as the server renders it in `language` (whatever the catalogs hold right now)."""
    with translation.override(language):
        return translation.gettext(message)


def path(name: str, *args: Any, language: str = "vi") -> str:
    """The path of a named URL in `language` (Vietnamese has no prefix, /en/ and /ru/ do)."""
    with translation.override(language):
        return reverse(name, args=args)


def url(live_server: Any, name: str, *args: Any, language: str = "vi") -> str:
    return live_server.url + path(name, *args, language=language)


def current_code(username: str) -> str:
    """The code the demo authenticator app of an official shows right now (seed_demo's shared key)."""
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def submit_login(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Fill in and send the login form (labelled "Phone number or username" and "Password")."""
    page.get_by_label(t("Phone number or username"), exact=True).fill(username)
    page.get_by_label(t("Password"), exact=True).fill(password)
    page.locator("main form button").click()


def second_step(page: Page, username: str) -> None:
    """Officials answer the two-step page with the code of their authenticator app."""
    expect(page).to_have_url(re.compile(re.escape(path("accounts:two-factor"))))
    page.get_by_label(t("Code from your authenticator app, or a recovery code"), exact=True).fill(
        current_code(username)
    )
    page.locator("main form.stack button").click()
    expect(page).not_to_have_url(re.compile(re.escape(path("accounts:two-factor"))))


def log_in(page: Page, live_server: Any, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in from the login page; officials (who have a demo authenticator) also pass the second step,
    which the app asks for at the first page that is not public."""
    page.goto(url(live_server, "accounts:login"))
    submit_login(page, username, password)
    expect(page).not_to_have_url(re.compile(re.escape(path("accounts:login"))))
    if TOTPDevice.objects.filter(user__username=username, confirmed=True).exists():
        page.goto(url(live_server, "accounts:two-factor"))
        second_step(page, username)
    expect(page.locator("header form[action$='/logout/']")).to_have_count(1)  # folded in the menu on a phone


def assert_fits_phone(page: Page) -> None:
    """Nothing makes the page scroll sideways on a phone (wide tables scroll inside themselves)."""
    width, viewport = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width <= viewport, f"{page.url} is {width}px wide on a {viewport}px screen"


def menu(page: Page) -> None:
    """Open the header's menu where it is folded (a narrow screen); on a wide screen it is always open.

    Call it before using a link or form of the header: the menu and the language switcher fold behind
    the "Menu" button below 48rem (templates/base.html, the phone layout block of app.css)."""
    button = page.locator("header label.menu-button")
    if button.is_visible() and not page.locator("#menu-toggle").is_checked():
        button.click()
        expect(page.locator("header nav")).to_be_visible()


@pytest.fixture
def snap() -> Callable[[Page, str], None]:
    """Keep a full-page screenshot when E2E_SCREENSHOTS names a folder; otherwise do nothing."""
    folder = os.environ.get("E2E_SCREENSHOTS")

    def take(page: Page, name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    return take


RESIDENT_PASSWORD = "hoa sen nở giữa hồ"


@pytest.fixture
def outbox(settings: Any) -> Any:
    """The text messages sent during a test (the in-memory SMS backend)."""
    from grassroots.core import sms

    settings.SMS_BACKEND = "grassroots.core.sms.LocmemBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


def sign_in_by_sms_code(
    page: Any, live_server: Any, phone: str, outbox: Any, before_password: Callable[[], None] | None = None
) -> None:
    """Login page → "sign in with a code" → the code from the SMS → a password of their own."""
    page.goto(url(live_server, "accounts:login"))
    page.get_by_role("link", name=t("First time here? Sign in with a code sent to your phone")).click()
    page.get_by_label(t("Your phone number"), exact=True).fill(phone)
    page.locator("main form button").click()
    expect(page).to_have_url(re.compile(re.escape(path("accounts:code-enter"))))
    texts = [m.text for m in outbox if m.phone == phone and m.text.startswith("Mã đăng nhập")]
    assert len(texts) == 1
    code = re.search(r"\b(\d{6})\b", texts[0]).group(1)  # type: ignore[union-attr]
    page.get_by_label(t("The 6-digit code from the text message or the letter"), exact=True).fill(code)
    page.locator("main form button").click()
    expect(page).to_have_url(re.compile(re.escape(path("accounts:code-password"))))
    page.get_by_label(t("New password"), exact=True).fill(RESIDENT_PASSWORD)
    page.get_by_label(t("New password confirmation"), exact=True).fill(RESIDENT_PASSWORD)
    if before_password is not None:
        before_password()
    page.locator("main form button").click()
    expect(page.locator("header form[action$='/logout/']")).to_have_count(1)
