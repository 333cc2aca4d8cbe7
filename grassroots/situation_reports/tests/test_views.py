"""Pages and CSV of situation reports: who reads what (a user of another commune gets 404; a steering
committee reads its unit and all below; a draft only by its writers), who submits and reopens (outsiders get
404 and leave no trace), the refusal of personal numbers with a clear message and the text kept, submitting
after a confirmation page, the lock, the steering committee's round page with its totals, the navigation link."""

import datetime as dt
from html import escape

import pytest
from django.urls import reverse

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.models import AuditEvent
from grassroots.situation_reports import actions
from grassroots.situation_reports.choices import ReportStatus
from grassroots.situation_reports.models import SituationReport

from .conftest import FIELDS, open_round, submitted, today

pytestmark = pytest.mark.usefixtures("english")  # the pages in English (/en/…), to read their messages


def _url(round_, unit, name="report"):  # type: ignore[no-untyped-def]
    return reverse(f"situation_reports:{name}", args=[round_.pk, unit.code])


def test_a_situation_report_containing_a_12_digit_national_id_number_or_a_phone_number_is_refused_with_a_clear_message(
    client, sign_in, cast
):
    round_ = open_round(cast)
    sign_in(client, cast["head_a1"])
    url = _url(round_, cast["a"]["village1"])
    for field, text, found in [
        ("hot_spots", "Hộ ông B, CCCD 038 090 001 234, lấn chiếm đất", "a 12-digit national ID number"),
        ("main_concerns", "Bà C (SĐT 0912-345-678) phản ánh tiếng ồn", "a phone number"),
    ]:
        response = client.post(url, {**FIELDS, field: text})
        assert response.status_code == 422
        page = response.content.decode()
        label = SituationReport._meta.get_field(field).verbose_name
        assert escape(f"“{label}” contains what looks like {found}") in page
        assert "remove the number" in page
        assert escape(text) in page  # the form is shown again with the text kept
        assert not SituationReport.objects.exists()


def test_a_writer_saves_then_submits_after_a_confirmation_page_and_the_report_is_locked(client, sign_in, cast):
    round_ = open_round(cast)
    v1 = cast["a"]["village1"]
    sign_in(client, cast["head_a1"])
    assert client.post(_url(round_, v1), FIELDS).status_code == 302
    page = client.get(_url(round_, v1)).content.decode()
    assert _url(round_, v1, "submit") in page
    confirm = client.post(_url(round_, v1, "submit"))
    assert confirm.status_code == 200 and 'name="confirm"' in confirm.content.decode()
    assert not SituationReport.objects.get().is_submitted
    assert client.post(_url(round_, v1, "submit"), {"confirm": "yes"}).status_code == 302
    assert SituationReport.objects.get().is_submitted
    assert client.post(_url(round_, v1), FIELDS).status_code == 302  # sent back: locked
    assert "Đường liên thôn xuống cấp." in client.get(_url(round_, v1)).content.decode()


def test_a_user_of_another_commune_gets_404(client, sign_in, cast):
    round_ = open_round(cast)
    report = submitted(cast, round_, cast["a"]["village1"], cast["head_a1"])
    actions.save_report(actor=cast["chair_a"], round_=round_, unit=cast["a"]["commune"], **FIELDS)
    for user in (cast["official_a2"], cast["official_b"], cast["steering_b"]):
        sign_in(client, user)
        for unit in (cast["a"]["village1"], cast["a"]["commune"]):
            assert client.get(_url(round_, unit)).status_code == 404
            assert client.post(_url(round_, unit), FIELDS).status_code == 404
        assert client.get(reverse("situation_reports:round", args=[round_.pk])).status_code == 404
        assert client.get(reverse("situation_reports:round-csv", args=[round_.pk])).status_code == 404
    client.logout()
    sign_in(client, cast["steering"])
    assert client.post(_url(round_, cast["a"]["village1"], "reopen"), {"reason": "Bổ sung"}).status_code == 302
    report.refresh_from_db()
    assert not report.is_submitted


@pytest.mark.parametrize("who", ["official_a2", "official_b", "steering_b"])
def test_an_outsider_neither_submits_nor_reopens_a_report_and_nothing_changes(client, sign_in, cast, who):
    """An official of another commune of the province, an official of another province and a steering member
    of another province: 404 on submitting a draft and on reopening a submitted report, and no trace."""
    round_ = open_round(cast)
    v1, commune = cast["a"]["village1"], cast["a"]["commune"]
    locked = submitted(cast, round_, v1, cast["head_a1"])
    draft = actions.save_report(actor=cast["chair_a"], round_=round_, unit=commune, **FIELDS)
    events = AuditEvent.objects.count()
    sign_in(client, cast[who])
    for unit in (commune, v1):
        assert client.post(_url(round_, unit, "submit"), {"confirm": "yes"}).status_code == 404
        assert client.post(_url(round_, unit, "reopen"), {"reason": "Bổ sung", "confirm": "yes"}).status_code == 404
    assert AuditEvent.objects.count() == events
    locked.refresh_from_db()
    draft.refresh_from_db()
    assert locked.status == ReportStatus.SUBMITTED and locked.submitted_by == cast["head_a1"]
    assert draft.status == ReportStatus.DRAFT and draft.submitted_at is None


def test_a_steering_member_of_a_commune_reads_its_commune_and_villages_and_nothing_beside(client, sign_in, cast):
    """A steering committee sees its unit and everything below it, though it opens no round there."""
    round_ = open_round(cast)
    submitted(cast, round_, cast["a"]["village1"], cast["head_a1"], main_concerns="Nước sạch thôn một.")
    submitted(cast, round_, cast["a"]["commune"], cast["chair_a"], main_concerns="Đường xã.")
    member = UserFactory(username="steering_ac")
    grant(member, cast["a"]["commune"], Role.STEERING_MEMBER)
    sign_in(client, member)
    home = client.get(reverse("situation_reports:home"))
    assert home.status_code == 200 and _url(round_, cast["a"]["commune"]) in home.content.decode()
    assert "Đường xã." in client.get(_url(round_, cast["a"]["commune"])).content.decode()
    assert "Nước sạch thôn một." in client.get(_url(round_, cast["a"]["village1"])).content.decode()
    assert client.get(_url(round_, cast["a"]["village2"])).status_code == 200
    for unit in (cast["a2"], cast["a2_village"]):
        assert client.get(_url(round_, unit)).status_code == 404
    assert client.get(reverse("situation_reports:round", args=[round_.pk])).status_code == 404
    assert client.get(reverse("situation_reports:new-round")).status_code == 404
    assert client.post(_url(round_, cast["a"]["commune"], "reopen"), {"reason": "Bổ sung"}).status_code == 404


def test_a_draft_is_read_only_by_its_writers_the_others_see_that_it_exists(client, sign_in, cast):
    round_ = open_round(cast)
    actions.save_report(actor=cast["head_a1"], round_=round_, unit=cast["a"]["village1"],
                        **{**FIELDS, "main_concerns": "Bản nháp chưa gửi."})  # fmt: skip
    sign_in(client, cast["head_a1"])
    assert "Bản nháp chưa gửi." in client.get(_url(round_, cast["a"]["village1"])).content.decode()
    for user in (cast["official_a"], cast["steering"]):
        sign_in(client, user)
        page = client.get(_url(round_, cast["a"]["village1"])).content.decode()
        assert "Bản nháp chưa gửi." not in page and "Tranh chấp đất bãi bồi." not in page
        assert "A draft is being written" in page


def test_a_change_to_a_submitted_report_is_sent_back_to_it_with_the_next_step(client, sign_in, cast):
    round_ = open_round(cast)
    v1 = cast["a"]["village1"]
    submitted(cast, round_, v1, cast["head_a1"])
    events = AuditEvent.objects.count()
    sign_in(client, cast["head_a1"])
    for url in (_url(round_, v1), _url(round_, v1, "submit")):
        response = client.post(url, {**FIELDS, "main_concerns": "Sửa sau khi gửi.", "confirm": "yes"}, follow=True)
        assert response.redirect_chain == [(_url(round_, v1), 302)]
        page = response.content.decode()
        assert "This report was submitted and is locked; ask the steering committee to reopen it." in page
    assert AuditEvent.objects.count() == events
    assert SituationReport.objects.get().main_concerns == FIELDS["main_concerns"]


def test_a_number_of_hot_spots_beyond_the_ceiling_is_a_message_not_an_error(client, sign_in, cast):
    round_ = open_round(cast)
    sign_in(client, cast["head_a1"])
    response = client.post(_url(round_, cast["a"]["village1"]), {**FIELDS, "hot_spot_count": 10**12})
    assert response.status_code == 422
    assert "At most 10000: count the places of tension in the unit" in response.content.decode()
    assert not SituationReport.objects.exists()
    assert client.post(_url(round_, cast["a"]["village1"]), {**FIELDS, "hot_spot_count": 10_000}).status_code == 302


def test_a_village_does_not_read_its_neighbour_but_the_commune_and_the_steering_committee_read_both(
    client, sign_in, cast
):
    round_ = open_round(cast)
    v1, v2 = cast["a"]["village1"], cast["a"]["village2"]
    submitted(cast, round_, v2, cast["vfront_a2"], main_concerns="Nước sạch thôn hai.")
    sign_in(client, cast["head_a1"])
    assert client.get(_url(round_, v2)).status_code == 404
    assert client.get(_url(round_, cast["a"]["commune"])).status_code == 404
    assert client.get(reverse("situation_reports:round", args=[round_.pk])).status_code == 404
    for user in (cast["official_a"], cast["steering"]):
        sign_in(client, user)
        assert "Nước sạch thôn hai." in client.get(_url(round_, v2)).content.decode()
        assert client.get(_url(round_, v1)).status_code == 200


def test_the_commune_page_rolls_up_its_villages(client, sign_in, cast):
    round_ = open_round(cast)
    submitted(cast, round_, cast["a"]["village1"], cast["head_a1"], hot_spot_count=2, complaints_trend="up")
    submitted(cast, round_, cast["a"]["village2"], cast["vfront_a2"], hot_spot_count=3, complaints_trend="down",
              main_concerns="Nước sạch thôn hai.")  # fmt: skip
    sign_in(client, cast["chair_a"])
    page = client.get(_url(round_, cast["a"]["commune"])).content.decode()
    assert "2 / 2" in page and "rising 1, about the same 0, falling 1" in page
    assert "Nước sạch thôn hai." in page and "Đường liên thôn xuống cấp." in page
    assert "<dd>5</dd>" in page


def test_the_round_page_shows_each_commune_and_the_totals_with_the_late_ones(client, sign_in, cast):
    round_ = open_round(cast, village_in=-1, commune_in=3)
    submitted(cast, round_, cast["a"]["village1"], cast["head_a1"], hot_spot_count=4)
    sign_in(client, cast["steering"])
    home = client.get(reverse("situation_reports:home")).content.decode()
    assert reverse("situation_reports:round", args=[round_.pk]) in home
    page = client.get(reverse("situation_reports:round", args=[round_.pk])).content.decode()
    assert "Xã A Hai" in page and "Xã A" in page
    assert "1 of 3 submitted, 2 late" in page  # villages: A's two and A2's one; A's first submitted late
    assert reverse("situation_reports:round-csv", args=[round_.pk]) in page
    csv = client.get(reverse("situation_reports:round-csv", args=[round_.pk])).content.decode()
    lines = csv.strip().splitlines()
    assert len(lines) == 1 + 5  # two communes and three villages
    assert any(line.startswith("AC-1,") and ",submitted_late," in line for line in lines)
    assert any(line.startswith("AC-2,") and ",late," in line for line in lines)
    assert "Đường" not in csv  # no free text
    api = client.get(f"/api/v1/situation-reports/rounds/{round_.pk}").json()
    assert {u["code"]: u["status"] for u in api["units"]}["AC-1"] == "submitted_late"


def test_the_steering_member_opens_a_round_through_the_page(client, sign_in, cast):
    sign_in(client, cast["steering"])
    url = reverse("situation_reports:new-round")
    assert url in client.get(reverse("situation_reports:home")).content.decode()
    data = {"unit": cast["a"]["province"].pk, "period_kind": "quarter", "starts_on": "2026-01-01",
            "ends_on": "2026-03-31", "village_deadline": (today() + dt.timedelta(days=2)).isoformat(),
            "commune_deadline": (today() + dt.timedelta(days=1)).isoformat()}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 422 and "after the villages" in response.content.decode()
    data["commune_deadline"] = (today() + dt.timedelta(days=6)).isoformat()
    assert client.post(url, data).status_code == 302
    sign_in(client, cast["official_a"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["head_a1", "official_a", "steering"])
def test_the_navigation_links_the_section_to_its_users(client, sign_in, cast, who):
    sign_in(client, cast[who])
    assert reverse("situation_reports:home") in client.get(reverse("situation_reports:home")).content.decode()


def test_the_home_page_says_when_nothing_is_open_and_refuses_those_without_a_role(client, sign_in, cast):
    sign_in(client, cast["head_a1"])
    assert "No round is open for your units." in client.get(reverse("situation_reports:home")).content.decode()
    sign_in(client, cast["resident_a1"])
    assert client.get(reverse("situation_reports:home")).status_code == 404
    round_ = open_round(cast)
    sign_in(client, cast["head_a1"])
    assert _url(round_, cast["a"]["village1"]) in client.get(reverse("situation_reports:home")).content.decode()
