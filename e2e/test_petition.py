"""A petition to the People's Inspection Board from filing to rating (Law Arts 38–40; D59 Art 14), on a
phone: a resident files a petition with a photo; the board takes it up, assigns a member, records its plan
(5 working days ahead), its findings and a recommendation; the ward Front certifies it (after a
confirmation page); the ward chair answers; the board sends the written result; the resident sees it and
rates the outcome."""

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from grassroots.petitions.models import Petition

from .conftest import PHONE, assert_fits_phone, log_in, t, url

pytestmark = pytest.mark.e2e
WARD = "14758"
SUBJECT = "Cống rãnh ngõ 7 bị lấp"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _as(page: Page, live_server: Any, username: str) -> Page:
    browser = page.context.browser
    assert browser is not None
    other = browser.new_page(viewport=ViewportSize(width=PHONE["width"], height=PHONE["height"]), locale="vi-VN")
    log_in(other, live_server, username)
    return other


def _step(page: Page, button: str, done: str) -> None:
    page.get_by_role("button", name=t(button), exact=True).click()
    expect(page.locator(".messages")).to_contain_text(t(done))


def test_a_petition_from_filing_to_rating(live_server: Any, demo: None, page: Page) -> None:
    call_command("seed_petitions_demo", stdout=io.StringIO())
    today = timezone.localdate()
    log_in(page, live_server, "resident")
    page.goto(url(live_server, "petitions:public", WARD))
    page.get_by_role("link", name=t("Send a petition"), exact=True).click()
    page.get_by_label(t("Subject"), exact=True).fill(SUBJECT)
    page.get_by_label(t("What happened"), exact=True).fill("Ngõ 7 bị lấp cống, nước tràn vào nhà dân.")
    page.get_by_label(t("Photos (optional, JPEG or PNG, up to 3)"), exact=True).set_input_files(
        {"name": "cong.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.get_by_role("button", name=t("Send the petition"), exact=True).click()
    expect(page.locator(".messages")).to_contain_text(t("Your petition is sent to the People's Inspection Board."))
    petition = Petition.objects.get(subject=SUBJECT)
    assert petition.photos.count() == 1
    assert_fits_phone(page)
    case = url(live_server, "petitions:case", petition.pk)

    board = _as(page, live_server, "boardmember")
    board.goto(case)
    board.get_by_label(t("Take it up"), exact=True).check()
    _step(board, "Record the decision", "The decision is recorded.")
    board.get_by_label("Đỗ Thị Thành Viên", exact=True).check()
    _step(board, "Assign", "The members are assigned.")
    board.get_by_label(t("Inspection plan (purpose, content, time, subject)"), exact=True).fill("Kiểm tra hiện trường")
    board.get_by_label(t("Sent to the Front, the commune Chair and the subject on"), exact=True).fill(
        (today - dt.timedelta(days=21)).isoformat()
    )
    board.get_by_label(t("The board acts from"), exact=True).fill((today - dt.timedelta(days=7)).isoformat())
    _step(board, "Record the plan as sent", "The inspection plan is recorded as sent.")
    board.get_by_label(t("Findings"), exact=True).fill("Cống bị lấp do thi công.")
    _step(board, "Record the findings", "The findings are recorded.")
    board.get_by_label(t("Recommendation to the commune People's Committee"), exact=True).fill("Khơi thông cống.")
    _step(board, "Send to the Front for certification", "The recommendation is sent to the Front for certification.")

    front = _as(page, live_server, "front")
    front.goto(case)
    front.get_by_role("button", name=t("Certify and send"), exact=True).click()
    _step(front, "Certify and send", "The recommendation is certified and sent to the commune.")

    chair = _as(page, live_server, "chair")
    chair.goto(case)
    chair.get_by_label(t("Answer of the commune People's Committee"), exact=True).fill("Đã khơi thông cống ngõ 7.")
    _step(chair, "Record the answer", "The answer is recorded.")

    board.goto(case)
    board.get_by_label(t("Written result to the petitioner"), exact=True).fill("Cống ngõ 7 đã được khơi thông.")
    board.get_by_role("button", name=t("Send the result"), exact=True).click()
    _step(board, "Send the result", "The written result is sent to the petitioner.")

    page.goto(url(live_server, "petitions:mine"))
    page.get_by_role("link", name=re.compile(re.escape(SUBJECT))).click()
    expect(page.locator("#result")).to_contain_text("Cống ngõ 7 đã được khơi thông.")
    page.locator("#step-rate").get_by_label("4", exact=True).check()
    _step(page, "Send my rating", "Thank you: your rating is recorded.")
    petition.refresh_from_db()
    assert (petition.state, petition.rating) == ("closed", 4)
