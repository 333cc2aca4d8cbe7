"""The console of the people who run decisions, the meeting and slip pages, and the commune's queue."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.models import AuditEvent
from grassroots.decisions import actions
from grassroots.decisions.models import Attendance, Form, Matter, Status, TabledVia
from grassroots.decisions.tests.conftest import close_now
from grassroots.people.models import Household

pytestmark = pytest.mark.django_db

SIGNATURES = {"file-village_head": "Nguyễn Văn Trưởng", "file-front_head": "Trần Thị Mặt Trận",
              "file-representative_1": "Lê Văn Một", "file-representative_2": "Phạm Thị Hai"}  # fmt: skip


def _url(name, matter, *args):  # type: ignore[no-untyped-def]
    return reverse(f"decisions:{name}", args=[matter.pk, *args])


def _step(client, url, data=None, **extra):  # type: ignore[no-untyped-def]
    """POST a step that goes through: it redirects back, and its action left an audit event. An
    irreversible step is posted as its confirmation page posts it (confirm=yes)."""
    before = AuditEvent.objects.count()
    response = client.post(url, {**(data or {}), "confirm": "yes"}, **extra)
    assert response.status_code in (200, 302), (url, response.status_code)
    assert AuditEvent.objects.count() > before, url
    return response


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _codes(village):  # type: ignore[no-untyped-def]
    return list(Household.objects.filter(unit=village["a1"]).order_by("code").values_list("code", flat=True))


@pytest.fixture
def meeting_matter(village):  # type: ignore[no-untyped-def]
    """An item-5 matter (electing a board member) of A1, open, with its meeting scheduled."""
    head = village["head"]
    matter = actions.create_matter(actor=head, unit=village["a1"], item=5, title="Bầu trưởng thôn",
                                   question="Đồng ý bầu ông A?", tabled_via=TabledVia.VILLAGE_HEAD)  # fmt: skip
    actions.record_agreement(matter, actor=head, who="head")
    actions.record_agreement(matter, actor=village["front"], who="front")
    actions.open_matter(matter, actor=head, form=Form.MEETING)
    actions.schedule_meeting(matter, actor=head, starts_at=timezone.now() + dt.timedelta(days=3), place="Nhà văn hóa",
                             notice_sent_on=timezone.localdate())  # fmt: skip
    return matter


def test_the_whole_journey_meeting_short_then_ballots_then_recognition(village, sign_in):
    head = sign_in(Client(), village["head"])
    codes = _codes(village)

    # Table the matter.
    assert head.get(reverse("decisions:matter-new")).status_code == 200
    response = _step(head, reverse("decisions:matter-new"), {
        "unit": village["a1"].pk, "item": 5, "title": "Bầu trưởng thôn", "question": "Đồng ý bầu ông A?",
        "description": "", "tabled_via": TabledVia.VILLAGE_HEAD})  # fmt: skip
    matter = Matter.objects.get(title="Bầu trưởng thôn")
    assert response.status_code == 302 and response["Location"] == _url("console", matter)
    assert matter.status == Status.DRAFT

    # Until both agree, opening is refused, and the console says why and where the law says so.
    page = head.get(_url("console", matter))
    assert page.status_code == 200 and "khoản 2 Điều 16 Luật Thực hiện dân chủ ở cơ sở" in page.content.decode()
    assert [s.key for s in page.context["steps"]][:3] == ["head_agreed", "front_agreed", "open"]
    assert page.context["next"].key == "head_agreed"
    assert head.post(_url("console-open", matter), {"open-form": "meeting"}).status_code == 302
    matter.refresh_from_db()
    assert matter.status == Status.DRAFT
    # An item-4 matter cannot go online nor straight to ballots; the options carry the reasons.
    options = {o.value: o for o in head.get(_url("console", matter)).context["form_options"]}
    assert options["meeting"].ok and not options["online"].ok and not options["ballot"].ok
    assert options["online"].reasons[0].article.startswith("D59 Art 5(1)(a)")

    assert _step(head, _url("console-agree", matter), {"who": "head"}).status_code == 302
    # The head cannot record the Front work committee head's agreement; the Front head records it (Art 16(2)).
    assert head.post(_url("console-agree", matter), {"who": "front"}).status_code == 302
    matter.refresh_from_db()
    assert matter.front_agreed_at is None
    front = sign_in(Client(), village["front"])
    assert _step(front, _url("console-agree", matter), {"who": "front"}).status_code == 302
    assert _step(head, _url("console-open", matter), {"open-form": "meeting"}).status_code == 302
    matter.refresh_from_db()
    assert matter.status == Status.OPEN and matter.form == Form.MEETING and matter.household_count == 10

    # Schedule: a notice one day ahead is refused beside its field; two days is fine (D59 Art 3(3)).
    soon = {"schedule-starts_at": _local(timezone.now() + dt.timedelta(days=1)), "schedule-place": "Nhà văn hóa",
            "schedule-notice_sent_on": timezone.localdate().isoformat()}  # fmt: skip
    refused = head.post(_url("console-schedule", matter), soon)
    assert refused.status_code == 422 and refused.context["forms"]["schedule"].errors["notice_sent_on"]
    later = {**soon, "schedule-starts_at": _local(timezone.now() + dt.timedelta(days=3))}
    assert _step(head, _url("console-schedule", matter), later).status_code == 302

    # Attendance: by typed code, by a scanned code through htmx, and from the search.
    meeting_url = _url("console-meeting", matter)
    assert head.get(meeting_url).status_code == 200
    assert _step(head, meeting_url, {"attend-code": codes[0]}).status_code == 302
    fragment = _step(head, meeting_url, {"attend-code": codes[1].lower()}, HTTP_HX_REQUEST="true",
                     HTTP_HX_TARGET="entry")  # fmt: skip
    assert fragment.status_code == 200 and b"<html" not in fragment.content and b'id="entry"' in fragment.content
    unknown = head.post(meeting_url, {"attend-code": "NOPE-1"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="entry")
    assert unknown.status_code == 422 and b"<html" not in unknown.content and b"NOPE-1" in unknown.content
    results = head.get(meeting_url, {"q": codes[2]}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="household-results")
    assert results.status_code == 200 and b"<html" not in results.content and codes[2].encode() in results.content
    household = Household.objects.get(code=codes[2])
    assert _step(head, _url("console-attend", matter, household.pk), {"q": codes[2]}).status_code == 302
    for code in codes[3:5]:
        _step(head, meeting_url, {"attend-code": code})
    assert Attendance.objects.filter(meeting__matter=matter).count() == 5

    # The live counter: 5 of 10 cannot elect a village head (more than half of H needed).
    outlook = head.get(meeting_url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="outlook")
    assert outlook.status_code == 200 and b"<html" not in outlook.content and b'id="outlook"' in outlook.content
    assert b"<strong>5</strong> / 10" in outlook.content and _url("console-switch", matter).encode() in outlook.content
    assert "switch" in [s.key for s in head.get(_url("console", matter)).context["steps"]]

    # The switch asks first, then happens once: a second submission changes nothing.
    confirm = head.get(_url("console-switch", matter))
    assert confirm.status_code == 200 and b'method="post"' in confirm.content
    assert _step(head, _url("console-switch", matter)).status_code == 302
    head.post(_url("console-switch", matter), {"confirm": "yes"})
    matter.refresh_from_db()
    assert matter.form == Form.BALLOT and matter.round == 2

    # Ballot team and witnesses, then the slips: typed, scanned (htmx), and a refused second slip.
    team = {"ballot_team-name_1": "Trần Thị Mặt Trận", "ballot_team-role_1": "Ban công tác Mặt trận",
            "ballot_team-name_2": "Nguyễn Văn B", "ballot_team-name_3": "Lê Thị C", "ballot_team-lead": "1"}  # fmt: skip
    assert _step(head, _url("console-team", matter, "ballot_team"), team).status_code == 302
    witnesses = {"witness-name_1": "Đại diện hộ 1", "witness-name_2": "Đại diện hộ 2"}
    assert _step(head, _url("console-team", matter, "witness"), witnesses).status_code == 302
    slips_url = _url("console-slips", matter)
    assert head.get(slips_url).status_code == 200
    # The slips were delivered by hand (D59 Art 4(5)): all printed slips at once, after confirmation.
    assert head.get(_url("console-deliver-all", matter)).status_code == 200
    assert _step(head, _url("console-deliver-all", matter)).status_code == 302
    for code in codes[:5]:
        response = _step(head, slips_url, {"slip-household_code": code, "slip-choice": "agree"})
        assert response.status_code == 302 and "choice=agree" in response["Location"]
    scanned = _step(head, slips_url, {"slip-household_code": codes[5], "slip-choice": "agree"}, HTTP_HX_REQUEST="true")
    assert scanned.status_code == 200 and b"<html" not in scanned.content and b'id="entry"' in scanned.content
    again = head.post(slips_url, {"slip-household_code": codes[0], "slip-choice": "disagree"})
    assert again.status_code == 422 and again.context["form"].errors["household_code"]
    again_htmx = head.post(
        slips_url, {"slip-household_code": codes[0], "slip-choice": "disagree"}, HTTP_HX_REQUEST="true"
    )
    assert again_htmx.status_code == 422 and b"<html" not in again_htmx.content
    assert AuditEvent.objects.filter(verb="decisions.second_vote_refused", target_id=str(matter.pk)).count() == 2

    # Close (asked first) and count against all 10 households: 6 agree, more than half.
    assert head.get(_url("console-close", matter)).status_code == 200
    assert _step(head, _url("console-close", matter), {"close-reason": "Các hộ còn lại vắng nhà."}).status_code == 302
    matter.refresh_from_db()
    assert matter.status == Status.CLOSED and matter.adopted and matter.filing_due_on

    # File the record: the four signatures are required (Law Art 20(2)(g)).
    missing = head.post(_url("console-file", matter), {"file-decision_text": "Bầu ông A.", **SIGNATURES,
                                                       "file-representative_2": ""})  # fmt: skip
    assert missing.status_code == 422 and missing.context["forms"]["file"].errors["representative_2"]
    filed = _step(
        head, _url("console-file", matter), {"file-decision_text": "Bầu ông A làm trưởng thôn.", **SIGNATURES}
    )
    assert filed.status_code == 302
    matter.refresh_from_db()
    assert matter.status == Status.FILED and matter.recognition_due_on
    steps = {s.key: s for s in head.get(_url("console", matter)).context["steps"]}
    assert steps["file"].done and not steps["recognition"].done and not steps["recognition"].overdue

    # The commune Front recognizes it (item 5) from the queue, after a confirmation.
    chair = sign_in(Client(), village["commune_front"])
    queue = chair.get(reverse("decisions:recognition"))
    assert queue.status_code == 200 and [r["matter"] for r in queue.context["to_recognize"]] == [matter]
    assert chair.get(reverse("decisions:recognition-recognize", args=[matter.pk])).status_code == 200
    assert (
        _step(chair, reverse("decisions:recognition-recognize", args=[matter.pk]), {"effective_on": ""}).status_code
        == 302
    )
    matter.refresh_from_db()
    assert matter.status == Status.RECOGNIZED and matter.decided_by == village["commune_front"]
    assert matter.effective_on == timezone.localdate()
    assert chair.get(reverse("decisions:recognition")).context["to_recognize"] == []


def test_an_online_vote_is_blocked_with_the_d59_art_5_reasons_until_its_conditions_hold(village, sign_in):
    head = sign_in(Client(), village["head"])
    matter = actions.create_matter(actor=village["head"], unit=village["a1"], item=6, title="Lắp đèn",
                                   question="Đồng ý?", tabled_via=TabledVia.VILLAGE_HEAD)  # fmt: skip
    page = head.get(_url("console", matter)).content.decode()
    from django.utils.html import strip_tags

    from grassroots.library.citations import official_form

    for article in ("D59 Art 5(1)(b)", "D59 Art 5(1)(c)", "D59 Art 5(2)(a)"):
        # each blocker of the online form, with its article as Vietnamese officials write it
        assert f"({official_form(article, 'vi')})" in strip_tags(page)
    steps = {s.key: s for s in head.get(_url("console", matter)).context["steps"]}
    assert {"optin", "notify", "online_team"} <= set(steps) and not steps["optin"].done

    closes = _local(timezone.now() + dt.timedelta(days=7))
    refused = head.post(_url("console-open", matter), {"open-form": "online", "open-closes_at": closes})
    assert refused.status_code == 302
    matter.refresh_from_db()
    assert matter.status == Status.DRAFT

    _step(head, _url("console-agree", matter), {"who": "head"})
    _step(sign_in(Client(), village["front"]), _url("console-agree", matter), {"who": "front"})
    # 5 of 10 is not more than half: still blocked by the poll.
    _step(head, _url("console-optin", matter), {"optin-yes": "5"})
    options = {o.value: o for o in head.get(_url("console", matter)).context["form_options"]}
    assert [r.article for r in options["online"].reasons] == ["D59 Art 5(1)(c)", "D59 Art 5(2)(a)"]
    assert head.post(_url("console-optin", matter), {"optin-yes": "-1"}).status_code == 422
    _step(head, _url("console-optin", matter), {"optin-yes": "6"})
    _step(head, _url("console-notify", matter), {"body": "committee"})
    _step(head, _url("console-notify", matter), {"body": "front"})
    team = {"online_team-name_1": "Trần Thị Mặt Trận", "online_team-name_2": "Nguyễn Văn IT",
            "online_team-name_3": "Lê Văn Hộ"}  # fmt: skip
    no_lead = head.post(_url("console-team", matter, "online_team"), team)
    assert no_lead.status_code == 422 and "Nghị định 59/2023/NĐ-CP" in str(
        no_lead.context["forms"]["online_team"].non_field_errors()
    )
    _step(head, _url("console-team", matter, "online_team"), {**team, "online_team-lead": "1"})

    page = head.get(_url("console", matter))
    options = {o.value: o for o in page.context["form_options"]}
    assert options["online"].ok
    assert "(D59 Art 5(1)(c))" not in page.content.decode() and "(D59 Art 5(2)(a))" not in page.content.decode()
    steps = {s.key: s for s in page.context["steps"]}
    assert steps["optin"].done and steps["notify"].done and steps["online_team"].done
    # Online voting needs its end.
    no_end = head.post(_url("console-open", matter), {"open-form": "online"})
    assert no_end.status_code == 422 and no_end.context["forms"]["open"].errors["closes_at"]
    assert (
        _step(head, _url("console-open", matter), {"open-form": "online", "open-closes_at": closes}).status_code == 302
    )
    matter.refresh_from_db()
    assert matter.status == Status.OPEN and matter.form == Form.ONLINE


def test_a_secret_ballot_at_the_meeting_with_its_committee_and_witnesses(village, meeting_matter, sign_in):
    head = sign_in(Client(), village["head"])
    matter = meeting_matter
    for code in _codes(village)[:8]:
        _step(head, _url("console-meeting", matter), {"attend-code": code})
    back = {"back": "meeting"}
    # Procedural votes need more than half of the 8 present: 4 is refused beside the field.
    half = head.post(_url("console-secretary", matter), {**back, "secretary-name": "Chị Thư Ký", "secretary-yes": "4"})
    assert half.status_code == 422 and half.context["forms"]["secretary"].errors["yes"]
    assert _step(head, _url("console-secretary", matter), {**back, "secretary-name": "Chị Thư Ký",
                                                           "secretary-yes": "5"}).status_code == 302  # fmt: skip
    chosen = _step(head, _url("console-method", matter), {**back, "method-method": "secret", "method-yes": "7"})
    assert chosen["Location"] == _url("console-meeting", matter)
    # The count is refused until the committee and the witnesses are recorded (D59 Art 3(5)(c)).
    result = {**back, "result-method": "secret", "result-agree": "6", "result-disagree": "2", "result-other": "0",
              "confirm": "yes"}  # fmt: skip
    head.post(_url("console-result", matter), result)
    assert not matter.participations.exists()
    committee = {**back, "counting-name_1": "A", "counting-name_2": "B", "counting-name_3": "C", "counting-lead": "2",
                 "counting-yes": "6"}  # fmt: skip
    assert _step(head, _url("console-counting", matter), committee).status_code == 302
    witnesses = {**back, "witness-name_1": "Đại diện 1", "witness-name_2": "Đại diện 2"}
    assert _step(head, _url("console-team", matter, "witness"), witnesses).status_code == 302
    # A show of hands cannot be recorded when the meeting chose a secret ballot.
    hands = head.post(_url("console-result", matter), {**result, "result-method": "hands"})
    assert hands.status_code == 422 and hands.context["forms"]["result"].errors["method"]
    assert _step(head, _url("console-result", matter), result).status_code == 302
    page = head.get(_url("console", matter))
    steps = {s.key: s for s in page.context["steps"]}
    assert steps["result"].done and steps["counting"].done and page.context["next"].key == "close"
    _step(head, _url("console-close", matter), {"close-reason": "Các hộ còn lại vắng nhà."})
    matter.refresh_from_db()
    assert matter.adopted and matter.result["channels"] == {"meeting": 8}


def test_the_commune_front_refuses_an_item_5_decision_with_reasons(village, sign_in):
    head = village["head"]
    matter = actions.create_matter(actor=head, unit=village["a1"], item=5, title="Bầu Ban TTND", question="?",
                                   tabled_via=TabledVia.VILLAGE_HEAD)  # fmt: skip
    actions.record_agreement(matter, actor=head, who="head")
    actions.record_agreement(matter, actor=village["front"], who="front")
    actions.open_matter(matter, actor=head, form=Form.MEETING)
    meeting = actions.schedule_meeting(matter, actor=head, starts_at=timezone.now() + dt.timedelta(days=3), place="x",
                                       notice_sent_on=timezone.localdate())  # fmt: skip
    for household in Household.objects.filter(unit=village["a1"])[:7]:
        actions.record_attendance(meeting, actor=head, household=household)
    actions.record_meeting_result(meeting, actor=head, agree=7, disagree=0, other=0)
    close_now(matter, actor=head)
    actions.file_record(matter, actor=head, decision_text="x", signatories={k[5:]: v for k, v in SIGNATURES.items()})
    # The commune chair does not recognize item 5: the commune Front does (Law Art 21(2)).
    chair = sign_in(Client(), village["chair"])
    assert chair.get(reverse("decisions:recognition")).context["to_recognize"] == []
    assert chair.get(reverse("decisions:recognition-refuse", args=[matter.pk])).status_code == 404
    front = sign_in(Client(), village["commune_front"])
    assert [r["matter"] for r in front.get(reverse("decisions:recognition")).context["to_recognize"]] == [matter]
    no_reason = front.post(reverse("decisions:recognition-refuse", args=[matter.pk]), {"reason": "  "})
    assert no_reason.status_code == 422
    assert _step(front, reverse("decisions:recognition-refuse", args=[matter.pk]),
                 {"reason": "Chưa đủ hồ sơ ứng cử viên."}).status_code == 302  # fmt: skip
    matter.refresh_from_db()
    assert matter.status == Status.REFUSED and matter.refusal_reason


def test_the_queue_flags_overdue_filings_and_lists_filed_records(village, online_matter, sign_in):
    for voter in village["voters"][:6]:
        actions.cast_online_vote(online_matter.pk, user=voter, choice="agree")
    close_now(online_matter, actor=village["head"])
    Matter.objects.filter(pk=online_matter.pk).update(filing_due_on=timezone.localdate() - dt.timedelta(days=1))
    official = sign_in(Client(), village["official_a"])
    queue = official.get(reverse("decisions:recognition"))
    assert [(r["matter"], r["overdue"]) for r in queue.context["unfiled"]] == [(online_matter, True)]
    head = sign_in(Client(), village["head"])
    steps = {s.key: s for s in head.get(_url("console", online_matter)).context["steps"]}
    assert steps["file"].overdue and steps["file"].actionable
    actions.file_record(online_matter, actor=village["head"], decision_text="Thông qua.",
                        signatories={k[5:]: v for k, v in SIGNATURES.items()})  # fmt: skip
    queue = official.get(reverse("decisions:recognition"))
    assert queue.context["unfiled"] == [] and queue.context["to_recognize"] == []
    assert [(r["matter"], r["late"]) for r in queue.context["filed_rows"]] == [(online_matter, True)]


def _step_urls(matter, household):  # type: ignore[no-untyped-def]
    names = ["console", "console-agree", "console-consent", "console-optin", "console-notify", "console-open",
             "console-schedule", "console-meeting", "console-secretary", "console-method", "console-counting",
             "console-result", "console-switch", "console-slips", "console-close", "console-file"]  # fmt: skip
    urls = [_url(name, matter) for name in names]
    return [*urls, _url("console-team", matter, "witness"), _url("console-attend", matter, household.pk)]


def test_outsiders_get_404_for_the_console_and_every_step(village, meeting_matter, sign_in):
    household = Household.objects.filter(unit=village["a1"]).first()
    urls = _step_urls(meeting_matter, household)
    head_a2 = UserFactory(username="head_a2")
    grant(head_a2, village["a"]["village2"], Role.VILLAGE_HEAD)
    pages = [_url(name, meeting_matter) for name in ("console", "console-meeting", "console-switch", "console-slips",
                                                     "console-close")]  # fmt: skip
    for user in (head_a2, village["official_b"], village["voters"][0], village["chair"]):
        client = sign_in(Client(), user)
        for url in pages:
            assert client.get(url).status_code == 404, (user.username, url)
        for url in urls:
            assert client.post(url, {"who": "head", "body": "front"}).status_code == 404, (user.username, url)
    assert not AuditEvent.objects.filter(actor__in=[head_a2, village["official_b"], village["voters"][0]]).exists()
    # The managers themselves see every page.
    head = sign_in(Client(), village["head"])
    for name in ("console", "console-meeting", "console-switch", "console-slips", "console-close"):
        assert head.get(_url(name, meeting_matter)).status_code == 200, name
    front = sign_in(Client(), village["front"])
    assert front.get(_url("console", meeting_matter)).status_code == 200


def test_recognition_pages_are_404_outside_the_commune_and_for_villages(village, meeting_matter, sign_in):
    recognize = reverse("decisions:recognition-recognize", args=[meeting_matter.pk])
    refuse = reverse("decisions:recognition-refuse", args=[meeting_matter.pk])
    for user in (village["official_b"], village["head"], village["voters"][0]):
        client = sign_in(Client(), user)
        assert client.get(recognize).status_code == 404
        assert client.post(refuse, {"reason": "x"}).status_code == 404
    # The queue is for commune roles; another commune's queue does not list this commune's matters.
    assert sign_in(Client(), village["head"]).get(reverse("decisions:recognition")).status_code == 404
    b_queue = sign_in(Client(), village["official_b"]).get(reverse("decisions:recognition"))
    assert b_queue.status_code == 200 and not b_queue.context["unfiled"] and not b_queue.context["filed_rows"]
    # A representative may not table matters.
    assert sign_in(Client(), village["voters"][0]).get(reverse("decisions:matter-new")).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(meeting_matter):
    client = Client()
    for url in (_url("console", meeting_matter), _url("console-meeting", meeting_matter),
                reverse("decisions:recognition"), reverse("decisions:matter-new")):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post(_url("console-close", meeting_matter))
    assert response.status_code == 302 and "/login/" in response["Location"]
    meeting_matter.refresh_from_db()
    assert meeting_matter.status == Status.OPEN


def test_home_and_matter_pages_link_the_console_and_the_queue(village, meeting_matter, sign_in):
    head = sign_in(Client(), village["head"])
    assert head.get(reverse("decisions:home")).context["can_table"]
    detail = head.get(reverse("decisions:matter", args=[meeting_matter.pk]))
    assert _url("console", meeting_matter).encode() in detail.content
    chair = sign_in(Client(), village["chair"])
    home = chair.get(reverse("decisions:home"))
    assert home.context["can_see_queue"] and reverse("decisions:recognition").encode() in home.content
    voter = sign_in(Client(), village["voters"][0])
    home = voter.get(reverse("decisions:home"))
    assert not home.context["can_table"] and not home.context["can_see_queue"]
    assert (
        _url("console", meeting_matter).encode()
        not in voter.get(reverse("decisions:matter", args=[meeting_matter.pk])).content
    )


def test_a_commune_chair_tables_a_commune_wide_contribution_decided_by_ballots(village, sign_in):
    chair = sign_in(Client(), village["chair"])
    commune = village["a"]["commune"]
    wrong = chair.post(reverse("decisions:matter-new"), {"unit": commune.pk, "item": 1, "title": "Đường liên thôn",
                                                        "question": "?", "tabled_via": TabledVia.VILLAGE_HEAD})  # fmt: skip
    assert wrong.status_code == 422 and wrong.context["form"].errors["tabled_via"]
    item_6 = chair.post(reverse("decisions:matter-new"), {"unit": commune.pk, "item": 6, "title": "x", "question": "?",
                                                         "tabled_via": TabledVia.COMMUNE_CHAIR})  # fmt: skip
    assert item_6.status_code == 422 and "Law Art 21(1)" in str(item_6.context["form"].non_field_errors())
    _step(chair, reverse("decisions:matter-new"), {"unit": commune.pk, "item": 1, "title": "Đường liên thôn",
                                                   "question": "?", "tabled_via": TabledVia.COMMUNE_CHAIR})  # fmt: skip
    matter = Matter.objects.get(title="Đường liên thôn")
    page = chair.get(_url("console", matter))
    assert page.context["next"].key == "open"
    options = {o.value: o for o in page.context["form_options"]}
    assert options["ballot"].ok and not options["meeting"].ok and not options["online"].ok
    assert _step(chair, _url("console-open", matter), {"open-form": "ballot"}).status_code == 302
    matter.refresh_from_db()
    assert matter.status == Status.OPEN and matter.village_count == 2
