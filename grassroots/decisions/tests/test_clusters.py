"""Meetings by residential cluster (Law Art 18(3); D59 Art 3(6)) and hand delivery of ballot slips
(Law Art 19(3); D59 Art 4(5)–(6))."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.decisions import actions
from grassroots.decisions.models import Ballot, Form, Matter, Participation, SlipDistribution, TabledVia
from grassroots.decisions.tests.conftest import close_now
from grassroots.people.models import Household

pytestmark = pytest.mark.django_db

PLAN = [("Cụm 1", "Ông A"), ("Cụm 2", "Bà B")]


@pytest.fixture
def english():  # type: ignore[no-untyped-def]
    """Refusals read in English, to find the article in them (the site itself speaks Vietnamese)."""
    with translation.override("en"):
        yield


def _matter(village, form=Form.MEETING):  # type: ignore[no-untyped-def]
    head = village["head"]
    matter = actions.create_matter(actor=head, unit=village["a1"], item=6, title="Sửa đường làng",
                                   question="Đồng ý sửa đường?", tabled_via=TabledVia.VILLAGE_HEAD)  # fmt: skip
    actions.record_agreement(matter, actor=head, who="head")
    actions.record_agreement(matter, actor=village["front"], who="front")
    closes = timezone.now() + dt.timedelta(days=3) if form == Form.BALLOT else None
    actions.open_matter(matter, actor=head, form=form, closes_at=closes)
    return matter


def _meeting(village, households=None):  # type: ignore[no-untyped-def]
    matter = _matter(village)
    if households is not None:  # the snapshot H the rule reads (a real 200-household register is slow to build)
        Matter.objects.filter(pk=matter.pk).update(household_count=households)
        matter.refresh_from_db()
    meeting = actions.schedule_meeting(matter, actor=village["head"], starts_at=timezone.now() + dt.timedelta(days=3),
                                       place="Nhà văn hóa", notice_sent_on=timezone.localdate())  # fmt: skip
    meeting.matter = matter
    return matter, meeting


def _households(village):  # type: ignore[no-untyped-def]
    return list(Household.objects.filter(unit=village["a1"]).order_by("code"))


@pytest.mark.parametrize(("households", "dispersed", "allowed"), [(199, False, False), (200, False, True),
                                                                  (10, True, True)])  # fmt: skip
def test_clusters_only_for_200_households_or_scattered_settlement(village, households, dispersed, allowed):
    _unused, meeting = _meeting(village, households)
    if allowed:
        made = actions.set_cluster_plan(meeting, actor=village["head"], clusters=PLAN, dispersed=dispersed,
                                         approved_on=timezone.localdate())  # fmt: skip
        assert [c.name for c in made] == ["Cụm 1", "Cụm 2"]
        meeting.refresh_from_db()
        assert meeting.dispersed is dispersed and meeting.cluster_plan_approved_on == timezone.localdate()
    else:
        with pytest.raises(DomainError) as refused:
            actions.set_cluster_plan(meeting, actor=village["head"], clusters=PLAN, approved_on=timezone.localdate())
        assert "(khoản 3 Điều 18 Luật Thực hiện dân chủ ở cơ sở; khoản 6 Điều 3 Nghị định 59/2023/NĐ-CP)" in str(
            refused.value.message
        )
        assert refused.value.field == "dispersed"
        assert not meeting.clusters.exists()


def test_an_unapproved_plan_records_no_attendance_or_result(village, english):
    _unused, meeting = _meeting(village, 250)
    one, _two = actions.set_cluster_plan(meeting, actor=village["head"], clusters=PLAN)
    household = _households(village)[0]
    with pytest.raises(DomainError) as refused:
        actions.record_attendance(meeting, actor=village["head"], household=household, cluster=one)
    assert "approved" in str(refused.value.message) and "Decree 59/2023/ND-CP, Art 3(6)" in str(refused.value.message)
    with pytest.raises(DomainError):
        actions.record_cluster_result(one, actor=village["head"], agree=0, disagree=0, other=0)
    # A clustered meeting takes no attendance outside a cluster.
    with pytest.raises(DomainError) as no_cluster:
        actions.record_attendance(meeting, actor=village["head"], household=household)
    assert no_cluster.value.field == "cluster"
    assert not meeting.attendance.exists()


def test_attendance_in_two_clusters_counts_the_household_once(village):
    _unused, meeting = _meeting(village, 250)
    one, two = actions.set_cluster_plan(meeting, actor=village["head"], clusters=PLAN,
                                         approved_on=timezone.localdate())  # fmt: skip
    household = _households(village)[0]
    assert actions.record_attendance(meeting, actor=village["head"], household=household, cluster=one) == 1
    assert actions.record_attendance(meeting, actor=village["head"], household=household, cluster=one) == 1
    with pytest.raises(DomainError) as refused:
        actions.record_attendance(meeting, actor=village["head"], household=household, cluster=two)
    assert "Cụm 1" in str(refused.value.message)
    outlook = actions.meeting_outlook(meeting)
    assert outlook["present"] == 1 and outlook["by_cluster"] == {one.pk: 1}


def test_cluster_results_add_up_to_the_village_result(village):
    matter, meeting = _meeting(village)
    # H = 10 here: the village meets by cluster because its settlement is scattered.
    one, two = actions.set_cluster_plan(meeting, actor=village["head"], clusters=PLAN, dispersed=True,
                                         approved_on=timezone.localdate())  # fmt: skip
    households = _households(village)
    for household in households[:4]:
        actions.record_attendance(meeting, actor=village["head"], household=household, cluster=one)
    for household in households[4:8]:
        actions.record_attendance(meeting, actor=village["head"], household=household, cluster=two)
    assert actions.meeting_outlook(meeting)["present"] == 8
    with pytest.raises(DomainError) as too_many:
        actions.record_cluster_result(one, actor=village["head"], agree=4, disagree=1, other=0)
    assert too_many.value.field == "agree"
    actions.record_cluster_result(one, actor=village["head"], agree=3, disagree=1, other=0)
    with pytest.raises(DomainError):  # the village result waits for every cluster
        actions.combine_cluster_results(meeting, actor=village["head"])
    two.meeting = meeting
    actions.record_cluster_result(two, actor=village["head"], agree=3, disagree=0, other=1)
    # The plain meeting count cannot differ from the sum of the clusters.
    with pytest.raises(DomainError):
        actions.record_meeting_result(meeting, actor=village["head"], agree=8, disagree=0, other=0)
    assert actions.combine_cluster_results(meeting, actor=village["head"]) == {"agree": 6, "disagree": 1, "other": 1}
    assert Participation.objects.filter(matter=matter, round=matter.round, channel="meeting").count() == 8
    assert Ballot.objects.filter(matter=matter, round=matter.round).count() == 8
    with pytest.raises(DomainError):  # one round, counted once
        actions.combine_cluster_results(meeting, actor=village["head"])
    matter = close_now(matter, actor=village["head"])
    assert (matter.result["agree"], matter.result["disagree"], matter.result["other"]) == (6, 1, 1)
    assert matter.adopted  # 6 of 10 households: more than half (Art 21(1))
    assert actions.compute_result(matter) == matter.result
    call_command("verify_tally", str(matter.pk), stdout=io.StringIO())  # exits 0: the published count holds
    assert AuditEvent.objects.filter(verb="decisions.cluster_result_recorded").count() == 2


def test_a_slip_is_counted_only_after_its_delivery(village, english):
    matter = _matter(village, Form.BALLOT)
    households = _households(village)
    with pytest.raises(DomainError) as refused:
        actions.record_slip(matter, actor=village["head"], household_code=households[0].code, choice="agree")
    assert refused.value.field == "household_code" and "Decree 59/2023/ND-CP, Art 4(5)" in str(refused.value.message)
    assert not Participation.objects.filter(matter=matter).exists()
    actions.mark_delivered(matter, actor=village["head"], household_code=households[0].code)
    with pytest.raises(DomainError):  # delivered once
        actions.mark_delivered(matter, actor=village["head"], household_code=households[0].code)
    actions.mark_delivered(matter, actor=village["head"], household_code=households[1].code)
    actions.record_slip(matter, actor=village["head"], household_code=households[0].code, choice="agree")
    counts, rows = actions.distribution(matter, "not_returned")
    assert [r.household for r in rows] == [households[1]]
    assert counts == {"households": 10, "delivered": 2, "collected": 1, "not_returned": 1, "not_delivered": 8}
    _counts, undelivered = actions.distribution(matter, "not_delivered")
    assert len(undelivered) == 8 and households[0] not in [r.household for r in undelivered]
    assert actions.mark_all_delivered(matter, actor=village["head"]) == 8
    assert SlipDistribution.objects.filter(matter=matter, round=matter.round).count() == 10


def test_cluster_meeting_through_the_console(village, sign_in):
    matter, meeting = _meeting(village, 240)
    head = sign_in(Client(), village["head"])
    meeting_url = reverse("decisions:console-meeting", args=[matter.pk])
    steps = [s.key for s in head.get(reverse("decisions:console", args=[matter.pk])).context["steps"]]
    assert "cluster_plan" in steps
    plan_url = reverse("decisions:console-cluster-plan", args=[matter.pk])
    bad = head.post(plan_url, {"back": "meeting", "plan-clusters": "Cụm 1 Ông A"})
    assert bad.status_code == 422 and bad.context["forms"]["plan"].errors["clusters"]
    ok = head.post(plan_url, {"back": "meeting", "plan-clusters": "Cụm 1 | Ông A\nCụm 2 | Bà B",
                              "plan-approved_on": timezone.localdate().isoformat()})  # fmt: skip
    assert ok.status_code == 302
    one, two = meeting.clusters.order_by("pk")
    codes = [h.code for h in _households(village)]
    for i, code in enumerate(codes[:6]):
        cluster = one if i < 3 else two
        url = reverse("decisions:console-cluster-attend", args=[matter.pk, cluster.pk])
        assert head.post(url, {"back": "meeting", f"attend-{cluster.pk}-code": code}).status_code == 302
    again = head.post(reverse("decisions:console-cluster-attend", args=[matter.pk, two.pk]),
                      {"back": "meeting", f"attend-{two.pk}-code": codes[0]})  # fmt: skip
    assert again.status_code == 422
    page = head.get(meeting_url)
    assert page.status_code == 200 and [r["present"] for r in page.context["cluster_rows"]] == [3, 3]
    for cluster, counts in ((one, (3, 0, 0)), (two, (2, 1, 0))):
        url = reverse("decisions:console-cluster-result", args=[matter.pk, cluster.pk])
        data = {"back": "meeting", **{f"result-{cluster.pk}-{k}": v for k, v in zip(("agree", "disagree", "other"),
                                                                                 counts, strict=True)}}  # fmt: skip
        assert head.post(url, data).status_code == 302
    combine = reverse("decisions:console-cluster-combine", args=[matter.pk])
    assert head.post(combine).status_code == 200  # the confirmation page first; nothing added up yet
    assert head.post(combine, {"confirm": "yes"}).status_code == 302
    assert Ballot.objects.filter(matter=matter, choice="agree").count() == 5
    assert head.get(meeting_url).context["counted"]


def test_distribution_through_the_console(village, sign_in):
    matter = _matter(village, Form.BALLOT)
    head = sign_in(Client(), village["head"])
    url = reverse("decisions:console-distribution", args=[matter.pk])
    codes = [h.code for h in _households(village)]
    assert head.post(url, {"deliver-household_code": codes[0]}).status_code == 302
    scanned = head.post(url, {"deliver-household_code": codes[1]}, HTTP_HX_REQUEST="true")
    assert scanned.status_code == 200 and b"<html" not in scanned.content
    again = head.post(url, {"deliver-household_code": codes[1]}, HTTP_HX_REQUEST="true")
    assert again.status_code == 422
    slips = reverse("decisions:console-slips", args=[matter.pk])
    refused = head.post(slips, {"slip-household_code": codes[5], "slip-choice": "agree"})
    assert refused.status_code == 422 and "NĐ 59 Điều 4 khoản 5–6" in str(
        refused.context["form"].errors["household_code"]
    )
    assert head.post(slips, {"slip-household_code": codes[0], "slip-choice": "agree"}).status_code == 302
    listing = head.get(url, {"show": "not_returned"})
    assert [r.household.code for r in listing.context["rows"]] == [codes[1]]
    assert len(head.get(url, {"show": "not_delivered"}).context["rows"]) == 8
    assert head.get(reverse("decisions:console-deliver-all", args=[matter.pk])).status_code == 200
    assert head.post(reverse("decisions:console-deliver-all", args=[matter.pk])).status_code == 302
    assert head.get(url, {"show": "not_delivered"}).context["rows"] == []


def test_cluster_and_distribution_pages_are_404_for_outsiders(village, sign_in):
    matter, meeting = _meeting(village, 240)
    one, _two = actions.set_cluster_plan(meeting, actor=village["head"], clusters=PLAN,
                                          approved_on=timezone.localdate())  # fmt: skip
    ballot = _matter(village, Form.BALLOT)
    head_a2 = UserFactory(username="head_a2")
    grant(head_a2, village["a"]["village2"], Role.VILLAGE_HEAD)
    code = _households(village)[0].code
    gets = [reverse("decisions:console-meeting", args=[matter.pk]),
            reverse("decisions:console-distribution", args=[ballot.pk]),
            reverse("decisions:console-deliver-all", args=[ballot.pk])]  # fmt: skip
    posts = [
        (reverse("decisions:console-cluster-plan", args=[matter.pk]), {"plan-clusters": "X | Y\nZ | W"}),
        (reverse("decisions:console-cluster-attend", args=[matter.pk, one.pk]), {f"attend-{one.pk}-code": code}),
        (reverse("decisions:console-cluster-result", args=[matter.pk, one.pk]), {f"result-{one.pk}-agree": 0}),
        (reverse("decisions:console-cluster-combine", args=[matter.pk]), {}),
        (reverse("decisions:console-distribution", args=[ballot.pk]), {"deliver-household_code": code}),
        (reverse("decisions:console-deliver-all", args=[ballot.pk]), {}),
    ]
    before = AuditEvent.objects.count()
    for user in (head_a2, village["voters"][0]):
        client = sign_in(Client(), user)
        for url in gets:
            assert client.get(url).status_code == 404, (user.username, url)
        for url, data in posts:
            assert client.post(url, data).status_code == 404, (user.username, url)
    assert AuditEvent.objects.count() == before
    assert not SlipDistribution.objects.exists() and not meeting.attendance.exists()
