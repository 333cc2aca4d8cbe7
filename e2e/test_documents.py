"""Documents one click away (issue 9): a village head prints the ballot slips and the decision record
from the links of the console's steps; the commune Front opens the filed record from the recognition
queue. On a phone, as everywhere in these journeys."""

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from grassroots.decisions.demo import group
from grassroots.decisions.models import Matter

from .conftest import assert_fits_phone, log_in, path, url

pytestmark = pytest.mark.e2e


@pytest.fixture
def matters(demo: None) -> dict[int, Matter]:
    call_command("seed_decisions_demo", stdout=io.StringIO())
    return {n: Matter.objects.get(unit__code=group(n)) for n in range(1, 8)}


def _download(page: Page, link: Any) -> bytes:
    with page.expect_download() as info:
        link.click()
    return Path(info.value.path()).read_bytes()


def test_a_village_head_prints_the_slips_and_the_record_from_the_console(
    live_server: Any, matters: dict[int, Matter], page: Page, snap: Any
) -> None:
    ballots = matters[3]
    log_in(page, live_server, "villagehead-03")
    page.goto(url(live_server, "decisions:console", ballots.pk))
    slips = page.locator(f"#step-slips a[href='{path('decisions:slips-pdf', ballots.pk)}']")
    expect(slips).to_be_visible()
    snap(page, "console-slips-link")
    assert_fits_phone(page)
    assert _download(page, slips).startswith(b"%PDF")

    filed = matters[4]
    page.context.clear_cookies()  # the head of the group whose matter is filed, on the same phone
    log_in(page, live_server, "villagehead-04")
    page.goto(url(live_server, "decisions:console", filed.pk))
    record = page.locator(f"#step-file a[href='{path('decisions:record-pdf', filed.pk)}']")
    expect(record).to_be_visible()
    assert _download(page, record).startswith(b"%PDF")
    docx = page.locator(f"#step-file a[href='{path('decisions:record-docx', filed.pk)}']")
    assert _download(page, docx).startswith(b"PK")  # a DOCX is a zip file
    # The matter's page links them too, for those who may open them.
    page.goto(url(live_server, "decisions:matter", filed.pk))
    expect(page.locator(f"#documents ~ ul a[href='{path('decisions:record-pdf', filed.pk)}']")).to_be_visible()
    assert_fits_phone(page)


def test_the_commune_front_opens_the_filed_record_from_the_queue(
    live_server: Any, matters: dict[int, Matter], page: Page, snap: Any
) -> None:
    filed = matters[4]  # an item-5 matter: the commune Front recognizes it
    log_in(page, live_server, "front")
    page.goto(url(live_server, "decisions:recognition"))
    record = page.locator(f"main table a[href='{path('decisions:record-pdf', filed.pk)}']").first
    expect(record).to_be_visible()
    snap(page, "queue-record-link")
    assert_fits_phone(page)
    assert _download(page, record).startswith(b"%PDF")
    # And again on the page where the chair recognizes it.
    page.goto(url(live_server, "decisions:recognition-recognize", filed.pk))
    assert _download(page, page.locator(f"main a[href='{path('decisions:record-pdf', filed.pk)}']")).startswith(b"%PDF")
