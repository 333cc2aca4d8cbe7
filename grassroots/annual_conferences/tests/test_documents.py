"""The conference's papers open as DOCX and PDF (read back) and carry the national heading and the
fields the law asks for (D59 Arts 10–11): the plan, the notice, the minutes with the required report
slots, and the written report to UBND xã and MTTQ xã."""

import datetime as dt

import pytest
from django.urls import reverse

from grassroots.annual_conferences import actions, documents
from grassroots.core.official.text import MOTTO, NATIONAL_NAME, vn_date
from grassroots.core.tests.readback import docx_text, flat, pdf_text

from .conftest import closed, days_ago, held, plan

pytestmark = pytest.mark.django_db


def _both(conference, kind):  # type: ignore[no-untyped-def]
    return [
        flat_docx(documents.render(conference, kind, "docx")),
        flat_pdf(documents.render(conference, kind, "pdf")),
    ]


def test_the_plan_states_time_venue_content_and_the_three_agreements(cast):
    conference = plan(cast, days_ago(0))
    actions.record_agreement(actor=cast["chair_a"], conference=conference, party="commune", agreed_on=days_ago(0))
    for text in _both(conference, "plan"):
        assert NATIONAL_NAME in text and MOTTO in text
        assert "KẾ HOẠCH" in text and "XÃ A" in text and "THÔN A1" in text
        assert vn_date(days_ago(0)) in text and "Nhà văn hóa thôn" in text and "Tổng kết năm" in text
        assert "Ủy ban nhân dân Xã A: đã thống nhất" in text
        assert "Ủy ban Mặt trận Tổ quốc Việt Nam Xã A: chưa thống nhất" in text
        assert "Ban Thanh tra nhân dân Xã A: chưa thống nhất" in text


def test_the_notice_gives_the_day_venue_and_channel(cast):
    conference = plan(cast, days_ago(0) + dt.timedelta(days=6))
    conference = actions.send_notice(actor=cast["head_a1"], conference=conference, sent_on=days_ago(0),
                                     channel="loudspeaker")  # fmt: skip
    for text in _both(conference, "notice"):
        assert "THÔNG BÁO" in text and "Đại diện các hộ gia đình trong Thôn A1" in text
        assert vn_date(conference.planned_on) in text and "loa truyền thanh" in text and "05 ngày" in text


def test_the_minutes_follow_the_agenda_with_the_required_report_slots(cast):
    conference = closed(cast)
    actions.record_report_sent(actor=cast["head_a1"], conference=conference, sent_on=days_ago(0))
    conference.refresh_from_db()
    for text in _both(conference, "minutes"):
        assert "BIÊN BẢN" in text and "2/3 hộ" in text and "Trần Thị Thư Ký" in text
        for heading in ("2. Báo cáo của Trưởng thôn", "3. Báo cáo của Ban công tác Mặt trận",
                        "4. Báo cáo của thành viên Ban Thanh tra nhân dân", "5. Thảo luận, kiến nghị",
                        "6. Giải đáp, giải trình", "8. Khen ngợi hộ gia đình, cá nhân tiêu biểu", "9. Bế mạc"):  # fmt: skip
            assert heading in text
        assert "Đã giám sát việc làm đường" in text and "Sửa đèn đường" in text and "Hộ ông Nguyễn Văn A" in text
        assert "Dự thảo" not in text


def test_unclosed_minutes_say_they_are_a_draft(cast):
    conference = held(cast)
    assert all("Dự thảo" in text for text in _both(conference, "minutes"))


def test_the_report_is_addressed_to_the_commune_committee_and_front(cast):
    conference = closed(cast)
    for text in _both(conference, "report"):
        assert "BÁO CÁO" in text and "Điều 11 Nghị định số 59/2023/NĐ-CP" in text
        assert "Kính gửi: Ủy ban nhân dân Xã A; Ủy ban Mặt trận Tổ quốc Việt Nam Xã A" in text
        assert "Xã sẽ sửa trong quý I" in text


def test_d61_art15_the_convention_review_is_printed_when_held_with_the_conference(cast):
    conference = held(cast)
    actions.record_minutes(actor=cast["head_a1"], conference=conference, convention_review="Hương ước thực hiện tốt.")
    conference.refresh_from_db()
    assert all(
        "Điều 15 Nghị định số 61/2023/NĐ-CP" in t and "Hương ước thực hiện tốt" in t
        for t in _both(conference, "minutes")
    )


def test_the_papers_download_from_the_conference_page(client, sign_in, cast):
    conference = closed(cast)
    sign_in(client, cast["official_a"])
    for kind in ("plan", "notice", "minutes", "report"):
        response = client.get(reverse("annual_conferences:document", args=[conference.pk, kind, "pdf"]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        response = client.get(reverse("annual_conferences:document", args=[conference.pk, kind, "docx"]))
        assert NATIONAL_NAME in flat_docx(response.content)


def test_the_report_is_not_printed_before_the_minutes_close(client, sign_in, cast):
    conference = held(cast)
    sign_in(client, cast["head_a1"])
    assert client.get(reverse("annual_conferences:document", args=[conference.pk, "report", "pdf"])).status_code == 404
    assert client.get(reverse("annual_conferences:document", args=[conference.pk, "minutes", "txt"])).status_code == 404


def flat_docx(content: bytes) -> str:
    return flat(docx_text(content))


def flat_pdf(content: bytes) -> str:
    return flat(pdf_text(content))
