"""A resident votes online (issue 9): the commune creates the accounts of residential group 14758-01 from
the register; a representative gets their account by SMS code on their own phone, finds the open vote
on the home page, chooses, checks the answer (and changes it once), sends it, keeps the receipt from the
confirmation panel, and sees "you have voted" with the receipt on the matter's page. Every page fits a
390 px screen."""

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from grassroots.accounts.models import User
from grassroots.decisions import ballot_box
from grassroots.decisions import demo as decisions_demo
from grassroots.decisions.actions import receipt_hash
from grassroots.decisions.models import Participation, Status
from grassroots.people.resident_accounts import create_representative_accounts

from .conftest import PHONE, RESIDENT_PASSWORD, assert_fits_phone, path, sign_in_by_sms_code, t, url

pytestmark = pytest.mark.e2e

GROUP = "14758-01"  # the demo's online vote open for 5 more days
PASSWORD = RESIDENT_PASSWORD


def test_resident_gets_an_account_by_sms_code_and_votes_with_a_check_step(
    live_server: Any, demo: None, browser: Browser, outbox: Any, snap: Any
) -> None:
    (built,) = decisions_demo.build(["online_open"])  # 40% of the group's households have voted
    matter, unit = built.matter, built.matter.unit
    assert (unit.code, matter.status, matter.form) == (GROUP, Status.OPEN, "online")
    official = User.objects.get(username="official")
    create_representative_accounts(unit, actor=official)
    account = User.objects.filter(created_by=official, phone__isnull=False).order_by("username").first()
    assert account is not None and not account.has_usable_password()
    voted_before = Participation.objects.filter(matter=matter).count()

    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    try:
        sign_in_by_sms_code(page, live_server, account.phone or "", outbox)

        # The home page lists the vote open to the household, with when it closes.
        page.goto(url(live_server, "portal:home"))
        votes = page.locator("#open-votes")
        expect(votes).to_contain_text(t("Votes open to your household"))
        expect(votes).to_contain_text(matter.title)
        expect(votes).to_contain_text(t("you can vote"))
        assert_fits_phone(page)
        votes.locator(f"a[href='{path('decisions:matter', matter.pk)}']").click()
        expect(page.locator("h1")).to_have_text(matter.title)

        # Continuing without a choice says what to do.
        page.locator("form#vote button").click()
        expect(page.locator("form#vote")).to_contain_text(
            t("Choose how your household votes: agree, disagree or other opinion.")
        )

        # Choose, check, change the answer once, check again.
        page.locator("input[name=choice][value=disagree]").check()
        page.locator("form#vote button").click()
        expect(page.locator("h1")).to_have_text(t("Check your answer"))
        expect(page.locator("#your-choice")).to_have_text(t("disagree").capitalize())
        expect(page.locator("main")).to_contain_text(matter.question)
        expect(page.locator("main")).to_contain_text(
            t("Once it is sent, your household's vote cannot be changed or withdrawn.")
        )
        assert_fits_phone(page)
        page.locator("#change").click()
        expect(page.locator("input[name=choice][value=disagree]")).to_be_checked()
        page.locator("input[name=choice][value=agree]").check()
        page.locator("form#vote button").click()
        expect(page.locator("#your-choice")).to_have_text(t("agree").capitalize())
        assert Participation.objects.filter(matter=matter).count() == voted_before  # nothing sent yet
        snap(page, "vote-check")

        # Send: the confirmation panel with the receipt, when the count happens and where to check it.
        page.get_by_role("button", name=t("Send my vote")).click()
        expect(page).to_have_url(re.compile(re.escape(path("decisions:vote-sent", matter.pk)) + "$"))
        expect(page.locator(".panel h1")).to_have_text(t("Vote sent"))
        receipt = page.locator(".panel .receipt code").inner_text().strip()
        assert re.fullmatch(r"[0-9A-F]{20}", receipt)
        assert receipt_hash(receipt) in ballot_box.receipt_hashes_in_box(matter)
        expect(page.locator("main")).to_contain_text("(giờ Việt Nam)")
        assert Participation.objects.filter(matter=matter).count() == voted_before + 1
        snap(page, "vote-sent")
        assert_fits_phone(page)

        # The matter's page: "you have voted", with the receipt this phone keeps, and no form.
        page.get_by_role("link", name=t("Back to the matter")).click()
        expect(page.locator("#voted h2")).to_have_text(t("You have voted"))
        expect(page.locator("#voted .receipt")).to_have_text(receipt)
        expect(page.locator("form#vote")).to_have_count(0)
        assert_fits_phone(page)

        # The home page now says the household has voted.
        page.goto(url(live_server, "portal:home"))
        expect(page.locator("#open-votes")).to_contain_text(t("your household has voted"))
    finally:
        context.close()
