"""The meeting's procedural votes (console_actions), the guards on a superseded meeting, and the steps."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.decisions import actions, rules
from grassroots.decisions.models import Form, Matter, Status, TabledVia, TeamMember
from grassroots.decisions.steps import Facts, MeetingFacts, TeamFacts, form_options, next_step, steps_for
from grassroots.people.models import Household

COMMITTEE = [("A", "", False), ("B", "", True), ("C", "", False)]
WITNESSES = [("D", "", False), ("E", "", False)]


def _meeting(village, item=5, present=8):  # type: ignore[no-untyped-def]
    head = village["head"]
    matter = actions.create_matter(actor=head, unit=village["a1"], item=item, title="T", question="Q",
                                   tabled_via=TabledVia.VILLAGE_HEAD)  # fmt: skip
    actions.record_agreement(matter, actor=head, who="head")
    actions.record_agreement(matter, actor=village["front"], who="front")
    actions.open_matter(matter, actor=head, form=Form.MEETING)
    meeting = actions.schedule_meeting(matter, actor=head, starts_at=timezone.now() + dt.timedelta(days=3), place="x",
                                       notice_sent_on=timezone.localdate(), documents_delivered_on=timezone.localdate())  # fmt: skip
    for household in Household.objects.filter(unit=village["a1"]).order_by("code")[:present]:
        actions.record_attendance(meeting, actor=head, household=household)
    return matter, meeting


# --- D59 Art 3(5): procedural votes by more than half of those present ---------------------------
@pytest.mark.parametrize(("yes", "passes"), [(4, False), (5, True), (8, True)])
def test_d59_art_3_5_the_secretary_needs_more_than_half_of_the_households_present(village, yes, passes):
    _matter, meeting = _meeting(village, present=8)
    if passes:
        actions.elect_secretary(meeting, actor=village["head"], name="Chị Thư", yes=yes)
        meeting.refresh_from_db()
        assert meeting.secretary == "Chị Thư"
        assert AuditEvent.objects.filter(verb="decisions.secretary_elected").count() == 1
    else:
        with pytest.raises(DomainError) as refused:
            actions.elect_secretary(meeting, actor=village["head"], name="Chị Thư", yes=yes)
        assert refused.value.field == "yes"


def test_more_votes_than_households_present_are_refused(village):
    _matter, meeting = _meeting(village, present=3)
    with pytest.raises(DomainError):
        actions.choose_method(meeting, actor=village["head"], method="hands", yes=4)


def test_d59_art_3_5_c_the_counting_committee_has_a_head_and_is_approved(village):
    matter, meeting = _meeting(village)
    with pytest.raises(DomainError) as refused:
        actions.approve_counting_committee(meeting, actor=village["head"], yes=6,
                                                   members=[(n, r, False) for n, r, _l in COMMITTEE])  # fmt: skip
    assert refused.value.field == "members"
    with pytest.raises(DomainError):
        actions.approve_counting_committee(meeting, actor=village["head"], members=COMMITTEE, yes=3)
    actions.approve_counting_committee(meeting, actor=village["head"], members=COMMITTEE, yes=6)
    assert matter.team.filter(team=TeamMember.Team.COUNTING_COMMITTEE, is_lead=True).get().name == "B"


def test_a_secret_ballot_is_counted_only_with_the_committee_and_the_witnesses(village):
    matter, meeting = _meeting(village)
    actions.choose_method(meeting, actor=village["head"], method="secret", yes=5)
    actions.set_team(matter, actor=village["head"], team=TeamMember.Team.WITNESS, members=WITNESSES)
    with pytest.raises(DomainError, match=r"điểm c khoản 5 Điều 3"):
        actions.record_meeting_count(meeting, actor=village["head"], method="secret", agree=6, disagree=2, other=0)
    actions.approve_counting_committee(meeting, actor=village["head"], members=COMMITTEE, yes=6)
    with pytest.raises(DomainError) as other_method:
        actions.record_meeting_count(meeting, actor=village["head"], method="hands", agree=6, disagree=2, other=0)
    assert other_method.value.field == "method"
    actions.record_meeting_count(meeting, actor=village["head"], method="secret", agree=6, disagree=2, other=0)
    assert matter.participations.count() == 8
    with pytest.raises(DomainError):
        actions.elect_secretary(meeting, actor=village["head"], name="late", yes=8)


def test_the_method_may_be_given_with_the_count_when_it_was_not_voted_on_before(village):
    _matter, meeting = _meeting(village)
    actions.record_meeting_count(meeting, actor=village["head"], method="hands", agree=6, disagree=1, other=1)
    meeting.refresh_from_db()
    assert meeting.method == "hands" and meeting.closed_at is not None


def test_only_the_managers_hold_procedural_votes(village):
    _matter, meeting = _meeting(village)
    with pytest.raises(DomainError):
        actions.elect_secretary(meeting, actor=village["official_a"], name="x", yes=8)


# --- Art 19(1)(b): once switched to ballots, the meeting decides nothing more -----------------------
def test_the_switch_to_ballots_happens_once_and_the_old_meeting_writes_nothing_into_the_ballot_round(village):
    matter, meeting = _meeting(village, present=5)
    actions.switch_to_ballots(matter, actor=village["head"], meeting=meeting)
    with pytest.raises(DomainError):
        actions.switch_to_ballots(matter, actor=village["head"], meeting=meeting)
    matter.refresh_from_db()
    assert matter.round == 2
    # Neither its count nor a late arrival goes into the ballot round.
    with pytest.raises(DomainError):
        actions.record_meeting_result(meeting, actor=village["head"], agree=5, disagree=0, other=0)
    late = Household.objects.filter(unit=village["a1"]).order_by("code").last()
    with pytest.raises(DomainError):
        actions.record_attendance(meeting, actor=village["head"], household=late)
    assert not matter.participations.exists() and not matter.ballots.exists()


# --- The steps (pure) -------------------------------------------------------------------------------
def _matter(**fields):  # type: ignore[no-untyped-def]
    defaults = {"item": 6, "scope": "village", "tabled_via": TabledVia.VILLAGE_HEAD, "status": Status.DRAFT}
    return Matter(**{**defaults, **fields})


TODAY = dt.date(2026, 3, 10)


def test_an_item_6_draft_lists_the_online_conditions_and_the_open_step_waits_for_the_agreements():
    steps = steps_for(_matter(), Facts(today=TODAY, households=10))
    keys = [s.key for s in steps]
    assert keys[:6] == ["head_agreed", "front_agreed", "optin", "notify", "online_team", "open"]
    opening = steps[5]
    assert opening.blocked_reason and "khoản 2 Điều 16 Luật Thực hiện dân chủ ở cơ sở" in opening.blocked_reason
    assert next_step(steps).key == "head_agreed"


def test_other_items_and_commune_matters_have_no_online_steps_nor_agreements_when_the_chair_tables():
    assert "optin" not in [s.key for s in steps_for(_matter(item=4), Facts(today=TODAY, households=10))]
    commune = _matter(item=1, scope="commune", tabled_via=TabledVia.COMMUNE_CHAIR)
    steps = steps_for(commune, Facts(today=TODAY, households=40))
    assert [s.key for s in steps][:1] == ["open"] and steps[0].actionable
    options = {o.value: o for o in form_options(commune, Facts(today=TODAY, households=40))}
    assert options["ballot"].ok and options["meeting"].reasons[0].article == "Law Art 19(1)(a)"


@pytest.mark.parametrize(("optin", "done"), [(5, False), (6, True)])
def test_d59_art_5_1_c_the_poll_needs_more_than_half_of_all_households(optin, done):
    steps = {s.key: s for s in steps_for(_matter(optin_yes=optin), Facts(today=TODAY, households=10))}
    assert steps["optin"].done is done


def test_a_meeting_that_falls_short_offers_the_switch_and_the_secret_ballot_needs_its_committee():
    matter = _matter(item=4, status=Status.OPEN, form=Form.MEETING, round=1, household_count=10)
    short = MeetingFacts(round=1, present=5, households=10, reachable=False, quorum=True, falls_short=True,
                         method="secret")  # fmt: skip
    steps = {s.key: s for s in steps_for(matter, Facts(today=TODAY, households=10, meeting=short))}
    assert "switch" in steps and steps["counting"].actionable
    assert "điểm c khoản 5 Điều 3 Nghị định 59/2023/NĐ-CP" in steps["result"].blocked_reason
    ready = Facts(today=TODAY, households=10, meeting=short,
                  teams={"counting": TeamFacts(3, 1), "witness": TeamFacts(2, 0)})  # fmt: skip
    assert {s.key: s for s in steps_for(matter, ready)}["result"].actionable


@pytest.mark.parametrize(("today", "overdue"), [(dt.date(2026, 3, 17), False), (dt.date(2026, 3, 18), True)])
def test_art_20_3_the_record_is_overdue_the_day_after_its_due_date(today, overdue):
    matter = _matter(status=Status.CLOSED, form=Form.ONLINE, closed_at=timezone.now(), adopted=True,
                     filing_due_on=dt.date(2026, 3, 17))  # fmt: skip
    steps = {s.key: s for s in steps_for(matter, Facts(today=today, households=10))}
    assert steps["file"].actionable and steps["file"].overdue is overdue
    assert "recognition" not in steps  # item 6 in one village takes effect on adoption (Art 21(2))


def test_item_5_awaits_the_commune_front():
    matter = _matter(item=5, status=Status.FILED, form=Form.MEETING, adopted=True, closed_at=timezone.now(),
                     filed_at=timezone.now(), recognition_due_on=dt.date(2026, 3, 9))  # fmt: skip
    steps = {s.key: s for s in steps_for(matter, Facts(today=TODAY, households=10))}
    assert rules.recognizer(rules.Item.BOARD_MEMBERS, rules.Scope.VILLAGE) is rules.Recognizer.COMMUNE_FRONT
    assert steps["recognition"].overdue and not steps["recognition"].actionable
