"""The pages, documents and API of village-head elections and dismissals: who sees what, the steps
through the console, the papers read back, and another commune's user refused on every view."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grassroots.accounts.tests.factories import UserFactory
from grassroots.core.tests.readback import docx_text, pdf_text
from grassroots.elections import actions
from grassroots.elections.models import Dismissal, Election, HeadTerm
from grassroots.people.models import Household

from .conftest import prepared

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def held(place):  # type: ignore[no-untyped-def]
    """An election of A1 prepared a month ago, held today (6 of 10 households for the first), recognized;
    and a dismissal of the new head adopted and recognized."""
    today = _today()
    election = prepared(place, day=today, today=today - dt.timedelta(days=30),
                        candidates=(("Nguyễn Văn An", None), ("Trần Thị Bình", None)))  # fmt: skip
    votes = dict(zip([c.pk for c in election.candidates.order_by("pk")], (6, 3), strict=True))
    actions.record_result(election, actor=place["team_leader"], method="secret", present=9, votes=votes)
    actions.recognize(election, actor=place["chair"])
    dismissal = actions.open_dismissal(place["a1"], actor=place["front"], trigger=Dismissal.Trigger.FRONT_PROPOSAL,
                                       grounds="Không hoàn thành nhiệm vụ được giao.")  # fmt: skip
    actions.record_dismissal_meeting(dismissal, actor=place["front"], meeting_on=today, present=9, agree=7)
    actions.recognize_dismissal(dismissal, actor=place["chair"])
    election.refresh_from_db()
    dismissal.refresh_from_db()
    return {**place, "election": election, "dismissal": dismissal}


REQUIRED = {
    "decision": ["QUYẾT ĐỊNH", "tổ chức bầu Trưởng thôn", "Kế hoạch bầu cử."],
    "candidates": ["Mẫu 05", "Nguyễn Văn An", "Trần Thị Bình"],
    "notice": ["THÔNG BÁO", "Nguyễn Văn An", "Lê Văn Tổ", "Niêm yết tại nhà văn hóa"],
    "ballot": ["PHIẾU BẦU", "Nguyễn Văn An"],
    "count": ["BIÊN BẢN KIỂM PHIẾU", "Tổng số hộ gia đình của thôn, tổ dân phố: 10", "Số phiếu cần để trúng cử"],
    "result": ["Người trúng cử: Nguyễn Văn An, đạt 6 phiếu", "TỔ TRƯỞNG TỔ BẦU CỬ"],
    "recognition": ["Công nhận ông/bà Nguyễn Văn An là Trưởng thôn"],
}
DISMISSAL_REQUIRED = {
    "record": ["miễn nhiệm", "tán thành: 7", "Việc miễn nhiệm được thông qua"],
    "recognition": ["Công nhận việc miễn nhiệm ông/bà Nguyễn Văn An", "Trưởng thôn lâm thời"],
}


def test_every_paper_opens_as_docx_and_pdf_with_its_required_fields(held, sign_in):
    chair = sign_in(Client(), held["chair"])
    common = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    for kind, needles in REQUIRED.items():
        for route, read in (("elections:election-docx", docx_text), ("elections:election-pdf", pdf_text)):
            response = chair.get(reverse(route, args=[held["election"].pk, kind]))
            assert response.status_code == 200, (kind, route)
            text = " ".join(read(response.content).split())
            for needle in needles + (common if kind != "ballot" else common[:1]):
                assert " ".join(needle.split()) in text, (kind, route, needle)
    for kind, needles in DISMISSAL_REQUIRED.items():
        for route, read in (("elections:dismissal-docx", docx_text), ("elections:dismissal-pdf", pdf_text)):
            response = chair.get(reverse(route, args=[held["dismissal"].pk, kind]))
            assert response.status_code == 200, (kind, route)
            text = " ".join(read(response.content).split())
            for needle in needles:
                assert needle in text, (kind, route, needle)


def test_a_paper_that_does_not_exist_yet_is_404(place, sign_in):
    election = actions.decide_election(place["a1"], actor=place["chair"], election_day=_today() + dt.timedelta(days=25),
                                       place="x", plan="p")  # fmt: skip
    chair = sign_in(Client(), place["chair"])
    assert chair.get(reverse("elections:election-pdf", args=[election.pk, "decision"])).status_code == 200
    assert chair.get(reverse("elections:election-pdf", args=[election.pk, "result"])).status_code == 404
    page = chair.get(reverse("elections:election", args=[election.pk])).content.decode()
    assert reverse("elections:election-docx", args=[election.pk, "decision"]) in page


def test_the_console_runs_the_steps_and_refuses_a_late_notice_with_the_article(place, sign_in):
    chair = sign_in(Client(), place["chair"])
    console = chair.get(reverse("elections:console"))
    assert console.status_code == 200 and "Thôn A1" in console.content.decode()
    url = reverse("elections:election-new", args=[place["a1"].code])
    too_soon = chair.post(
        url, {"election_day": (_today() + dt.timedelta(days=19)).isoformat(), "place": "x", "plan": "p"}
    )
    assert too_soon.status_code == 422 and "Điều 6 Nghị định 59/2023/NĐ-CP" in too_soon.content.decode()
    day = _today() + dt.timedelta(days=16)
    Election.objects.create(village=place["a1"], election_day=day, place="Nhà văn hóa", decided_on=_today() - dt.timedelta(days=5),
                            decided_by=place["chair"], plan="Kế hoạch.")  # fmt: skip
    election = Election.objects.get()
    front = sign_in(Client(), place["front"])
    step = reverse("elections:election-step", args=[election.pk, "candidates"])
    assert (
        front.post(step, {"candidates-front": "Nguyễn Văn An\nTrần Thị Bình", "candidates-households": ""}).status_code
        == 302
    )
    team = reverse("elections:election-step", args=[election.pk, "team"])
    refused = chair.post(team, {"team-leader": "Lê Văn Tổ", "team-members": "Trần Thị Bình;;hộ"})
    assert refused.status_code == 422 and "khoản 1 Điều 6" in refused.content.decode()
    assert chair.post(team, {"team-leader": "Lê Văn Tổ", "team-members": "Phạm Thị Hội;;Hội Phụ nữ"}).status_code == 302
    # 16 days ahead: the notice is due in 9 days, in time; moving the day to 6 days ahead is refused.
    notice = reverse("elections:election-step", args=[election.pk, "notice"])
    assert chair.post(notice, {"notice-how": "Loa truyền thanh"}).status_code == 302
    election.refresh_from_db()
    assert election.notice_on == _today()
    page = chair.get(reverse("elections:election", args=[election.pk])).content.decode()
    assert "Nguyễn Văn An" in page and "Phạm Thị Hội" in page


def test_a_late_step_is_shown_late_with_its_article(place, sign_in):
    election = Election.objects.create(village=place["a1"], election_day=_today() + dt.timedelta(days=12), place="x",
                                       decided_on=_today() - dt.timedelta(days=20), decided_by=place["chair"], plan="p")  # fmt: skip
    page = sign_in(Client(), place["chair"]).get(reverse("elections:election", args=[election.pk]))
    steps = {s.key: s for s in page.context["steps"]}
    assert steps["candidates"].late and not steps["team"].late
    console = sign_in(Client(), place["chair"]).get(reverse("elections:console"))
    assert any(f.link == election for f in console.context["flags"])


def test_the_sitting_head_has_no_console_for_his_election(held, sign_in):
    head = sign_in(Client(), held["head"])
    assert head.get(reverse("elections:election", args=[held["election"].pk])).status_code == 404
    assert head.get(reverse("elections:console")).status_code == 404


def test_the_election_team_records_the_result_through_the_page(place, sign_in):
    election = prepared(place, day=_today(), today=_today() - dt.timedelta(days=30))
    leader = sign_in(Client(), place["team_leader"])
    page = leader.get(reverse("elections:election", args=[election.pk]))
    assert page.status_code == 200 and page.context["forms"]["result"] is not None
    first, second = election.candidates.order_by("pk")
    data = {"result-method": "secret", "result-present": "9", f"result-votes_{first.pk}": "5",
            f"result-votes_{second.pk}": "4"}  # fmt: skip
    url = reverse("elections:election-step", args=[election.pk, "result"])
    assert leader.post(url, data).status_code == 200  # the confirmation page
    assert leader.post(url, {**data, "confirm": "yes"}).status_code == 302
    election.refresh_from_db()
    assert election.status == Election.Status.NO_WINNER  # 5 of 10 households is not more than half
    page = sign_in(Client(), place["chair"]).get(reverse("elections:election", args=[election.pk]))
    assert page.context["forms"]["reelect"] is not None


def test_the_public_page_and_open_data_show_the_head_in_office(held):
    anonymous = Client()
    page = anonymous.get(reverse("elections:village-head", args=[held["a1"].code]))
    assert page.status_code == 200  # the head was dismissed: vacant
    assert page.context["term"] is None
    actions.appoint_interim(held["a1"], actor=held["chair"], name="Lâm Thời Một")
    page = anonymous.get(reverse("elections:village-head", args=[held["a1"].code]))
    assert "Lâm Thời Một" in page.content.decode()
    head = anonymous.get(f"/api/v1/village-heads/villages/{held['a1'].code}/head").json()
    assert head["head"] == "Lâm Thời Một" and head["kind"] == HeadTerm.Kind.INTERIM
    elections = anonymous.get(f"/api/v1/village-heads/villages/{held['a1'].code}/elections").json()
    assert elections[0]["winner"] == "Nguyễn Văn An" and elections[0]["households"] == 10
    assert anonymous.get(f"/api/v1/village-heads/villages/{held['a']['commune'].code}/head").status_code == 404


def test_a_household_signs_the_petition_on_the_public_page(place, sign_in):
    dismissal = actions.open_dismissal(place["a1"], actor=place["front"], trigger=Dismissal.Trigger.PETITION,
                                       grounds="Tham nhũng.")  # fmt: skip
    voter = sign_in(Client(), place["voters"][0])
    page = voter.get(reverse("elections:village-head", args=[place["a1"].code]))
    assert page.context["may_sign"]
    assert voter.post(reverse("elections:petition-sign", args=[dismissal.pk])).status_code == 302
    assert dismissal.signatures.count() == 1
    voter.post(reverse("elections:petition-sign", args=[dismissal.pk]))
    assert dismissal.signatures.count() == 1  # one per household
    outsider = sign_in(Client(), UserFactory(username="nobody"))
    outsider.post(reverse("elections:petition-sign", args=[dismissal.pk]))
    assert dismissal.signatures.count() == 1


def test_another_communes_user_is_refused_on_every_view_and_endpoint(held, sign_in):
    e, d, code = held["election"], held["dismissal"], held["a1"].code
    for user in (held["official_b"], held["chair_b"]):
        client = sign_in(Client(), user)
        gets = [reverse("elections:election", args=[e.pk]), reverse("elections:dismissal", args=[d.pk]),
                reverse("elections:election-new", args=[code]), reverse("elections:interim", args=[code]),
                reverse("elections:dismissal-new", args=[code]), reverse("elections:sitting-head", args=[code])]  # fmt: skip
        gets += [reverse(r, args=[e.pk, k]) for r in ("elections:election-pdf", "elections:election-docx")
                 for k in ("decision", "result", "recognition")]  # fmt: skip
        gets += [reverse(r, args=[d.pk, "record"]) for r in ("elections:dismissal-pdf", "elections:dismissal-docx")]
        for url in gets:
            assert client.get(url).status_code == 404, url
        posts = [reverse("elections:election-step", args=[e.pk, s]) for s in ("candidates", "team", "notice",
                                                                           "floor", "result", "reelect", "move")]  # fmt: skip
        posts += [reverse("elections:election-recognize", args=[e.pk]), reverse("elections:dismissal-recognize", args=[d.pk]),
                  reverse("elections:dismissal-step", args=[d.pk, "paper"]),
                  reverse("elections:dismissal-step", args=[d.pk, "meeting"]),
                  reverse("elections:election-new", args=[code]), reverse("elections:interim", args=[code]),
                  reverse("elections:dismissal-new", args=[code]), reverse("elections:sitting-head", args=[code])]  # fmt: skip
        for url in posts:
            assert client.post(url, {"confirm": "yes"}).status_code == 404, url
        assert client.get(f"/api/v1/village-heads/elections/{e.pk}").status_code == 404
        console = client.get(reverse("elections:console"))
        assert console.status_code == 200 and all(r["village"] != held["a1"] for r in console.context["rows"])
    assert sign_in(Client(), held["official_a"]).get(f"/api/v1/village-heads/elections/{e.pk}").status_code == 200
    assert Client().get(f"/api/v1/village-heads/elections/{e.pk}").status_code == 401


def test_the_villages_unit_page_leads_to_its_village_head_page(held):
    actions.appoint_interim(held["a1"], actor=held["chair"], name="Lâm Thời Hai")
    page = Client().get(reverse("territory:unit-detail", args=[held["a1"].code])).content.decode()
    assert "Lâm Thời Hai" in page and reverse("elections:village-head", args=[held["a1"].code]) in page


def test_the_chair_records_the_head_in_office_and_interim_after_confirmation(held, sign_in):
    chair = sign_in(Client(), held["chair"])
    url = reverse("elections:sitting-head", args=[held["a"]["village2"].code])
    assert chair.get(url).status_code == 200
    assert chair.post(url, {"name": "Trưởng Thôn Hai", "username": "", "started_on": "2024-01-15"}).status_code == 302
    term = HeadTerm.objects.get(full_name="Trưởng Thôn Hai")
    assert term.term_ends_on == dt.date(2029, 1, 15)
    interim = reverse("elections:interim", args=[held["a1"].code])
    assert chair.post(interim, {"name": "Lâm Thời", "username": ""}).status_code == 200  # the confirmation page
    assert chair.post(interim, {"name": "Lâm Thời", "username": "", "confirm": "yes"}).status_code == 302
    assert HeadTerm.objects.get(full_name="Lâm Thời").kind == HeadTerm.Kind.INTERIM
    assert sign_in(Client(), held["front"]).get(url).status_code == 404  # the chair's step only


def test_the_dismissal_page_runs_a_petition_from_paper_to_the_meeting(place, sign_in):
    front = sign_in(Client(), place["front"])
    new = reverse("elections:dismissal-new", args=[place["a1"].code])
    assert front.get(new).status_code == 200
    response = front.post(new, {"trigger": "petition", "grounds": "Không hoàn thành nhiệm vụ."})
    dismissal = Dismissal.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("elections:dismissal", args=[dismissal.pk])
    page = front.get(response["Location"])
    assert page.status_code == 200 and page.context["forms"]["paper"] is not None
    assert page.context["progress"] == {"signed": 0, "households": 10, "needed": 5}
    paper = reverse("elections:dismissal-step", args=[dismissal.pk, "paper"])
    codes = [h.code for h in Household.objects.filter(unit=place["a1"]).order_by("code")]
    for code in codes[:5]:
        assert front.post(paper, {"paper-household_code": code}).status_code == 302
    assert front.post(paper, {"paper-household_code": "NOPE"}).status_code in (302, 422)
    dismissal.refresh_from_db()
    assert dismissal.status == Dismissal.Status.TO_MEET
    page = front.get(reverse("elections:dismissal", args=[dismissal.pk]))
    assert page.context["forms"]["meeting"] is not None and page.context["convenor"] == "front_head"
    meeting = reverse("elections:dismissal-step", args=[dismissal.pk, "meeting"])
    data = {"meeting-meeting_on": _today().isoformat(), "meeting-present": "9", "meeting-agree": "6"}
    assert front.post(meeting, data).status_code == 302
    chair = sign_in(Client(), place["chair"])
    recognize = reverse("elections:dismissal-recognize", args=[dismissal.pk])
    assert chair.post(recognize).status_code == 200  # the confirmation page
    assert chair.post(recognize, {"confirm": "yes"}).status_code == 302
    dismissal.refresh_from_db()
    assert dismissal.status == Dismissal.Status.RECOGNIZED
    page = chair.get(reverse("elections:dismissal", args=[dismissal.pk])).content.decode()
    assert reverse("elections:dismissal-pdf", args=[dismissal.pk, "recognition"]) in page
