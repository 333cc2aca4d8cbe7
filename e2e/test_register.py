"""The household register: an official searches, opens a household and reveals a national ID number
(audited); officials of another commune and village heads meet 404s outside their units."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Response, expect

from grassroots.accounts.models import User
from grassroots.core.models import AuditEvent
from grassroots.people.crypto import decrypt_national_id
from grassroots.people.models import Household, Membership, Resident
from grassroots.people.views import PER_PAGE

from .conftest import PHONE, assert_fits_phone, log_in, second_step, submit_login, url

pytestmark = pytest.mark.e2e

VIEWED = "people.national_id_viewed"


def a_household(village: str) -> Household:
    return Household.objects.active().filter(unit__code=village).order_by("code")[3]


def member_names(household: Household) -> list[str]:
    return list(
        Membership.objects.filter(household=household, valid_to__isnull=True).values_list(
            "resident__full_name", flat=True
        )
    )


@contextmanager
def htmx_search(page: Page, query: str) -> Iterator[None]:
    """Wait for the htmx request of the register search for `query` (not a full page load)."""

    def is_search(response: Response) -> bool:
        params = parse_qs(urlsplit(response.url).query)
        return params.get("q") == [query] and response.request.headers.get("hx-request") == "true"

    with page.expect_response(is_search) as response:
        yield
    assert response.value.status == 200


def test_official_searches_opens_household_and_reveals_id(live_server: Any, demo: None, page: Page, snap: Any) -> None:
    official = User.objects.get(username="official")
    household = a_household("14758-03")

    # Password first; officials go straight on to the code of the authenticator app, then home.
    page.goto(url(live_server, "accounts:login"))
    submit_login(page, "official")
    second_step(page, "official")
    expect(page).to_have_url(url(live_server, "portal:home"))
    page.goto(url(live_server, "people:register-home"))  # by URL: the header folds into a menu on phones
    # One commune to keep: the register opens on it directly.
    expect(page).to_have_url(url(live_server, "people:register-unit", "14758"))
    expect(page.locator("h1")).to_contain_text("Phường Hạc Thành")
    rows = page.locator("#household-rows tbody tr")
    expect(rows).to_have_count(PER_PAGE)  # the first page of 3,000 households
    snap(page, "register-unit")
    assert_fits_phone(page)

    # Live search with htmx: typing a household code swaps the rows in place, and the URL follows.
    page.evaluate("window.__sameDocument = true")
    with htmx_search(page, household.code):
        page.locator("#q").fill(household.code)  # no Enter: the search runs as one types
    expect(rows).to_have_count(1)
    expect(rows.first.get_by_role("link", name=household.code, exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"\?q=" + re.escape(household.code)))
    assert page.evaluate("window.__sameDocument") is True  # no full page load

    # Search by a member's name (Enter submits the same form, also through htmx).
    name = member_names(household)[0]
    with htmx_search(page, name):
        page.locator("#q").fill(name)
        page.locator("#q").press("Enter")
    expect(rows.get_by_role("link", name=household.code, exact=True)).to_be_visible()
    for code in rows.locator("td:first-child a").all_inner_texts():
        # Every hit has a current member whose name contains the query.
        assert any(name.lower() in other.lower() for other in member_names(Household.objects.get(code=code)))
    assert page.evaluate("window.__sameDocument") is True

    # A search that matches nothing says so.
    with htmx_search(page, "không-có-hộ-này"):
        page.locator("#q").fill("không-có-hộ-này")
        page.locator("#q").press("Enter")
    expect(rows).to_have_count(0)
    expect(page.locator("#household-rows p.empty")).to_be_visible()

    # Open the household.
    with htmx_search(page, household.code):
        page.locator("#q").fill(household.code)
        page.locator("#q").press("Enter")
    expect(rows).to_have_count(1)
    rows.get_by_role("link", name=household.code, exact=True).click()
    expect(page).to_have_url(url(live_server, "people:household-detail", household.pk))
    expect(page.locator("h1")).to_contain_text(household.code)
    members = page.locator("main table tbody tr")
    expect(members).to_have_count(Membership.objects.filter(household=household).count())

    # National ID numbers are masked; "Show" swaps in the full number for one resident (htmx).
    first = members.first
    form = first.locator("form[action$='/reveal/']")
    resident = Resident.objects.get(pk=form.locator("input[name=resident]").get_attribute("value"))
    number = decrypt_national_id(resident.national_id_encrypted)
    expect(form.locator(".muted")).to_have_text("•" * 9 + number[-3:])
    assert not AuditEvent.objects.filter(verb=VIEWED).exists()
    page.evaluate("window.__sameDocument = true")
    form.locator("button").click()
    nid = first.locator("span.nid")
    expect(nid).to_have_text(number)
    assert re.fullmatch(r"\d{12}", nid.inner_text())
    assert page.evaluate("window.__sameDocument") is True
    # The other members stay masked.
    expect(page.locator("span.nid")).to_have_count(1)
    snap(page, "household-revealed")

    # The view is in the audit trail: who looked at whose number.
    event = AuditEvent.objects.get(verb=VIEWED)
    assert event.actor_id == official.pk
    assert event.target_id == str(resident.pk)
    assert event.unit_id == household.unit_id
    assert number not in str(event.data)


def test_register_without_javascript(live_server: Any, demo: None, browser: Browser) -> None:
    """The same search and reveal work as plain forms (old phones, JavaScript off)."""
    household = a_household("14758-05")
    name = member_names(household)[-1]
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="vi-VN")
    try:
        page = context.new_page()
        log_in(page, live_server, "official")
        page.goto(url(live_server, "people:register-unit", "14758"))
        page.locator("#q").fill(name)
        page.locator("form[role=search] button").click()
        expect(page).to_have_url(re.compile(r"\?q="))
        link = page.locator("#household-rows").get_by_role("link", name=household.code, exact=True)
        expect(link).to_be_visible()

        # Narrow by village: the select is a plain form field.
        page.locator("#village").select_option("14758-05")
        page.locator("form[role=search] button").click()
        expect(page).to_have_url(re.compile(r"village=14758-05"))
        for village in page.locator("#household-rows tbody tr td:nth-child(2)").all_inner_texts():
            assert village == household.unit.name
        link.click()

        row = page.locator("main table tbody tr", has_text=name)
        row.locator("form[action$='/reveal/'] button").click()
        resident = Resident.objects.get(full_name=name, memberships__household=household)
        expect(page.locator("span.nid")).to_have_text(decrypt_national_id(resident.national_id_encrypted))
        assert AuditEvent.objects.filter(verb=VIEWED, target_id=str(resident.pk)).count() == 1
    finally:
        context.close()


def test_other_commune_and_village_head_get_404(live_server: Any, demo: None, page: Page, browser: Browser) -> None:
    ward_household = a_household("14758-01")
    other_group = a_household("14758-02")

    # official-b keeps commune 16000: the ward's register is a 404, the same page as a unit that
    # does not exist, so nothing tells that the ward (or the household) is there.
    log_in(page, live_server, "official-b")
    page.goto(url(live_server, "people:register-home"))  # by URL: the header folds into a menu on phones
    expect(page).to_have_url(url(live_server, "people:register-unit", "16000"))
    response = page.goto(url(live_server, "people:register-unit", "14758"))
    assert response is not None and response.status == 404
    expect(page.locator("#household-rows")).to_have_count(0)
    not_there = page.locator("main").inner_html()
    assert "Hạc Thành" not in not_there
    response = page.goto(url(live_server, "people:register-unit", "00000"))
    assert response is not None and response.status == 404
    assert page.locator("main").inner_html() == not_there
    for target in [
        url(live_server, "people:register-unit", "14758-01"),
        url(live_server, "people:household-detail", ward_household.pk),
    ]:
        response = page.goto(target)
        assert response is not None and response.status == 404
        expect(page.locator("main")).not_to_contain_text(ward_household.code)

    # Nor can official-b reveal a number of the ward by posting the form by hand.
    page.goto(url(live_server, "people:register-unit", "16000"))
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    resident = Membership.objects.filter(household=ward_household).first().resident
    response = page.request.post(
        url(live_server, "people:reveal-id", ward_household.pk),
        form={"resident": str(resident.pk)},
        headers={"X-CSRFToken": token, "HX-Request": "true"},
    )
    assert response.status == 404
    assert decrypt_national_id(resident.national_id_encrypted) not in response.text()
    assert not AuditEvent.objects.filter(verb=VIEWED).exists()

    # The village head of Tổ dân phố 1 sees that group only, not the whole ward nor Tổ dân phố 2.
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    try:
        head = context.new_page()
        log_in(head, live_server, "villagehead")
        head.goto(url(live_server, "people:register-home"))
        expect(head).to_have_url(url(live_server, "people:register-unit", "14758-01"))
        expect(head.get_by_role("link", name=ward_household.code, exact=True)).to_be_visible()
        expect(head.locator("#village")).to_have_count(0)
        for target in [
            url(live_server, "people:register-unit", "14758"),
            url(live_server, "people:register-unit", "14758-02"),
            url(live_server, "people:household-detail", other_group.pk),
        ]:
            response = head.goto(target)
            assert response is not None and response.status == 404
    finally:
        context.close()

    # A resident with no register role has no register at all.
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    try:
        resident_page = context.new_page()
        log_in(resident_page, live_server, "resident")
        response = resident_page.goto(url(live_server, "people:register-home"))
        assert response is not None and response.status == 404
    finally:
        context.close()


def test_household_page_fits_a_phone(live_server: Any, demo: None, page: Page) -> None:
    household = a_household("14758-01")
    log_in(page, live_server, "official")
    page.goto(url(live_server, "people:household-detail", household.pk))
    expect(page.locator("main table tbody tr").first).to_be_visible()
    assert_fits_phone(page)


def test_official_records_a_birth_and_a_new_representative_and_sees_the_history(
    live_server: Any, demo: None, page: Page
) -> None:
    """The register kept in the browser (issue 9): in-page links only, no header menu."""
    from django.utils import timezone

    from grassroots.people.models import Representation
    from grassroots.people.rules import is_adult

    from .conftest import t

    today = timezone.localdate()
    household = a_household("14758-03")
    rep = Representation.objects.get(household=household, valid_to__isnull=True).resident
    successor = next(
        m.resident
        for m in Membership.objects.filter(household=household, valid_to__isnull=True).select_related("resident")
        if m.resident_id != rep.pk and is_adult(m.resident.birth_date, today)
    )
    log_in(page, live_server, "official")
    page.goto(url(live_server, "people:household-detail", household.pk))

    # A birth: the form, a mistake first (no name), then the child.
    page.get_by_role("link", name=t("Record a birth"), exact=True).click()
    expect(page).to_have_url(url(live_server, "people:record-birth", household.pk))
    assert_fits_phone(page)
    page.get_by_role("button", name=t("Continue")).click()
    expect(page.locator("#error-summary")).to_contain_text(t("Enter the full name."))
    page.get_by_label(t("Full name")).fill("Nguyễn Thị Bé Mới")
    page.get_by_label(t("Date of birth")).fill(today.isoformat())
    page.get_by_label(t("female")).check()
    page.get_by_role("button", name=t("Continue")).click()
    expect(page).to_have_url(url(live_server, "people:household-history", household.pk))
    expect(page.locator("main table")).to_contain_text("Nguyễn Thị Bé Mới")
    assert_fits_phone(page)

    # A change of representative, from the household page.
    page.get_by_role("link", name=household.code).first.click()
    page.get_by_role("link", name=t("Change the representative"), exact=True).click()
    page.get_by_label(successor.full_name).check()
    page.get_by_label(t("Effective date")).fill(today.isoformat())
    page.get_by_role("button", name=t("Continue")).click()
    expect(page).to_have_url(url(live_server, "people:household-history", household.pk))
    history = page.locator("main table tbody tr")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text(successor.full_name)
    expect(history.first).to_contain_text("Nguyễn Thị Cán Bộ")
    assert Representation.objects.get(household=household, valid_to__isnull=True).resident == successor
    assert AuditEvent.objects.filter(verb="people.representative_changed", target_id=str(household.pk)).exists()
