"""Phone layout (issue 9): on a 390×844 screen the header folds into a menu that opens without script,
its links and the pages' buttons are at least 44px tall, and no page of the journeys scrolls sideways.

The pages are the shared list of grassroots/portal/tests/pages.py (public pages, the resident's, the
console of the demo matters, the recognition queue, the training pages), opened by the demo accounts."""

import importlib
from typing import Any

import pytest
from django.apps import apps
from playwright.sync_api import Browser, Page, expect

from grassroots.portal.tests.pages import PAGES, paths, seed

from .conftest import PHONE, assert_fits_phone, log_in, menu

pytestmark = pytest.mark.e2e

MIN_TOUCH = 44
# The elements a finger has to hit: the header's links and buttons, and the buttons of the page.
TARGETS = "header a, header button, header select, header label.menu-button, main button, main .button, main select"


def _small_targets(page: Page) -> list[str]:
    found = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((e) => e.offsetParent !== null)
            .map((e) => [e.getBoundingClientRect().height, e.outerHTML.slice(0, 80)])""",
        TARGETS,
    )
    return [f"{height:.0f}px {html}" for height, html in found if height < MIN_TOUCH - 0.5]


@pytest.fixture
def journeys(transactional_db: None) -> None:
    """The demo with its matters in every state, its training conference and the law library (a data
    migration, which the flush of the previous journey emptied)."""
    from grassroots.library.models import Document

    if not Document.objects.exists():
        load = importlib.import_module("grassroots.library.migrations.0002_load_articles").load
        load(apps, None)
    seed()  # the demo commands of the shared page list, so a page added there has its data


def test_the_header_folds_into_a_menu_on_a_phone(live_server: Any, journeys: None, page: Page, snap: Any) -> None:
    page.goto(live_server.url + "/")
    snap(page, "menu-folded")
    nav = page.locator("header nav")
    expect(nav).to_be_hidden()
    expect(page.locator("header form.lang")).to_be_hidden()
    button = page.locator("header label.menu-button")
    expect(button).to_be_visible()
    menu(page)
    expect(nav).to_be_visible()
    expect(page.locator("header form.lang")).to_be_visible()
    snap(page, "menu-open")
    assert _small_targets(page) == []
    assert_fits_phone(page)


def test_on_a_desktop_the_menu_is_always_open(live_server: Any, journeys: None, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        expect(page.locator("header nav")).to_be_visible()
        expect(page.locator("header label.menu-button")).to_be_hidden()
        menu(page)  # does nothing on a wide screen
        expect(page.locator("header nav")).to_be_visible()
    finally:
        context.close()


def test_no_page_of_the_journeys_scrolls_sideways_at_390px(
    live_server: Any, journeys: None, browser: Browser, snap: Any
) -> None:
    problems = []
    for who, pages in paths("vi").items():
        context = browser.new_context(viewport=PHONE, locale="vi-VN")
        try:
            page = context.new_page()
            if who is not None:
                log_in(page, live_server, who)
            for target in pages:
                response = page.goto(live_server.url + target)
                assert response is not None and response.status == 200, (who, target)
                width, viewport = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
                if width > viewport:
                    problems.append(f"{who} {target}: {width}px wide on a {viewport}px screen")
                problems += [f"{who} {target}: {small}" for small in _small_targets(page)]
                snap(page, f"phone-{who or 'public'}-{target.strip('/').replace('/', '-') or 'home'}")
        finally:
            context.close()
    assert len(PAGES) >= 5
    assert problems == [], "\n".join(problems)
