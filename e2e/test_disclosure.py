"""Residents are informed (issue 12): the ward's official drafts a disclosure, publishes it after the
confirmation page and logs its posting at the ward's seat; a visitor finds it by searching without
diacritics; another commune's official cannot open the draft. On a phone, as every journey."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from grassroots.disclosure.models import Item
from grassroots.people.demo import DEMO_WARD

from .conftest import assert_fits_phone, log_in, t, url

pytestmark = pytest.mark.e2e


def test_an_official_publishes_and_a_visitor_finds_it_without_diacritics(
    live_server: Any, demo: None, page: Page, snap: Any
) -> None:
    log_in(page, live_server, "official")
    page.goto(url(live_server, "disclosure:item-new"))
    page.get_by_label(t("Unit it concerns")).select_option(label="Phường Hạc Thành")
    page.get_by_label(t("Category")).select_option("2")
    page.get_by_label(t("Title")).fill("Công khai dự toán ngân sách phường năm 2027")
    page.get_by_label(t("Source document or decision")).fill("Nghị quyết số 50/NQ-HĐND")
    page.get_by_label(t("Date of the document")).fill("2026-12-01")
    page.get_by_label(t("Text")).fill("Tổng thu: 45 tỷ đồng.")
    page.get_by_role("button", name=t("Save")).click()
    expect(page.get_by_text(t("Draft: residents do not see it until it is published."))).to_be_visible()
    draft = Item.objects.get(title="Công khai dự toán ngân sách phường năm 2027")
    assert_fits_phone(page)

    # Another commune's official cannot open the draft.
    other = page.context.browser.new_context(viewport=page.viewport_size)  # type: ignore[union-attr]
    other_page = other.new_page()
    log_in(other_page, live_server, "official-b")
    response = other_page.goto(url(live_server, "disclosure:item", draft.pk))
    assert response is not None and response.status == 404
    other.close()

    page.get_by_role("button", name=t("Publish"), exact=True).click()
    page.get_by_role("button", name=t("Publish"), exact=True).click()  # the confirmation page
    expect(page.get_by_text(t("The disclosure was published."))).to_be_visible()
    page.get_by_role("link", name=t("Log a posting")).click()
    page.get_by_label(t("Channel")).select_option("commune_seat")
    page.get_by_role("button", name=t("Log")).click()
    expect(page.get_by_text(t("The posting was logged."))).to_be_visible()
    snap(page, "disclosure-item-console")

    page.context.clear_cookies()
    page.goto(url(live_server, "disclosure:unit", DEMO_WARD))
    page.get_by_label(t("Search")).fill("ngan sach 2027")
    page.get_by_role("button", name=t("Show")).click()
    expect(page.get_by_role("link", name="Công khai dự toán ngân sách phường năm 2027")).to_be_visible()
    assert_fits_phone(page)
