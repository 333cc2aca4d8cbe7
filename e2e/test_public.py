"""Journeys anyone can take: languages, the public unit browser, and the door to the register."""

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from grassroots.people.models import Household
from grassroots.territory.models import Unit

from .conftest import PHONE, assert_fits_phone, menu, path, second_step, submit_login, t, url

pytestmark = pytest.mark.e2e


def switch_language(page: Page, code: str) -> None:
    """Use the language switcher in the header: a plain POST form, no JavaScript needed."""
    menu(page)
    page.locator("header form.lang select[name=language]").select_option(code)
    page.locator("header form.lang button").click()


def test_languages_by_url_and_switcher(live_server: Any, demo: None, page: Page, browser: Browser) -> None:
    # Vietnamese at /, English at /en/, Russian at /ru/.
    for prefix, code in [("/", "vi"), ("/en/", "en"), ("/ru/", "ru")]:
        response = page.goto(live_server.url + prefix)
        assert response is not None and response.status == 200
        expect(page.locator("html")).to_have_attribute("lang", code)
        menu(page)
        expect(page.get_by_role("link", name=t("Log in", code), exact=True)).to_be_visible()
        expect(page.locator("#lang-select")).to_have_value(code)
        expect(page.get_by_role("link", name="Tỉnh Thanh Hóa")).to_be_visible()

    # An unknown language prefix is not a page.
    response = page.goto(live_server.url + "/de/")
    assert response is not None and response.status == 404

    # The switcher keeps the page and changes its language.
    page.goto(url(live_server, "territory:unit-list"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    switch_language(page, "en")
    expect(page).to_have_url(url(live_server, "territory:unit-list", language="en"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(t("Administrative units", "en"))
    page.goto(url(live_server, "territory:unit-list"))
    switch_language(page, "ru")
    expect(page).to_have_url(url(live_server, "territory:unit-list", language="ru"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_have_text(t("Administrative units", "ru"))

    # The switcher works without JavaScript too, and an English-speaking browser still gets
    # Vietnamese at the unprefixed address (the prefix, not Accept-Language, decides).
    context = browser.new_context(java_script_enabled=False, locale="en-US", viewport=PHONE)
    try:
        plain = context.new_page()
        plain.goto(live_server.url + "/")
        expect(plain.locator("html")).to_have_attribute("lang", "vi")
        switch_language(plain, "en")
        expect(plain).to_have_url(live_server.url + "/en/")
        expect(plain.locator("html")).to_have_attribute("lang", "en")
    finally:
        context.close()


def test_switcher_from_a_prefixed_page(live_server: Any, demo: None, page: Page) -> None:
    page.goto(url(live_server, "territory:unit-list", language="en"))
    switch_language(page, "ru")
    expect(page).to_have_url(url(live_server, "territory:unit-list", language="ru"), timeout=2000)
    switch_language(page, "vi")
    expect(page).to_have_url(url(live_server, "territory:unit-list"), timeout=2000)
    expect(page.locator("html")).to_have_attribute("lang", "vi")


def test_unit_browser_search_to_ward(live_server: Any, demo: None, page: Page, snap: Any) -> None:
    ward = Unit.objects.get(code="14758")
    groups = list(ward.children.order_by("code"))
    assert len(groups) == 12
    households = Household.objects.active().filter(unit__path__startswith=ward.path).count()
    assert households > 0

    page.goto(url(live_server, "portal:home"))
    page.locator(f"main a[href='{path('territory:unit-list')}']").click()
    expect(page).to_have_url(url(live_server, "territory:unit-list"))

    # Search by part of the name, case-insensitively.
    page.locator("#q").fill("hạc thành")
    page.locator("form[role=search] button").click()
    expect(page).to_have_url(re.compile(r"/units/\?q="))
    results = page.locator("main ul.list > li")
    expect(results).to_have_count(1)
    results.get_by_role("link", name="Phường Hạc Thành").click()

    expect(page).to_have_url(url(live_server, "territory:unit-detail", "14758"))
    expect(page.locator("h1")).to_have_text("Phường Hạc Thành")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("14758")
    expect(facts.get_by_role("link", name="Tỉnh Thanh Hóa")).to_be_visible()
    # The household count, whatever the thousands separator of the language.
    count = facts.locator("dt", has_text=t("Households")).locator("xpath=following-sibling::dd[1]")
    assert re.sub(r"\D", "", count.inner_text()) == str(households)

    # The residential groups below the ward, each with its households; they add up.
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(len(groups))
    total = 0
    for group in groups:
        row = rows.filter(has=page.locator(f"a[href$='/units/{group.code}/']"))
        expect(row).to_have_count(1)
        expect(row.locator("td").first).to_have_text(group.name)
        total += int(re.sub(r"\D", "", row.locator("td.num").inner_text()))
    assert total == households
    snap(page, "unit-ward")
    assert_fits_phone(page)

    # A group page names its parent; the breadcrumb leads back to the ward.
    rows.get_by_role("link", name=groups[0].name, exact=True).click()
    expect(page.locator("h1")).to_have_text(groups[0].name)
    page.locator("nav.crumbs").get_by_role("link", name="Phường Hạc Thành").click()
    expect(page).to_have_url(url(live_server, "territory:unit-detail", "14758"))

    # Searching by exact code works; nonsense finds nothing; an unknown code is a 404.
    page.goto(url(live_server, "territory:unit-list") + "?q=16000")
    expect(page.locator("main ul.list > li")).to_have_count(1)
    expect(page.locator("main ul.list")).to_contain_text("Xã Đông Tiến")
    page.goto(url(live_server, "territory:unit-list") + "?q=zzzz-nowhere")
    expect(page.locator("main ul.list")).to_have_count(0)
    expect(page.locator("main p.empty")).to_be_visible()
    response = page.goto(url(live_server, "territory:unit-detail", "99999"))
    assert response is not None and response.status == 404


def test_unit_search_ignores_vietnamese_case(live_server: Any, demo: None, page: Page) -> None:
    page.goto(url(live_server, "territory:unit-list") + "?q=đông tiến")
    expect(page.locator("main ul.list")).to_contain_text("Xã Đông Tiến", timeout=1000)


def test_pages_keep_to_the_content_security_policy(live_server: Any, demo: None, page: Page) -> None:
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url(live_server, "portal:home"))
    expect(page.locator("h1")).to_be_visible()
    page.wait_for_function("typeof htmx !== 'undefined'")
    assert violations == []


def test_anonymous_is_sent_to_login_and_back(live_server: Any, demo: None, page: Page) -> None:
    # The public header offers no register link to a visitor.
    page.goto(url(live_server, "portal:home"))
    expect(page.locator("header a[href$='/register/']")).to_have_count(0)

    # Anonymous visitors are sent to the login page, for the register and for the account pages.
    for name, args in [
        ("people:register-home", ()),
        ("people:register-unit", ("14758",)),
        ("accounts:profile", ()),
        ("people:verify", ()),
    ]:
        page.goto(url(live_server, name, *args))
        expect(page).to_have_url(f"{url(live_server, 'accounts:login')}?next={path(name, *args)}")
        expect(page.locator("#id_username")).to_be_visible()
        expect(page.locator("#household-rows")).to_have_count(0)

    # After logging in there, the visitor lands where they were going.
    # (an official passes the two-step page on the way, which keeps the destination too).
    page.goto(url(live_server, "people:register-home"))
    submit_login(page, "official")
    second_step(page, "official")
    expect(page).to_have_url(url(live_server, "people:register-unit", "14758"))


# A receipt code as the vote page gives it. Receipt codes are random by design and only the voter sees
# them, so the journey plants this one on a ballot of the demo's counted online vote (its hash is what
# the count stored; nothing else about the ballot changes).
PLANTED_RECEIPT = "3F2A9C0B17D4E6A85B21"


def test_a_visitor_finds_a_bulletin_from_home_and_checks_a_receipt(
    live_server: Any, demo: None, page: Page, snap: Any
) -> None:
    from grassroots.decisions import demo as decisions_demo
    from grassroots.decisions.actions import receipt_hash
    from grassroots.decisions.models import Ballot

    # The demo's online vote counted and in effect (14758-07), built alone (seed_decisions_demo does all).
    (built,) = decisions_demo.build(["in_effect"])
    matter = built.matter
    ballot = Ballot.objects.filter(matter=matter).exclude(receipt_hash="").order_by("pk").first()
    assert ballot is not None
    Ballot.objects.filter(pk=ballot.pk).update(receipt_hash=receipt_hash(PLANTED_RECEIPT))
    group = matter.unit

    # Home page: choose the residential group in "Decisions near you" (a plain GET form).
    page.goto(url(live_server, "portal:home"))
    near = page.locator("#near-you")
    expect(near.get_by_role("heading", name=t("Decisions near you"))).to_be_visible()
    near.locator("select[name=unit]").select_option(group.code)
    near.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"\?unit={re.escape(group.code)}"))
    snap(page, "home-near-you")
    assert_fits_phone(page)

    # The decided matter links to its bulletin.
    page.locator("#near-you").get_by_role("link", name=matter.title).click()
    expect(page).to_have_url(url(live_server, "decisions:bulletin", matter.pk))
    expect(page.locator("h1")).to_contain_text(matter.title)
    facts = page.locator("dl.facts")
    needed = matter.household_count // 2 + 1  # item 6: more than half of all households (Law Art 21(1))
    expect(facts).to_contain_text(str(matter.household_count))
    expect(facts).to_contain_text(str(needed))
    expect(facts).to_contain_text(t("Adopted."))
    expect(page.locator("main")).not_to_contain_text("[U]")
    snap(page, "bulletin")
    assert_fits_phone(page)

    # Paste the receipt (as a resident might: lower case, with spaces) and be told it was counted.
    box = page.locator("#check-receipt")
    box.get_by_label(t("Your receipt code")).fill("3f2a 9c0b 17d4 e6a8 5b21")
    box.locator("button[type=submit]").click()
    expect(page.locator("#check-receipt [role=status]")).to_have_text(
        t("Counted: a vote with this receipt is in this count.")
    )
    snap(page, "bulletin-receipt-counted")
    assert_fits_phone(page)

    # A receipt that is not there is not counted.
    page.locator("#check-receipt").get_by_label(t("Your receipt code")).fill("0000 0000 0000 0000 0000")
    page.locator("#check-receipt button[type=submit]").click()
    expect(page.locator("#check-receipt [role=status]")).to_contain_text(
        t(
            "Not found: no vote with this receipt is in this count. Check the code for typing mistakes; if it is right, tell the village head or the commune."
        )
    )

    # From the bulletin, the unit's other decisions, and from there the unit page, which leads back.
    page.locator("main").get_by_role("link", name=t("Decisions of %(unit)s") % {"unit": group.name}).first.click()
    expect(page).to_have_url(url(live_server, "decisions:unit-decisions", group.code))
    expect(page.locator(f"main a[href='{path('decisions:bulletin', matter.pk)}']")).to_have_count(1)
    assert_fits_phone(page)
    page.locator("nav.crumbs a").first.click()
    expect(page).to_have_url(url(live_server, "territory:unit-detail", group.code))
    page.locator(f"main a[href='{path('decisions:unit-decisions', group.code)}']").click()
    expect(page).to_have_url(url(live_server, "decisions:unit-decisions", group.code))

    # The cookie remembers the visitor's unit on the next visit to the home page.
    page.goto(url(live_server, "portal:home"))
    expect(page.locator("#near-you").get_by_role("link", name=matter.title)).to_be_visible()
