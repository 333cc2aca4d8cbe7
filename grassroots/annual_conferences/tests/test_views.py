"""The console pages: who sees what, every step through its form, the confirmation pages, and another
commune's user refused on every view (404, as for a missing object)."""

import datetime as dt

import pytest
from django.urls import reverse

from grassroots.annual_conferences.models import Conference

from .conftest import REPORTS, agree_all, closed, days_ago, held, plan

pytestmark = pytest.mark.django_db


def _cites(text: str, article: int) -> bool:
    return f"Art {article}" in text or f"Điều {article}" in text


def _in(client, sign_in, user):  # type: ignore[no-untyped-def]
    return sign_in(client, user)


def test_the_console_lists_the_communes_villages_and_flags_the_ones_without_a_conference(client, sign_in, cast):
    held(cast)
    _in(client, sign_in, cast["official_a"])
    year = days_ago(2).year
    response = client.get(reverse("annual_conferences:console"), {"year": year - 1})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Thôn A1" in text and "Thôn A2" in text and "Thôn B1" not in text
    assert text.count('class="flagged"') == 2  # last year: both villages missing


def test_the_console_shows_this_years_held_conference(client, sign_in, cast):
    conference = held(cast)
    _in(client, sign_in, cast["chair_a"])
    text = client.get(reverse("annual_conferences:console"), {"year": conference.year}).content.decode()
    assert reverse("annual_conferences:conference", args=[conference.pk]) in text


def test_a_user_without_a_role_has_no_console(client, sign_in, cast):
    _in(client, sign_in, cast["resident_a1"])
    assert client.get(reverse("annual_conferences:console")).status_code == 404


def test_another_communes_official_is_refused_on_every_view(client, sign_in, cast):
    conference = closed(cast)
    _in(client, sign_in, cast["official_b"])
    assert "Thôn A1" not in client.get(reverse("annual_conferences:console")).content.decode()
    assert client.get(reverse("annual_conferences:village", args=[cast["village"].code])).status_code == 404
    assert client.get(reverse("annual_conferences:conference", args=[conference.pk])).status_code == 404
    for name in ("change-plan", "agree", "notice", "hold", "minutes", "close", "report"):
        url = reverse(f"annual_conferences:{name}", args=[conference.pk])
        assert client.post(url, {"confirm": "yes"}).status_code == 404, name
    for kind in ("plan", "notice", "minutes", "report"):
        for ext in ("pdf", "docx"):
            url = reverse("annual_conferences:document", args=[conference.pk, kind, ext])
            assert client.get(url).status_code == 404


def test_the_village_head_plans_through_the_form(client, sign_in, cast):
    _in(client, sign_in, cast["head_a1"])
    url = reverse("annual_conferences:village", args=[cast["village"].code])
    day = days_ago(0) + dt.timedelta(days=14)
    response = client.post(url, {"planned_on": day.isoformat(), "venue": "Nhà văn hóa", "content": "Tổng kết năm"})
    conference = Conference.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{conference.pk}/")
    again = client.post(url, {"planned_on": day.isoformat(), "venue": "Nhà văn hóa", "content": "Tổng kết"})
    assert again.status_code == 422 and _cites(again.content.decode(), 33)


def test_a_commune_official_cannot_plan(client, sign_in, cast):
    _in(client, sign_in, cast["official_a"])
    url = reverse("annual_conferences:village", args=[cast["village"].code])
    assert client.get(url).status_code == 200
    response = client.post(url, {"planned_on": days_ago(0).isoformat(), "venue": "x", "content": "y"})
    assert response.status_code == 404 and not Conference.objects.exists()


def test_d59_art10_a_notice_4_days_ahead_is_refused_on_the_page_with_the_article(client, sign_in, cast):
    conference = plan(cast, days_ago(0) + dt.timedelta(days=4))
    _in(client, sign_in, cast["head_a1"])
    response = client.post(reverse("annual_conferences:notice", args=[conference.pk]),
                           {"sent_on": days_ago(0).isoformat(), "channel": "writing"})  # fmt: skip
    assert response.status_code == 422
    assert _cites(response.content.decode(), 10)  # the article (Vietnamese once translated)
    conference.refresh_from_db()
    assert conference.notice_sent_on is None


def test_each_party_records_its_agreement_on_the_page(client, sign_in, cast):
    conference = plan(cast, days_ago(0) + dt.timedelta(days=10))
    _in(client, sign_in, cast["inspector_a"])
    page = client.get(reverse("annual_conferences:conference", args=[conference.pk])).content.decode()
    assert 'value="inspection"' in page and 'value="commune"' not in page
    response = client.post(reverse("annual_conferences:agree", args=[conference.pk]),
                           {"party": "inspection", "agreed_on": days_ago(0).isoformat()})  # fmt: skip
    assert response.status_code == 302
    assert list(conference.agreements.values_list("party", flat=True)) == ["inspection"]


def test_holding_asks_for_confirmation_first(client, sign_in, cast):
    on = days_ago(1)
    conference = plan(cast, on)
    agree_all(cast, conference, on - dt.timedelta(days=9))
    from grassroots.annual_conferences import actions

    actions.send_notice(
        actor=cast["head_a1"], conference=conference, sent_on=on - dt.timedelta(days=5), channel="writing"
    )
    _in(client, sign_in, cast["head_a1"])
    url = reverse("annual_conferences:hold", args=[conference.pk])
    data = {"households_present": "2", "secretary_name": "Trần Thị Thư Ký"}
    first = client.post(url, data)
    assert first.status_code == 200 and 'name="confirm"' in first.content.decode()
    conference.refresh_from_db()
    assert not conference.is_held
    assert client.post(url, {**data, "confirm": "yes"}).status_code == 302
    conference.refresh_from_db()
    assert (conference.households_present, conference.households_total) == (2, 3)


def test_closing_needs_confirmation_and_the_three_reports(client, sign_in, cast):
    conference = held(cast)
    _in(client, sign_in, cast["head_a1"])
    url = reverse("annual_conferences:close", args=[conference.pk])
    assert 'name="confirm"' in client.post(url).content.decode()
    client.post(url, {"confirm": "yes"}, follow=True)
    conference.refresh_from_db()
    assert not conference.is_closed  # the reports are missing
    minutes = {**REPORTS, "proposals": "Sửa đèn đường\nNạo vét mương", "answers": "Xã sẽ sửa"}
    assert client.post(reverse("annual_conferences:minutes", args=[conference.pk]), minutes).status_code == 302
    client.post(url, {"confirm": "yes"})
    conference.refresh_from_db()
    assert conference.is_closed and conference.proposals == ["Sửa đèn đường", "Nạo vét mương"]


def test_the_report_is_recorded_as_sent(client, sign_in, cast):
    conference = closed(cast)
    _in(client, sign_in, cast["head_a1"])
    page = client.get(reverse("annual_conferences:conference", args=[conference.pk])).content.decode()
    assert reverse("annual_conferences:document", args=[conference.pk, "report", "pdf"]) in page
    response = client.post(reverse("annual_conferences:report", args=[conference.pk]),
                           {"sent_on": days_ago(0).isoformat()})  # fmt: skip
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.report_sent_on == days_ago(0)


def test_the_village_page_shows_the_last_conference(client, cast):
    conference = closed(cast)
    text = client.get(reverse("territory:unit-detail", args=[cast["village"].code])).content.decode()
    assert 'id="village-institutions-title"' in text
    assert f"{conference.year}" in text and "2/3" not in text  # "2 of 3 households", in words
    assert reverse("annual_conferences:village", args=[cast["village"].code]) not in text  # anonymous: no console


def test_the_village_page_says_when_no_conference_is_recorded(client, cast):
    text = client.get(reverse("territory:unit-detail", args=[cast["a"]["village2"].code])).content.decode()
    assert 'id="village-institutions-title"' in text and 'class="empty"' in text


def test_the_commune_page_has_no_village_institutions_block(client, cast):
    text = client.get(reverse("territory:unit-detail", args=[cast["a"]["commune"].code])).content.decode()
    assert "village-institutions" not in text
