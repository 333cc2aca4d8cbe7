"""The annual community conference of Tổ dân phố 1 from plan to report (Law Art 33; D59 Arts 10–11), on
a phone: the village head plans it; a notice 4 days ahead is refused with the article; the ward People's
Committee, the ward Front and the People's Inspection Board each agree; the head records it as held
(after a confirmation page), keeps and closes the minutes, records the report and downloads it; the
group's public page shows the conference; an official of another commune is refused."""

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from grassroots.annual_conferences.models import Conference

from .conftest import PHONE, assert_fits_phone, log_in, t, url

pytestmark = pytest.mark.e2e
GROUP = "14758-01"


def _other_phone(page: Page, live_server: Any, username: str) -> Page:
    """Another person's phone: the village head stays logged in on his (an authenticator code is
    accepted once, so the same account does not log in twice within one 30-second step)."""
    browser = page.context.browser
    assert browser is not None
    other = browser.new_page(viewport=ViewportSize(width=PHONE["width"], height=PHONE["height"]), locale="vi-VN")
    log_in(other, live_server, username)
    return other


def _agree(page: Page, live_server: Any, username: str, conference: Conference) -> None:
    page = _other_phone(page, live_server, username)
    page.goto(url(live_server, "annual_conferences:conference", conference.pk))
    step = page.locator("#step-agreements")
    step.get_by_role("button", name=t("Record the agreement"), exact=True).click()
    expect(page.locator(".messages")).to_contain_text(t("The agreement to the plan is recorded."))
    page.close()


def test_a_conference_from_plan_to_report(live_server: Any, demo: None, page: Page, snap: Any) -> None:
    today = timezone.localdate()
    log_in(page, live_server, "villagehead")
    page.goto(url(live_server, "annual_conferences:village", GROUP))
    page.get_by_label(t("Day of the conference"), exact=True).fill(today.isoformat())
    page.get_by_label(t("Venue"), exact=True).fill("Nhà văn hóa tổ dân phố 1")
    page.get_by_label(t("Content"), exact=True).fill("Tổng kết năm, bình xét gia đình văn hóa")
    page.get_by_role("button", name=t("Record the plan"), exact=True).click()
    conference = Conference.objects.get(village__code=GROUP)
    expect(page).to_have_url(re.compile(re.escape(f"/annual-conferences/{conference.pk}/")))
    assert_fits_phone(page)

    notice = page.locator("#step-notice")
    notice.get_by_label(t("Notice sent to households on"), exact=True).fill((today - dt.timedelta(days=4)).isoformat())
    notice.get_by_role("button", name=t("Record the notice"), exact=True).click()
    expect(page.locator("#step-notice")).to_contain_text("Điều 10 Nghị định 59/2023/NĐ-CP")  # 4 days: refused
    notice = page.locator("#step-notice")
    notice.get_by_label(t("Notice sent to households on"), exact=True).fill((today - dt.timedelta(days=5)).isoformat())
    notice.get_by_role("button", name=t("Record the notice"), exact=True).click()
    expect(page.locator(".messages")).to_contain_text(t("The notice is recorded."))

    for username in ("chair", "front", "inspector"):
        _agree(page, live_server, username, conference)

    page.goto(url(live_server, "annual_conferences:conference", conference.pk))
    hold = page.locator("#step-hold")
    hold.get_by_label(t("Households whose representative is present"), exact=True).fill("180")
    hold.get_by_label(t("Secretary keeping the minutes"), exact=True).fill("Nguyễn Thị Thư")
    hold.get_by_role("button", name=t("Record as held"), exact=True).click()
    page.get_by_role("button", name=t("Record as held"), exact=True).click()  # the confirmation page
    expect(page.locator(".messages")).to_contain_text(t("The conference is recorded as held. Now keep its minutes."))

    minutes = page.locator("#step-minutes")
    minutes.get_by_label(t("2. The village head's report"), exact=True).fill("Tình hình tổ ổn định.")
    minutes.get_by_label(t("3. The Front work committee's report"), exact=True).fill("Dân chủ được thực hiện tốt.")
    minutes.get_by_label(t("4. The Inspection Board member's report"), exact=True).fill("Đã giám sát quỹ khuyến học.")
    minutes.get_by_label(t("5. Proposals (one a line)"), exact=True).fill("Lắp đèn ngõ 5\nNạo vét rãnh")
    minutes.get_by_role("button", name=t("Save the minutes"), exact=True).click()
    page.locator("#step-minutes").get_by_role("button", name=t("Close the minutes"), exact=True).click()
    page.get_by_role("button", name=t("Close the minutes"), exact=True).click()  # the confirmation page
    expect(page.locator(".messages")).to_contain_text(
        t("The minutes are closed. Send the written report to the commune.")
    )

    page.locator("#step-report").get_by_role("button", name=t("Record the report as sent"), exact=True).click()
    expect(page.locator(".messages")).to_contain_text(t("The report to the commune is recorded as sent."))
    snap(page, "annual-conference-reported")
    with page.expect_download() as info:
        page.locator("#documents ~ ul a[href$='/report.pdf']").click()
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF")

    page.goto(url(live_server, "territory:unit-detail", GROUP))
    expect(page.locator(".village-conference")).to_contain_text(str(today.year))
    assert_fits_phone(page)

    outsider = _other_phone(page, live_server, "official-b")
    response = outsider.goto(url(live_server, "annual_conferences:conference", conference.pk))
    assert response is not None and response.status == 404
