"""Village heads (issue 11): the ward chair sees on the console that an election's candidate list is
late and opens its steps; the papers download from the step that needs them; anyone sees the head in
office on the village's public page. On a phone, as everywhere in these journeys."""

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from grassroots.elections import demo as elections_demo
from grassroots.elections.models import Election

from .conftest import assert_fits_phone, log_in, path, t, url

pytestmark = pytest.mark.e2e


@pytest.fixture
def elections(demo: None) -> dict[str, Election]:
    call_command("seed_elections_demo", stdout=io.StringIO())
    return {e.village.code: e for e in Election.objects.select_related("village")}


def test_the_chair_sees_the_late_step_and_the_papers(live_server: Any, elections: dict[str, Election], page: Page,
                                                     snap: Any) -> None:  # fmt: skip
    preparing = elections[elections_demo.PREPARING]
    completed = elections[elections_demo.COMPLETED]
    log_in(page, live_server, "chair")
    page.goto(url(live_server, "elections:console"))
    flag = page.locator("main ul li", has_text=preparing.village.name)
    expect(flag.first).to_contain_text(t("An election step is late: move the election day."))
    snap(page, "elections-console")
    assert_fits_phone(page)
    flag.first.locator(f"a[href='{path('elections:election', preparing.pk)}']").click()
    expect(page.locator("#step-candidates")).to_contain_text(t("overdue"))
    expect(page.locator("#step-decision")).to_contain_text(t("done"))
    snap(page, "election-steps")
    assert_fits_phone(page)
    decision = page.locator(f"#step-decision a[href='{path('elections:election-pdf', preparing.pk, 'decision')}']")
    with page.expect_download() as info:
        decision.click()
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF")

    page.goto(url(live_server, "elections:election", completed.pk))
    result = page.locator(f"#meeting ~ ul a[href='{path('elections:election-docx', completed.pk, 'result')}']")
    with page.expect_download() as info:
        result.click()
    assert Path(info.value.path()).read_bytes().startswith(b"PK")


def test_anyone_sees_the_head_in_office(live_server: Any, elections: dict[str, Election], page: Page) -> None:
    completed = elections[elections_demo.COMPLETED]
    page.goto(url(live_server, "territory:unit-detail", completed.village.code))
    page.locator(f"main a[href='{path('elections:village-head', completed.village.code)}']").click()
    expect(page.locator("main dl")).to_contain_text(completed.winner.full_name if completed.winner else "")
    assert_fits_phone(page)
