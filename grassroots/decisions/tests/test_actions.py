import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.decisions import actions
from grassroots.decisions.models import Form, Matter, Participation, SealedBallot, Status, TabledVia
from grassroots.decisions.tests.conftest import close_now
from grassroots.people.tests.factories import make_household

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _new(village, item=6, **kw):  # type: ignore[no-untyped-def]
    matter = actions.create_matter(actor=village["head"], unit=village["a1"], item=item, title="T", question="Q",
                                   tabled_via=kw.pop("tabled_via", TabledVia.VILLAGE_HEAD))  # fmt: skip
    return matter


def test_opening_snapshots_the_households_of_the_village(online_matter, village):
    assert online_matter.household_count == 10 and online_matter.village_count == 1
    # A household registered after the opening does not change H of this matter (10.A.2).
    make_household(village["a1"])
    online_matter.refresh_from_db()
    assert online_matter.household_count == 10
    assert online_matter.rules_version


def test_an_online_vote_on_an_item_3_matter_is_refused_with_the_article(village):
    matter = _new(village, item=3)
    actions.record_agreement(matter, actor=village["head"], who="head")
    actions.record_agreement(matter, actor=village["front"], who="front")
    with pytest.raises(DomainError, match=r"D59 Art 5\(1\)\(a\)"):
        actions.open_matter(
            matter, actor=village["head"], form=Form.ONLINE, closes_at=timezone.now() + dt.timedelta(days=1)
        )


def test_online_voting_is_blocked_until_every_condition_holds(village):
    matter = _new(village)
    actions.record_agreement(matter, actor=village["head"], who="head")
    actions.record_agreement(matter, actor=village["front"], who="front")
    with pytest.raises(DomainError) as refused:
        actions.open_matter(
            matter, actor=village["head"], form=Form.ONLINE, closes_at=timezone.now() + dt.timedelta(days=1)
        )
    assert "5(1)(c)" in refused.value.message and "5(2)(a)" in refused.value.message


def test_the_database_refuses_online_voting_for_other_items(village):
    matter = _new(village, item=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Matter.objects.filter(pk=matter.pk).update(form="online")


def test_one_household_one_vote_and_a_second_attempt_is_refused_and_logged(online_matter, village):
    voter = village["voters"][0]
    receipt, created = actions.cast_online_vote(online_matter.pk, user=voter, choice="agree")
    assert created and len(receipt) == 20
    with pytest.raises(actions.AlreadyVoted):
        actions.cast_online_vote(online_matter.pk, user=voter, choice="disagree")
    assert SealedBallot.objects.filter(matter=online_matter).count() == 1
    assert AuditEvent.objects.filter(verb="decisions.second_vote_refused").count() == 1


def test_the_same_idempotency_key_returns_the_same_receipt(online_matter, village):
    voter = village["voters"][1]
    first = actions.cast_online_vote(online_matter.pk, user=voter, choice="agree", idempotency_key="k-1")
    again = actions.cast_online_vote(online_matter.pk, user=voter, choice="agree", idempotency_key="k-1")
    assert first[0] == again[0] and again[1] is False
    assert Participation.objects.filter(matter=online_matter).count() == 1


def test_a_vote_that_arrives_as_the_box_is_emptied_is_refused_and_leaves_nothing(online_matter, village, monkeypatch):  # type: ignore[no-untyped-def]
    """The matter is read before the vote's transaction; a count that ends in between is seen by the
    ballot's insert (only while the matter is open in the same round), and the participation written
    before it goes too: no receipt without a ballot in the count."""
    from grassroots.decisions.actions import voting

    read = voting._matter_with_unit

    def read_then_closed(matter_id):  # type: ignore[no-untyped-def]
        matter = read(matter_id)
        Matter.objects.filter(pk=matter_id).update(status=Status.CLOSED)
        return matter

    monkeypatch.setattr(voting, "_matter_with_unit", read_then_closed)
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError, match="closed and counted a moment ago"):
        actions.cast_online_vote(online_matter.pk, user=village["voters"][3], choice="agree")
    assert not Participation.objects.filter(matter=online_matter).exists()
    assert not SealedBallot.objects.filter(matter=online_matter).exists()
    assert AuditEvent.objects.count() == events


def test_a_remembered_copy_of_an_open_matter_never_lets_a_vote_past_its_close(online_matter, village):
    """The vote path keeps a copy of an open matter per process. Closed by another process (no signal
    here: an UPDATE), the ballot's insert still sees the database's status; the copy is then forgotten."""
    from grassroots.decisions.actions import voting

    actions.cast_online_vote(online_matter.pk, user=village["voters"][0], choice="agree")
    assert online_matter.pk in voting._OPEN_MATTERS
    Matter.objects.filter(pk=online_matter.pk).update(status=Status.CLOSED)
    with pytest.raises(DomainError, match="closed and counted a moment ago"):
        actions.cast_online_vote(online_matter.pk, user=village["voters"][1], choice="agree")
    assert online_matter.pk not in voting._OPEN_MATTERS
    assert Participation.objects.filter(matter=online_matter).count() == 1
    with pytest.raises(DomainError, match="not open for online voting"):  # read again from the database
        actions.cast_online_vote(online_matter.pk, user=village["voters"][1], choice="agree")


def test_a_matter_saved_in_this_process_is_forgotten_at_once(online_matter, village):
    from grassroots.decisions.actions import voting

    actions.cast_online_vote(online_matter.pk, user=village["voters"][0], choice="agree")
    assert online_matter.pk in voting._OPEN_MATTERS
    online_matter.save(update_fields=["title"])
    assert online_matter.pk not in voting._OPEN_MATTERS


def test_a_refusal_is_never_decided_on_a_remembered_copy(online_matter, village):
    """A copy that says the vote has ended (however it came to say so) is read again before refusing."""
    from grassroots.decisions.actions import voting

    actions.cast_online_vote(online_matter.pk, user=village["voters"][0], choice="agree")
    voting._OPEN_MATTERS[online_matter.pk].closes_at = timezone.now() - dt.timedelta(minutes=1)
    _receipt, created = actions.cast_online_vote(online_matter.pk, user=village["voters"][1], choice="agree")
    assert created and Participation.objects.filter(matter=online_matter).count() == 2


def test_only_open_online_matters_are_remembered_and_a_bounded_number(online_matter, village, monkeypatch):
    from grassroots.decisions.actions import voting

    draft = _new(village)
    with pytest.raises(DomainError):
        actions.cast_online_vote(draft.pk, user=village["voters"][0], choice="agree")
    assert draft.pk not in voting._OPEN_MATTERS
    monkeypatch.setattr(voting, "_OPEN_MATTERS_KEPT", 2)
    voting._OPEN_MATTERS.update({-1: online_matter, -2: online_matter})
    actions.cast_online_vote(online_matter.pk, user=village["voters"][0], choice="agree")
    assert list(voting._OPEN_MATTERS) == [online_matter.pk]


def _key_not_seen_once(monkeypatch):  # type: ignore[no-untyped-def]
    """The first look-up of the Idempotency-Key misses, as for a retry racing its first request."""
    from grassroots.decisions.actions import voting

    real, calls = voting._known_receipt, []

    def known(*args):  # type: ignore[no-untyped-def]
        calls.append(args)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(voting, "_known_receipt", known)


def test_a_retry_racing_its_first_request_gets_the_first_receipt(online_matter, village, monkeypatch):  # type: ignore[no-untyped-def]
    voter = village["voters"][4]
    first, created = actions.cast_online_vote(online_matter.pk, user=voter, choice="agree", idempotency_key="k-r")
    _key_not_seen_once(monkeypatch)
    assert actions.cast_online_vote(online_matter.pk, user=voter, choice="agree", idempotency_key="k-r") == (
        first,
        False,
    )
    assert created and Participation.objects.filter(matter=online_matter).count() == 1
    assert not AuditEvent.objects.filter(verb="decisions.second_vote_refused").exists()


def test_a_key_sent_at_once_for_another_matter_is_refused_by_its_field(online_matter, village, monkeypatch):  # type: ignore[no-untyped-def]
    from grassroots.decisions.tests.conftest import open_online_matter

    voter = village["voters"][5]
    actions.cast_online_vote(online_matter.pk, user=voter, choice="agree", idempotency_key="k-o")
    other = open_online_matter(head=village["head"], front=village["front"], unit=village["a1"], optin=6)
    _key_not_seen_once(monkeypatch)
    with pytest.raises(DomainError) as refused:
        actions.cast_online_vote(other.pk, user=voter, choice="agree", idempotency_key="k-o")
    assert refused.value.field == "idempotency_key"
    assert not Participation.objects.filter(matter=other).exists()


def test_a_household_of_another_village_cannot_vote(online_matter, world):
    from grassroots.accounts.tests.factories import UserFactory
    from grassroots.people.models import Representation

    rep = Representation.objects.filter(household=world["households"]["b1"]).first()
    outsider = UserFactory(username="b-rep", resident=rep.resident)
    with pytest.raises(DomainError, match="representative"):
        actions.cast_online_vote(online_matter.pk, user=outsider, choice="agree")


def test_other_opinion_needs_a_text(online_matter, village):
    with pytest.raises(DomainError):
        actions.cast_online_vote(online_matter.pk, user=village["voters"][2], choice="other")


def test_close_counts_against_all_households_and_files_on_time(online_matter, village):
    for voter in village["voters"][:5]:
        actions.cast_online_vote(online_matter.pk, user=voter, choice="agree")
    actions.cast_online_vote(online_matter.pk, user=village["voters"][5], choice="other", comment="Lắp ở ngõ 7 trước")
    matter = close_now(online_matter, actor=village["head"])
    # 5 of 10 households agree: exactly half is not "more than half" (D59 Art 5(4)).
    assert matter.adopted is False
    assert matter.result["agree"] == 5 and matter.result["other"] == 1 and matter.result["households"] == 10
    assert matter.filing_due_on > timezone.localdate()
    actions.file_record(matter, actor=village["head"], decision_text="Không thông qua.", signatories={
        "village_head": "A", "front_head": "B", "representative_1": "C", "representative_2": "D"})  # fmt: skip
    assert matter.status == Status.FILED


def test_an_adopted_item_6_takes_effect_on_adoption(online_matter, village):
    for voter in village["voters"][:6]:
        actions.cast_online_vote(online_matter.pk, user=voter, choice="agree")
    matter = close_now(online_matter, actor=village["head"])
    assert matter.adopted
    actions.file_record(matter, actor=village["head"], decision_text="Thông qua.", signatories={
        "village_head": "A", "front_head": "B", "representative_1": "C", "representative_2": "D"})  # fmt: skip
    assert matter.status == Status.EFFECTIVE and matter.effective_on == timezone.localdate()


def test_filing_needs_the_four_signatures(online_matter, village):
    matter = close_now(online_matter, actor=village["head"])
    with pytest.raises(DomainError) as refused:
        actions.file_record(matter, actor=village["head"], decision_text="x", signatories={"village_head": "A"})
    assert refused.value.field == "front_head"


def _meeting_matter(village, item):  # type: ignore[no-untyped-def]
    matter = _new(village, item=item)
    actions.record_agreement(matter, actor=village["head"], who="head")
    actions.record_agreement(matter, actor=village["front"], who="front")
    actions.open_matter(matter, actor=village["head"], form=Form.MEETING)
    starts = timezone.now() + dt.timedelta(days=3)
    meeting = actions.schedule_meeting(matter, actor=village["head"], starts_at=starts, place="Nhà văn hóa",
                                       notice_sent_on=timezone.localdate(), documents_delivered_on=timezone.localdate())  # fmt: skip
    return matter, meeting


def test_meeting_notice_must_be_two_days_ahead(village):
    matter = _new(village, item=5)
    actions.record_agreement(matter, actor=village["head"], who="head")
    actions.record_agreement(matter, actor=village["front"], who="front")
    actions.open_matter(matter, actor=village["head"], form=Form.MEETING)
    with pytest.raises(DomainError) as refused:
        actions.schedule_meeting(matter, actor=village["head"], starts_at=timezone.now() + dt.timedelta(days=1), place="x",
                                 notice_sent_on=timezone.localdate())  # fmt: skip
    assert refused.value.field == "notice_sent_on"


def test_a_meeting_that_falls_short_switches_to_ballots_and_the_slips_count_once(village):
    from grassroots.people.models import Household

    matter, meeting = _meeting_matter(village, item=5)
    households = list(Household.objects.filter(unit=village["a1"]).order_by("code"))
    for household in households[:5]:  # 5 of 10: more than half needed
        actions.record_attendance(meeting, actor=village["head"], household=household)
    assert actions.meeting_outlook(meeting)["falls_short"]
    actions.switch_to_ballots(matter, actor=village["head"], meeting=meeting)
    matter.refresh_from_db()
    assert matter.form == Form.BALLOT and matter.round == 2
    actions.mark_all_delivered(matter, actor=village["head"])  # slips are delivered by hand first (D59 Art 4(5))
    for household in households[:6]:
        actions.record_slip(matter, actor=village["head"], household_code=household.code, choice="agree")
    with pytest.raises(actions.AlreadyVoted):
        actions.record_slip(matter, actor=village["head"], household_code=households[0].code, choice="disagree")
    matter = close_now(matter, actor=village["head"])
    assert matter.adopted and matter.result["channels"] == {"slip": 6}
    assert matter.status == Status.CLOSED
    actions.file_record(matter, actor=village["head"], decision_text="Bầu ông A.", signatories={
        "village_head": "A", "front_head": "B", "representative_1": "C", "representative_2": "D"})  # fmt: skip
    assert matter.status == Status.FILED and matter.recognition_due_on is not None
    # Item 5 is recognized by the commune Front, not by the People's Committee.
    with pytest.raises(DomainError):
        actions.recognize(matter, actor=village["chair"])
    actions.recognize(matter, actor=village["commune_front"])
    assert matter.status == Status.RECOGNIZED


def test_a_refusal_needs_written_reasons(village):
    matter, meeting = _meeting_matter(village, item=5)
    from grassroots.people.models import Household

    for household in Household.objects.filter(unit=village["a1"])[:8]:
        actions.record_attendance(meeting, actor=village["head"], household=household)
    actions.record_meeting_result(meeting, actor=village["head"], agree=7, disagree=1, other=0)
    matter = close_now(matter, actor=village["head"])
    actions.file_record(matter, actor=village["head"], decision_text="x", signatories={
        "village_head": "A", "front_head": "B", "representative_1": "C", "representative_2": "D"})  # fmt: skip
    with pytest.raises(DomainError):
        actions.refuse(matter, actor=village["commune_front"], reason=" ")
    actions.refuse(matter, actor=village["commune_front"], reason="Sai quy trình giới thiệu ứng cử viên.")
    assert matter.status == Status.REFUSED


def test_meeting_counts_cannot_exceed_households_present(village):
    _matter, meeting = _meeting_matter(village, item=6)
    from grassroots.people.models import Household

    for household in Household.objects.filter(unit=village["a1"])[:3]:
        actions.record_attendance(meeting, actor=village["head"], household=household)
    with pytest.raises(DomainError):
        actions.record_meeting_result(meeting, actor=village["head"], agree=3, disagree=1, other=0)


def test_a_citizen_initiative_is_tabled_at_ten_percent_of_households(village):
    from grassroots.people.models import Household

    matter = _new(village, tabled_via=TabledVia.INITIATIVE)
    assert matter.status == Status.GATHERING
    household = Household.objects.filter(unit=village["a1"]).first()
    actions.record_consent(matter, actor=village["head"], household=household, given_on=timezone.localdate())
    matter.refresh_from_db()
    assert matter.status == Status.DRAFT  # 1 of 10 households = 10%


def test_a_lapsed_consent_does_not_count(village):
    from grassroots.people.models import Household

    matter = _new(village, tabled_via=TabledVia.INITIATIVE)
    household = Household.objects.filter(unit=village["a1"]).first()
    actions.record_consent(
        matter, actor=village["head"], household=household, given_on=timezone.localdate() - dt.timedelta(days=120)
    )
    matter.refresh_from_db()
    assert matter.status == Status.GATHERING


def test_only_the_village_head_or_front_head_manage_village_matters(village):
    with pytest.raises(DomainError):
        actions.create_matter(actor=village["official_b"], unit=village["a1"], item=6, title="x", question="q",
                              tabled_via=TabledVia.VILLAGE_HEAD)  # fmt: skip


def test_an_online_vote_cannot_be_closed_before_its_announced_end(online_matter, village):
    with pytest.raises(DomainError, match="cannot be closed earlier"):
        actions.close_matter(online_matter, actor=village["head"])


def test_an_online_vote_needs_its_team_of_three_to_five(village):
    matter = _new(village)
    for who, actor in (("head", village["head"]), ("front", village["front"])):
        actions.record_agreement(matter, actor=actor, who=who)
    actions.record_optin_poll(matter, actor=village["head"], yes=6)
    actions.record_notification(matter, actor=village["head"], body="committee")
    actions.record_notification(matter, actor=village["head"], body="front")
    with pytest.raises(DomainError, match=r"Decree 59/2023/ND-CP, Art 5\(2\)\(b\)"):
        actions.open_matter(
            matter, actor=village["head"], form=Form.ONLINE, closes_at=timezone.now() + dt.timedelta(days=1)
        )


def test_a_ballot_count_needs_the_ballot_team_and_two_witnesses(village):
    matter = _new(village)
    actions.record_agreement(matter, actor=village["head"], who="head")
    actions.record_agreement(matter, actor=village["front"], who="front")
    actions.open_matter(matter, actor=village["head"], form=Form.BALLOT)
    with pytest.raises(DomainError, match=r"Decree 59/2023/ND-CP, Art 4\(3\)"):
        actions.close_matter(matter, actor=village["head"])
    from grassroots.decisions.tests.conftest import BALLOT_TEAM

    actions.set_team(matter, actor=village["head"], team="ballot_team", members=BALLOT_TEAM)
    with pytest.raises(DomainError, match=r"Decree 59/2023/ND-CP, Art 4\(6\)\(a\)"):
        actions.close_matter(matter, actor=village["head"])


def test_a_representative_of_another_village_can_neither_see_the_matter_nor_its_participants(
    client, online_matter, village, sign_in
):
    from grassroots.accounts.tests.factories import UserFactory
    from grassroots.people.models import Representation

    actions.cast_online_vote(online_matter.pk, user=village["voters"][0], choice="agree")
    close_now(online_matter, actor=village["head"])
    rep = Representation.objects.filter(household=village["households"]["a2"]).first()
    neighbour = UserFactory(username="a2-rep", resident=rep.resident)
    sign_in(client, neighbour, second_factor=False)
    assert client.get(f"/decisions/{online_matter.pk}/").status_code == 404
    assert client.get(f"/api/v1/matters/{online_matter.pk}/result").status_code == 404
    with pytest.raises(DomainError):
        actions.cast_online_vote(online_matter.pk, user=neighbour, choice="agree")
    # The village's own representative sees the list of participating households.
    sign_in(client, village["voters"][1], second_factor=False)
    page = client.get(f"/decisions/{online_matter.pk}/")
    assert page.status_code == 200 and page.context["participants"] is not None


def test_d59_arts_6_9_an_item_4_matter_is_refused_on_the_tabling_path(village):
    """Village-head elections and dismissals run from the election page (grassroots.elections), not as a
    matter the village head tables (D59 Arts 6–9)."""
    with pytest.raises(DomainError) as refused:
        _new(village, item=4)
    assert refused.value.field == "item" and "D59 Arts 6–9" in str(refused.value.message)
