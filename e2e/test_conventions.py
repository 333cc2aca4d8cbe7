"""A village convention from draft to recognized version (D61 Arts 7-11), in the browser on a phone: the
village head proposes it with the Front work committee head's agreement, sets the drafting team, writes the
draft in articles and posts it; after the 30 days of posting he puts it to the households; the meeting is held
in the community decisions console (run here through decisions' actions: its browser journeys are decisions'
own); he files the dossier; the commune chair recognizes it; and the public register shows the version in
force, from the date of recognition, with its text."""

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import formats, timezone
from playwright.sync_api import Page, expect

from grassroots.accounts.models import User
from grassroots.conventions.demo.meeting import hold_adoption_meeting
from grassroots.conventions.models import Convention, Version, VersionStatus

from .conftest import assert_fits_phone, log_in, path, t, url

pytestmark = pytest.mark.e2e

TEXT = """Điều 1. Vệ sinh môi trường
Mỗi hộ phân loại rác tại nguồn, để rác đúng nơi quy định từ 17 giờ đến 19 giờ.
Điều 2. Trật tự, yên tĩnh
Không dùng loa âm lượng lớn sau 22 giờ."""


def _confirm(page: Page) -> None:
    """The confirmation page of an irreversible step: press its warning button."""
    page.locator("main form button.warning-button").click()


def test_a_convention_goes_from_draft_to_recognized_and_the_register_shows_it(
    live_server: Any, demo: None, page: Page, snap: Any
) -> None:
    log_in(page, live_server, "villagehead")
    page.goto(url(live_server, "conventions:console-home"))
    form = page.locator(f"main form[action='{path('conventions:propose')}']")
    form.get_by_label(t("Title"), exact=True).fill("Quy ước Tổ dân phố 1")
    form.get_by_label(t("The head of the Front work committee agrees"), exact=True).check()
    form.locator("button").click()
    convention = Convention.objects.get(village__code="14758-01")
    expect(page).to_have_url(re.compile(re.escape(path("conventions:console", convention.pk))))

    page.locator("#step-team textarea").fill("Nguyễn Văn Thọ; người cao tuổi; elder\nLê Thị Hòa; Chi hội Phụ nữ")
    page.locator("#step-team button").click()
    page.locator("#step-draft textarea[name='text']").fill(TEXT)
    page.locator("#step-draft button").click()
    version = Version.objects.get(convention=convention)
    page.locator("#step-post input[name='place']").fill("Nhà văn hóa Tổ dân phố 1")
    page.locator("#step-post button").click()
    expect(page.locator("#step-vote")).to_be_visible()
    snap(page, "convention-posted")
    assert_fits_phone(page)

    # The 30 days of posting go by (D61 Art 9(1)).
    posted_on = timezone.localdate() - dt.timedelta(days=30)
    Version.objects.filter(pk=version.pk).update(posted_on=posted_on, posting_ends_on=timezone.localdate())
    page.reload()
    page.locator("#step-vote button").click()
    _confirm(page)
    version.refresh_from_db()
    assert version.status == VersionStatus.VOTING and version.matter is not None
    expect(page.locator(f"main a[href='{path('decisions:console', version.matter_id)}']")).to_be_visible()

    # The meeting: 250 households, 160 present, 140 agree (decisions' actions, its tally).
    hold_adoption_meeting(version, head=User.objects.get(username="villagehead"),
                          front=User.objects.get(username="villagefront"), present=160, agree=140)  # fmt: skip
    page.reload()
    dossier = page.locator("#step-dossier")
    dossier.locator("textarea[name='request_text']").fill("Đề nghị Ủy ban nhân dân phường công nhận Quy ước.")
    dossier.locator("textarea[name='decision_text']").fill("Hội nghị thông qua Quy ước gồm 2 điều.")
    for name, value in [("village_head", "Nguyễn Văn An"), ("front_head", "Trần Thị Bình"),
                        ("representative_1", "Lê Văn Cường"), ("representative_2", "Phạm Thị Dung")]:  # fmt: skip
        dossier.locator(f"input[name='{name}']").fill(value)
    dossier.locator("button").click()
    _confirm(page)
    version.refresh_from_db()
    assert version.status == VersionStatus.FILED

    page.context.clear_cookies()
    log_in(page, live_server, "chair")
    page.goto(url(live_server, "conventions:console", convention.pk))
    page.locator("#step-recognize input[name='decision_number']").fill("21")
    page.locator("#step-recognize button").click()
    _confirm(page)
    expect(page.locator("#step-distribute")).to_be_visible()
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_FORCE and version.effective_on == timezone.localdate()

    # The public register, for anyone.
    page.context.clear_cookies()
    page.goto(url(live_server, "conventions:register"))
    row = page.locator("main table tr", has_text="Quy ước Tổ dân phố 1")
    today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    expect(row).to_contain_text(today)
    snap(page, "convention-register")
    assert_fits_phone(page)
    row.get_by_role("link", name="Quy ước Tổ dân phố 1").click()
    page.locator(f"main a[href='{path('conventions:version', version.pk)}']").first.click()
    expect(page.locator("main")).to_contain_text("Điều 1. Vệ sinh môi trường")
    expect(page.locator(f"main a[href='{path('conventions:document', version.pk, '03', 'pdf')}']")).to_be_visible()
