"""Steering and monitoring (issue 15): the province's steering committee member opens the dashboard from the
header, reads a figure ("2 / 17" situation reports on time), goes down to the ward and to what is overdue
there; another commune's official is refused the province. On a phone, as every journey."""

import io
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from grassroots.people.demo import DEMO_WARD
from grassroots.situation_reports.models import ReportRound

from .conftest import assert_fits_phone, log_in, menu, t, url

pytestmark = pytest.mark.e2e


def test_a_steering_member_goes_from_the_province_down_to_what_is_overdue(
    live_server: Any, demo: None, page: Page, snap: Any
) -> None:
    call_command("seed_situation_reports_demo", stdout=io.StringIO())
    call_command("refresh_figures", "--all", stdout=io.StringIO())
    deadline = ReportRound.objects.get().village_deadline  # the villages' deadline passed three days ago

    log_in(page, live_server, "steering")
    menu(page)
    page.get_by_role("link", name=t("Steering and monitoring")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tỉnh Thanh Hóa")
    # The month of the deadline: 2 of the 17 residential groups and villages reported on time.
    page.goto(page.url.split("?")[0] + f"?period=M&start={deadline.isoformat()}")
    figure = page.locator("#indicator-situation_reports_on_time")
    expect(figure).to_contain_text("(2 / 17)")
    expect(figure.get_by_role("table")).to_be_visible()  # the chart's figures as a table
    assert_fits_phone(page)
    snap(page, "steering-province")

    page.locator("#below").get_by_role("link", name="Phường Hạc Thành").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Phường Hạc Thành")
    expect(page.locator("#indicator-situation_reports_on_time")).to_contain_text("(2 / 12)")
    page.get_by_role("link", name=t("Overdue items below this unit")).click()
    expect(page.get_by_role("main")).to_contain_text("Tổ dân phố 4")  # its report is still a draft
    assert_fits_phone(page)

    # Another commune's official sees neither the province nor the ward.
    other = page.context.browser.new_context(viewport=page.viewport_size)  # type: ignore[union-attr]
    other_page = other.new_page()
    log_in(other_page, live_server, "official-b")
    for code in ("38", DEMO_WARD):
        response = other_page.goto(url(live_server, "reporting:unit", code))
        assert response is not None and response.status == 404
    other.close()
