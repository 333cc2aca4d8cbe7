"""The board's actions: eligibility, the seat rule, recognition granting the roles, the head's role, removal
and resignation ending them, the by-election rule and the plans (Law Arts 36–37; D59 Arts 13–14)."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role, RoleAssignment
from grassroots.accounts.roles import role_unit_ids
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.decisions.models import Status
from grassroots.inspection import actions
from grassroots.inspection.choices import CandidacyStatus, Departure, Seat

from .conftest import days_ago, filed_matter, seat

pytestmark = pytest.mark.django_db


def _active(user, role):  # type: ignore[no-untyped-def]
    return RoleAssignment.objects.active_on(timezone.localdate()).filter(user=user, role=role).exists()


def test_law_art36_recognition_seats_the_member_and_grants_the_board_role(cast):
    member = seat(cast, cast["residents"][1])
    assert member.serving and member.seat == Seat.MEMBER and member.user == cast["member_user"]
    assert role_unit_ids(cast["member_user"], [Role.INSPECTION_BOARD]) == [cast["a"]["commune"].pk]
    assignment = member.member_role
    assert assignment.valid_to == cast["board"].term_ends_on  # ends with the term (Law Art 36(2))
    member.candidacy.refresh_from_db()
    assert member.candidacy.status == CandidacyStatus.RECOGNIZED
    assert AuditEvent.objects.filter(verb="inspection.member_seated").count() == 1


def test_law_art36_a_member_without_an_account_is_still_a_member(cast):
    member = seat(cast, cast["residents"][0])
    assert member.serving and member.user is None and member.member_role is None


def test_law_art21_a_refused_election_seats_nobody(cast):
    village = cast["a"]["village1"]
    candidacy = actions.nominate(actor=cast["cfront_a"], board=cast["board"], village=village,
                                 resident=cast["residents"][0], declaration_recorded_on=days_ago(0))  # fmt: skip
    actions.link_matter(actor=cast["cfront_a"], candidacy=candidacy, matter=filed_matter(village, cast["head_a1"]))
    actions.refuse(actor=cast["cfront_a"], candidacy=candidacy, reason="Biên bản thiếu chữ ký.")
    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.REFUSED and not hasattr(candidacy, "member")


def test_the_village_head_tables_the_election_as_an_item_5_matter(cast):
    candidacy = actions.nominate(actor=cast["cfront_a"], board=cast["board"], village=cast["a"]["village1"],
                                 resident=cast["residents"][0], declaration_recorded_on=days_ago(0))  # fmt: skip
    actions.table_election(actor=cast["head_a1"], candidacy=candidacy)
    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.VOTING
    assert candidacy.matter.item == 5 and candidacy.matter.status == Status.DRAFT


def test_law_art37_a_village_head_is_refused_as_a_candidate(cast):
    user = UserFactory(username="head_resident", resident=cast["residents"][2])
    grant(user, cast["a"]["village1"], Role.VILLAGE_HEAD)
    with pytest.raises(DomainError, match=r"Art 37|Điều 37"):
        actions.nominate(actor=cast["cfront_a"], board=cast["board"], village=cast["a"]["village1"],
                         resident=cast["residents"][2], declaration_recorded_on=days_ago(0))  # fmt: skip


def test_law_art37_a_resident_of_another_commune_is_refused(cast):
    outsider = cast["households"]["b1"].memberships.first().resident
    with pytest.raises(DomainError, match=r"Art 37|Điều 37"):
        actions.nominate(actor=cast["cfront_a"], board=cast["board"], village=cast["a"]["village1"],
                         resident=outsider, declaration_recorded_on=days_ago(0))  # fmt: skip


def test_law_art36_no_sixth_member_on_a_board_of_5(cast):
    residents = cast["residents"]
    for i in range(5):
        seat(cast, residents[i], cast["a"]["village1" if i % 2 else "village2"])
    with pytest.raises(DomainError, match=r"Art 36|Điều 36"):
        actions.nominate(actor=cast["cfront_a"], board=cast["board"], village=cast["a"]["village1"],
                         resident=residents[5], declaration_recorded_on=days_ago(0))  # fmt: skip


def test_law_art36_the_fifth_seat_waits_for_the_unrepresented_village(cast):
    residents = cast["residents"]
    for i in range(4):
        seat(cast, residents[i], cast["a"]["village1"])
    with pytest.raises(DomainError, match=r"Art 36|Điều 36"):
        actions.nominate(actor=cast["cfront_a"], board=cast["board"], village=cast["a"]["village1"],
                         resident=residents[4], declaration_recorded_on=days_ago(0))  # fmt: skip
    seat(cast, residents[5], cast["a"]["village2"])


def test_law_art36_the_head_gets_the_head_role_and_a_new_head_takes_it_over(cast):
    first = seat(cast, cast["residents"][1])
    other = seat(cast, cast["residents"][0])
    actions.elect_officers(actor=cast["cfront_a"], board=cast["board"], head=first, deputies=[other],
                           elected_on=days_ago(2))  # fmt: skip
    first.refresh_from_db()
    assert first.seat == Seat.HEAD and _active(cast["member_user"], Role.INSPECTION_BOARD_HEAD)
    actions.elect_officers(actor=cast["cfront_a"], board=cast["board"], head=other, deputies=[],
                           elected_on=days_ago(0))  # fmt: skip
    first.refresh_from_db()
    assert first.seat == Seat.MEMBER and not _active(cast["member_user"], Role.INSPECTION_BOARD_HEAD)


def test_law_art36_deputies_are_limited_to_the_number_the_front_set(cast):
    members = [seat(cast, cast["residents"][i]) for i in range(3)]
    with pytest.raises(DomainError, match=r"Art 36|Điều 36"):
        actions.elect_officers(actor=cast["cfront_a"], board=cast["board"], head=members[0],
                               deputies=members[1:], elected_on=days_ago(0))  # fmt: skip


def test_d59_art13_removal_ends_the_roles_and_states_the_by_election(cast):
    member = seat(cast, cast["residents"][1])
    actions.elect_officers(actor=cast["cfront_a"], board=cast["board"], head=member, deputies=[],
                           elected_on=days_ago(0))  # fmt: skip
    with pytest.raises(DomainError):
        actions.remove_member(actor=cast["cfront_a"], member=member, on=days_ago(0), reason=" ")
    actions.remove_member(actor=cast["cfront_a"], member=member, on=days_ago(0), reason="Không thực hiện nhiệm vụ.")
    member.refresh_from_db()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert member.departure == Departure.REMOVED and member.by_election_due is True
    assert not RoleAssignment.objects.active_on(tomorrow).filter(user=cast["member_user"]).filter(
        role__in=[Role.INSPECTION_BOARD, Role.INSPECTION_BOARD_HEAD]).exists()  # fmt: skip


def test_d59_art13_a_by_election_replaces_the_member_who_resigned(cast):
    member = seat(cast, cast["residents"][1])
    for i in (0, 2, 3, 4):
        seat(cast, cast["residents"][i], cast["a"]["village2" if i == 4 else "village1"])
    actions.record_resignation(actor=cast["cfront_a"], member=member, on=days_ago(0))
    candidacy = actions.nominate(actor=cast["cfront_a"], board=cast["board"], village=cast["a"]["village1"],
                                 resident=cast["residents"][5], declaration_recorded_on=days_ago(0),
                                 replaces=member)  # fmt: skip
    assert candidacy.replaces == member


def test_d59_art13_no_by_election_with_less_than_6_months_left(cast):
    board = cast["board"]
    member = seat(cast, cast["residents"][1])
    board.term_ends_on = timezone.localdate() + dt.timedelta(days=100)
    board.save(update_fields=["term_ends_on"])
    actions.record_resignation(actor=cast["cfront_a"], member=member, on=days_ago(0))
    member.refresh_from_db()
    assert member.by_election_due is False
    with pytest.raises(DomainError):
        actions.nominate(actor=cast["cfront_a"], board=board, village=cast["a"]["village1"],
                         resident=cast["residents"][5], declaration_recorded_on=days_ago(0), replaces=member)  # fmt: skip


def test_only_the_commune_front_runs_the_board(cast):
    with pytest.raises(DomainError):
        actions.open_board(actor=cast["cfront_b"], commune=cast["a"]["commune"], term_starts_on=days_ago(0))
    with pytest.raises(DomainError):
        actions.nominate(actor=cast["official_a"], board=cast["board"], village=cast["a"]["village1"],
                         resident=cast["residents"][0], declaration_recorded_on=days_ago(0))  # fmt: skip


def test_d59_art14_members_write_plans_with_every_part(cast):
    seat(cast, cast["residents"][1])
    texts = {
        "purpose": "Giám sát",
        "content": "Thu chi",
        "timing": "Quý I",
        "budget": "2 triệu",
        "organisation": "Cả ban",
    }
    plan = actions.write_plan(actor=cast["member_user"], board=cast["board"], period="quarter",
                              year=timezone.localdate().year, number=1, **texts)  # fmt: skip
    assert plan.number == 1
    with pytest.raises(DomainError, match=r"Art 14|Điều 14"):
        actions.write_plan(actor=cast["member_user"], board=cast["board"], period="year",
                           year=timezone.localdate().year, **{**texts, "budget": ""})  # fmt: skip
    with pytest.raises(DomainError):
        actions.write_plan(actor=cast["cfront_a"], board=cast["board"], period="year",
                           year=timezone.localdate().year, **texts)  # fmt: skip


def test_a_board_member_may_still_represent_a_household(cast):
    """Board roles are not official (accounts.OFFICIAL_ROLES): a representative can be granted them."""
    rep = cast["households"]["a1"].representations.first().resident
    user = UserFactory(username="rep_member", resident=rep)
    member = seat(cast, rep)
    assert member.user == user and _active(user, Role.INSPECTION_BOARD)
