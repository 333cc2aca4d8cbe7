"""A consultation on the ward's land-use plan, on a phone (Law Arts 25–28): a resident comments on an
article; after the window the official groups the opinion and records that it was partly taken up, with
the explanation, and publishes the synthesis (after a confirmation page); the public page shows the
take-up and the explanation, and not the resident's name."""

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, ViewportSize, expect

from grassroots.accounts.models import User
from grassroots.consultations import actions
from grassroots.consultations.models import Consultation, Opinion
from grassroots.territory.models import Unit

from .conftest import PHONE, assert_fits_phone, log_in, t, url

pytestmark = pytest.mark.e2e
DRAFT = "Điều 1. Phạm vi\nĐiều chỉnh quy hoạch đến năm 2030.\nĐiều 2. Đất ở\nBổ sung 4,5 ha đất ở tại tổ dân phố 3."


def _consultation() -> Consultation:
    official = User.objects.get(username="official")
    c = actions.create_consultation(
        actor=official, commune=Unit.objects.get(code="14758"), kind="land_use", title="Quy hoạch sử dụng đất",
        summary="Dự thảo điều chỉnh", channels=["web", "meeting"], timeline="30 ngày", responsible="Địa chính",
    )  # fmt: skip
    actions.add_draft(actor=official, consultation=c, title="Dự thảo", text=DRAFT)
    today = timezone.localdate()
    for who in ("council", "front"):
        actions.record_plan_sent(actor=official, consultation=c, recipient=who, sent_on=today)
    return actions.publish(actor=official, consultation=c, published_on=today)


def test_a_resident_comments_the_official_records_the_take_up_and_the_synthesis_shows_it(
    live_server: Any, demo: None, page: Page
) -> None:
    c = _consultation()
    article = c.drafts.get().articles.get(number="2")
    log_in(page, live_server, "resident")
    page.goto(url(live_server, "consultations:detail", c.pk))
    thread = page.locator(f"#article-{article.pk}")
    thread.locator("summary").click()
    thread.get_by_label(t("I disagree"), exact=True).check()
    thread.get_by_label(t("Your opinion"), exact=True).fill("Khu phía bắc hay ngập, cần làm thoát nước trước.")
    thread.get_by_role("button", name=t("Send my opinion"), exact=True).click()
    expect(page.locator(".messages")).to_contain_text(t("Thank you: your opinion is recorded."))
    expect(page.locator(f"#article-{article.pk}")).to_contain_text("cần làm thoát nước trước")
    assert_fits_phone(page)
    opinion = Opinion.objects.get()
    resident_name = opinion.author_name
    assert resident_name

    # The window runs out (30 days later).
    back = dt.timedelta(days=31)
    assert c.published_on is not None and c.closes_on is not None
    Consultation.objects.filter(pk=c.pk).update(published_on=c.published_on - back, closes_on=c.closes_on - back)
    Opinion.objects.update(given_on=opinion.given_on - back)

    browser = page.context.browser
    assert browser is not None
    official = browser.new_page(viewport=ViewportSize(width=PHONE["width"], height=PHONE["height"]), locale="vi-VN")
    log_in(official, live_server, "official")
    official.goto(url(live_server, "consultations:detail", c.pk))
    grouping = official.locator("#grouping")
    grouping.get_by_label(t("New group of opinions"), exact=True).fill("Thoát nước khu phía bắc")
    grouping.get_by_role("button", name=t("Create the group"), exact=True).click()
    expect(official.locator(".messages")).to_contain_text(t("The group is created."))
    card = official.locator("#grouping .card").first
    card.get_by_label(re.compile(f"#{opinion.pk} ")).check()
    card.get_by_role("button", name=t("Group them"), exact=True).click()
    card = official.locator("#grouping .card").first
    card.get_by_label(t("Take-up"), exact=True).select_option("partly")
    card.get_by_label(t("Explanation"), exact=True).fill("Bổ sung hạng mục thoát nước vào giai đoạn 1.")
    card.get_by_role("button", name=t("Record the take-up"), exact=True).click()
    expect(official.locator(".messages")).to_contain_text(t("The take-up is recorded."))
    grouping = official.locator("#grouping")
    grouping.get_by_label(t("Synthesis of the opinions"), exact=True).fill("Một ý kiến về thoát nước, đã tiếp thu.")
    grouping.get_by_role("button", name=t("Publish the synthesis"), exact=True).click()
    official.get_by_role("button", name=t("Publish the synthesis"), exact=True).click()  # the confirmation page
    expect(official.locator(".messages")).to_contain_text(t("The synthesis is published."))

    visitor = browser.new_page(viewport=ViewportSize(width=PHONE["width"], height=PHONE["height"]), locale="vi-VN")
    visitor.goto(url(live_server, "consultations:public", c.pk))
    synthesis = visitor.locator("#synthesis")
    expect(synthesis).to_contain_text("Thoát nước khu phía bắc")
    expect(synthesis).to_contain_text("Bổ sung hạng mục thoát nước vào giai đoạn 1.")
    with translation.override("vi"):
        expect(synthesis).to_contain_text(translation.pgettext("opinion", "partly taken up"))
    expect(visitor.locator(f"#article-{article.pk}")).to_contain_text("cần làm thoát nước trước")
    assert resident_name not in visitor.content()
    assert_fits_phone(visitor)
