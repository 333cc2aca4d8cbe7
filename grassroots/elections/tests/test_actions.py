"""The procedure through its actions (D59 Arts 6–9), with the day passed in."""

import datetime as dt

import pytest

from grassroots.accounts.models import Role, RoleAssignment
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.elections import access, actions, reads
from grassroots.elections.models import Dismissal, Election, HeadTerm
from grassroots.people.models import Household

from .conftest import D, E, prepared

pytestmark = pytest.mark.django_db


def test_d59_art6_an_election_decided_19_days_ahead_is_refused_with_the_article(place):
    with pytest.raises(DomainError) as refused:
        actions.decide_election(place["a1"], actor=place["chair"], election_day=D + dt.timedelta(days=19),
                                place="x", plan="p", today=D)  # fmt: skip
    assert "D59 Art 6" in str(refused.value.message) and refused.value.field == "election_day"


def test_d59_art6_an_election_announced_6_days_before_its_day_is_refused_with_the_article(place):
    election = actions.decide_election(place["a1"], actor=place["chair"], election_day=E, place="x", plan="p", today=D)
    actions.file_candidates(election, actor=place["front"], front=[("A", None)], today=D)
    actions.form_team(election, actor=place["chair"], leader=("L", None), members=[], today=D)
    with pytest.raises(DomainError) as refused:
        actions.announce(election, actor=place["chair"], how="loa", today=E - dt.timedelta(days=6))
    assert "(D59 Art 6)" in str(refused.value.message)
    actions.announce(election, actor=place["chair"], how="loa", today=E - dt.timedelta(days=7))


def test_d59_art6_a_late_step_moves_the_election_day_but_not_before_the_steps_done(place):
    election = actions.decide_election(place["a1"], actor=place["chair"], election_day=E, place="x", plan="p", today=D)
    with pytest.raises(DomainError):  # the decision would be 19 days before
        actions.move_election_day(election, actor=place["chair"], election_day=D + dt.timedelta(days=19))
    actions.move_election_day(election, actor=place["chair"], election_day=E + dt.timedelta(days=10))
    assert Election.objects.get().election_day == E + dt.timedelta(days=10)


def test_d59_art6_the_candidate_list_needs_one_candidate_and_the_front_head(place):
    election = actions.decide_election(place["a1"], actor=place["chair"], election_day=E, place="x", plan="p", today=D)
    with pytest.raises(DomainError):
        actions.file_candidates(election, actor=place["front"], front=[], today=D)
    with pytest.raises(DomainError):
        actions.file_candidates(election, actor=place["head"], front=[("A", None)], today=D)
    with pytest.raises(DomainError):
        actions.file_candidates(election, actor=place["front"], front=[("A", None)], today=E - dt.timedelta(days=14))


def test_d59_art6_1_b_a_candidate_cannot_be_put_on_the_election_team(place):
    election = actions.decide_election(place["a1"], actor=place["chair"], election_day=E, place="x", plan="p", today=D)
    actions.file_candidates(election, actor=place["front"], front=[("Nguyễn Văn An", place["head"])], today=D)
    with pytest.raises(DomainError) as refused:
        actions.form_team(election, actor=place["chair"], leader=("L", None),
                          members=[("nguyễn  văn an", None, "hộ")], today=D)  # fmt: skip
    assert "D59 Art 6(1)(b)" in str(refused.value.message)
    with pytest.raises(DomainError):  # the same person by his account, under another name
        actions.form_team(election, actor=place["chair"], leader=("L", place["head"]), members=[], today=D)
    assert not election.team.exists()


def test_the_sitting_head_cannot_run_the_election_of_which_he_is_a_candidate(place, english):
    election = prepared(place, candidates=(("Trưởng Thôn Cũ", place["head"]), ("B", None)))
    for attempt in (
        lambda: actions.record_result(election, actor=place["head"], method="secret", present=8, votes={}, today=E),
        lambda: actions.add_floor_candidate(election, actor=place["head"], name="X"),
    ):
        with pytest.raises(DomainError) as refused:
            attempt()
        assert "sitting village head" in str(refused.value.message)


def test_a_candidate_cannot_run_the_election(place, english):
    candidate = UserFactory(username="candidate")
    election = prepared(place, candidates=(("Ứng Cử", candidate),))
    election.team.create(full_name="Ứng Cử Viên Khác", user=candidate)  # a floor nomination after the team
    with pytest.raises(DomainError) as refused:
        actions.record_result(election, actor=candidate, method="secret", present=8, votes={}, today=E)
    assert "candidate" in str(refused.value.message)


def test_a_team_member_cannot_be_nominated_from_the_floor(place):
    election = prepared(place)
    with pytest.raises(DomainError):
        actions.add_floor_candidate(election, actor=place["team_leader"], name="Phạm Thị Hội")
    actions.add_floor_candidate(election, actor=place["team_leader"], name="Tự Ứng Cử")
    assert election.candidates.count() == 3


def _votes(election, *numbers):  # type: ignore[no-untyped-def]
    return dict(zip([c.pk for c in election.candidates.order_by("pk")], numbers, strict=False))


def test_art21_d59_art7_exactly_half_of_households_gives_no_winner_and_goes_to_the_commune(place):
    election = prepared(place)
    assert Household.objects.filter(unit=place["a1"]).count() == 10
    actions.record_result(election, actor=place["team_leader"], method="secret", present=9,
                          votes=_votes(election, 5, 4), today=E)  # fmt: skip
    election.refresh_from_db()
    assert election.status == Election.Status.NO_WINNER and election.winner is None
    assert election.no_winner_reason == "no_majority" and election.households == 10
    flags = reads.flags([place["a1"]], E)
    assert any(f.link == election and f.article == "D59 Art 8" for f in flags)
    with pytest.raises(DomainError):
        actions.recognize(election, actor=place["chair"], today=E)
    new = actions.order_re_election(election, actor=place["chair"], reason="Không ai trúng cử.", place="x",
                                    plan="Bầu lại.", election_day=E + dt.timedelta(days=20), today=E)  # fmt: skip
    assert new.follows == election and Election.objects.get(pk=election.pk).status == Election.Status.RE_ELECTION


def test_the_result_is_recorded_only_on_the_election_day_with_every_step_done(place):
    election = prepared(place)
    with pytest.raises(DomainError):
        actions.record_result(election, actor=place["team_leader"], method="secret", present=9,
                              votes=_votes(election, 6, 3), today=E - dt.timedelta(days=1))  # fmt: skip
    with pytest.raises(DomainError):  # more ballots than households present
        actions.record_result(election, actor=place["team_leader"], method="secret", present=8,
                              votes=_votes(election, 6, 3), today=E)  # fmt: skip


def test_d59_art8_recognition_puts_the_winner_in_office_and_ends_the_previous_term(place):
    winner_account = UserFactory(username="winner")
    election = prepared(place, candidates=(("Người Mới", winner_account), ("B", None)))
    actions.record_result(election, actor=place["team_leader"], method="hands", present=9,
                          votes=_votes(election, 6, 3), today=E)  # fmt: skip
    election.refresh_from_db()
    assert election.status == Election.Status.HELD and election.winner.full_name == "Người Mới"
    assert reads.sitting_head(place["a1"]).full_name == "Trưởng Thôn Cũ"  # office only on recognition (D59 Art 8)
    assert election.recognition_due_on == dt.date(2026, 4, 8)  # 5 working days after Wednesday 1 April
    with pytest.raises(DomainError):
        actions.recognize(election, actor=place["head"], today=E)
    term = actions.recognize(election, actor=place["chair"], today=E + dt.timedelta(days=2))
    assert term.kind == HeadTerm.Kind.ELECTED and term.started_on == E + dt.timedelta(days=2)
    assert term.term_ends_on == dt.date(2031, 4, 3)  # 60 months by default
    old = HeadTerm.objects.get(full_name="Trưởng Thôn Cũ")
    assert old.ended_on == E + dt.timedelta(days=2) and old.end_reason == "succeeded"
    assert (
        RoleAssignment.objects.active_on(E + dt.timedelta(days=2))
        .filter(unit=place["a1"], role=Role.VILLAGE_HEAD)
        .get()
        .user
        == winner_account
    )
    assert reads.public_head(place["a1"])["head"] == "Người Mới"
    assert AuditEvent.objects.filter(verb="elections.election_recognized").exists()


def test_tt04_2012_a_province_of_30_months_sets_the_term(place):
    actions.set_term(place["a"]["province"], months=30, actor=place["chair"])
    with pytest.raises(DomainError):
        actions.set_term(place["a"]["province"], months=48, actor=place["chair"])
    assert actions.term_months_for(place["a1"]) == 30


def test_d59_art9_a_petition_at_49_9_percent_does_not_trigger_and_at_50_percent_does(place):
    dismissal = actions.open_dismissal(place["a1"], actor=place["front"], trigger=Dismissal.Trigger.PETITION,
                                       grounds="Không hoàn thành nhiệm vụ.")  # fmt: skip
    households = list(Household.objects.filter(unit=place["a1"]).order_by("code"))
    assert len(households) == 10
    for household in households[:4]:
        actions.enter_paper_signature(dismissal, actor=place["official_a"], household_code=household.code)
    with pytest.raises(DomainError):  # one signature per household
        actions.enter_paper_signature(dismissal, actor=place["official_a"], household_code=households[0].code)
    dismissal.refresh_from_db()
    assert dismissal.status == Dismissal.Status.PETITIONING  # 4 of 10
    voter = next(u for u in place["voters"] if u.resident.representations.get().household == households[4])
    actions.sign_petition(dismissal, actor=voter)  # online, by the household's representative: 5 of 10
    dismissal.refresh_from_db()
    assert dismissal.status == Dismissal.Status.TO_MEET


def test_d59_art9_the_front_head_convenes_the_dismissal_and_the_commune_recognizes_it(place, english):
    dismissal = actions.open_dismissal(place["a1"], actor=place["front"], trigger=Dismissal.Trigger.FRONT_PROPOSAL,
                                       grounds="Vi phạm quyền làm chủ của Nhân dân.")  # fmt: skip
    with pytest.raises(DomainError):  # the commune chair convenes only where the head is the Front head
        actions.record_dismissal_meeting(dismissal, actor=place["chair"], meeting_on=D, present=8, agree=6, today=D)
    actions.record_dismissal_meeting(dismissal, actor=place["front"], meeting_on=D, present=8, agree=6, today=D)
    dismissal.refresh_from_db()
    assert dismissal.status == Dismissal.Status.ADOPTED
    actions.recognize_dismissal(dismissal, actor=place["chair"], today=D)
    dismissal.refresh_from_db()
    assert dismissal.new_election_due_on == D + dt.timedelta(days=60)
    assert reads.sitting_head(place["a1"]) is None
    late = reads.flags([place["a1"]], D + dt.timedelta(days=61))
    assert any("60 days" in str(f.text) for f in late)
    interim = actions.appoint_interim(place["a1"], actor=place["chair"], name="Lâm Thời", today=D)
    assert interim.kind == HeadTerm.Kind.INTERIM and interim.term_ends_on == D + dt.timedelta(days=184)
    election = actions.decide_election(place["a1"], actor=place["chair"], election_day=D + dt.timedelta(days=30),
                                       place="x", plan="p", today=D + dt.timedelta(days=1))  # fmt: skip
    assert election.after_dismissal == dismissal
    assert not any("60 days" in str(f.text) for f in reads.flags([place["a1"]], D + dt.timedelta(days=61)))


def test_d59_art9_exactly_half_agreeing_does_not_dismiss(place):
    dismissal = actions.open_dismissal(place["a1"], actor=place["front"], trigger=Dismissal.Trigger.FRONT_PROPOSAL,
                                       grounds="x")  # fmt: skip
    actions.record_dismissal_meeting(dismissal, actor=place["front"], meeting_on=D, present=9, agree=5, today=D)
    assert Dismissal.objects.get().status == Dismissal.Status.NOT_ADOPTED


def test_d59_art9_the_chair_convenes_where_the_head_is_also_the_front_head(place):
    grant(place["head"], place["a1"], Role.VILLAGE_FRONT_HEAD)
    dismissal = actions.open_dismissal(place["a1"], actor=place["chair"], trigger=Dismissal.Trigger.RESIGNATION,
                                       grounds="Lý do sức khỏe.")  # fmt: skip
    with pytest.raises(DomainError):
        actions.record_dismissal_meeting(dismissal, actor=place["head"], meeting_on=D, present=8, agree=6, today=D)
    actions.record_dismissal_meeting(dismissal, actor=place["chair"], meeting_on=D, present=8, agree=6, today=D)
    assert Dismissal.objects.get().status == Dismissal.Status.ADOPTED


def test_a_resignation_is_recorded_by_the_chair_and_a_proposal_needs_grounds(place):
    with pytest.raises(DomainError):
        actions.open_dismissal(place["a1"], actor=place["front"], trigger=Dismissal.Trigger.RESIGNATION, grounds="x")
    with pytest.raises(DomainError):
        actions.open_dismissal(place["a1"], actor=place["front"], trigger=Dismissal.Trigger.FRONT_PROPOSAL, grounds=" ")


def test_another_communes_chair_is_refused_every_step(place):
    outsider = place["chair_b"]
    with pytest.raises(DomainError):
        actions.decide_election(place["a1"], actor=outsider, election_day=E, place="x", plan="p", today=D)
    election = prepared(place)
    with pytest.raises(DomainError):
        actions.record_result(election, actor=outsider, method="hands", present=1, votes={}, today=E)
    with pytest.raises(DomainError):
        actions.appoint_interim(place["a1"], actor=outsider, name="X")


def test_the_head_in_office_without_the_role_does_not_run_the_election_either(place, english):
    """The office (HeadTerm) counts, not only the role: a head recorded in office without the account role."""
    account = UserFactory(username="head_two")
    village = place["a"]["village2"]
    actions.record_sitting_head(village, actor=place["chair"], name="Trưởng Thôn Hai", user=account,
                                started_on=dt.date(2022, 1, 1))  # fmt: skip
    election = actions.decide_election(village, actor=place["chair"], election_day=E, place="x", plan="p", today=D)
    election.team.create(full_name="Trưởng Thôn Hai", user=account)
    assert not RoleAssignment.objects.filter(user=account).exists()
    assert access.runs_refusal(account, election) == "sitting_head"
