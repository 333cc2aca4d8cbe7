"""The actions enforce the law themselves (Law Arts 41–45; D59 Art 18) and grant/end the board's role."""

import pytest

from grassroots.accounts.models import Role
from grassroots.accounts.roles import role_unit_ids
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.decisions.actions.records import _decided_listeners
from grassroots.investment_supervision import actions
from grassroots.investment_supervision.choices import MemberStatus, PartyRole, Relation, Seat
from grassroots.investment_supervision.models import ChecklistItem

from .conftest import days_ago, elect, full_board, set_up, supervising

pytestmark = pytest.mark.usefixtures("english")  # the refusals are read in English


def test_law_art41_1_only_the_commune_front_sets_up_a_board(cast):
    with pytest.raises(DomainError):
        actions.set_up_board(actor=cast["official_b"], commune=cast["a"]["commune"], title="X", kind="ppp",
                             villages=[cast["a"]["village1"]], set_up_on=days_ago(1))  # fmt: skip
    board = set_up(cast)
    assert ChecklistItem.objects.filter(board=board).count() == 10
    assert AuditEvent.objects.filter(verb="investment_supervision.board_set_up").exists()


def test_law_art42_a_member_who_is_related_to_the_contractor_is_refused(cast):
    board = set_up(cast)
    contractor = board.project.parties.get(role=PartyRole.CONTRACTOR)
    with pytest.raises(DomainError) as refused:
        actions.add_member(actor=cast["front"], board=board, full_name="Phạm Văn Rể", seat=Seat.FRONT,
                           relations={contractor.pk: Relation.SIBLING})  # fmt: skip
    assert "Art 42" in str(refused.value.message)
    assert not board.members.exists()
    member = actions.add_member(actor=cast["front"], board=board, full_name="Phạm Văn Khác", seat=Seat.FRONT)
    assert member.status == MemberStatus.ON_BOARD


def test_law_art42_a_new_party_makes_every_member_declare_again(cast):
    board = full_board(cast)
    actions.record_party(actor=cast["front"], board=board, role=PartyRole.SUPERVISOR, name="Tư vấn giám sát C")
    with pytest.raises(DomainError, match="declare"):
        actions.notify_investor(actor=cast["front"], board=board, notified_on=days_ago(60), starts_on=days_ago(15),
                                plan="Kế hoạch")  # fmt: skip
    supervisor = board.project.parties.get(role=PartyRole.SUPERVISOR)
    member = board.members.get(seat=Seat.INSPECTION)
    with pytest.raises(DomainError, match="Art 42"):
        actions.declare(actor=cast["front"], member=member, relations={supervisor.pk: Relation.SELF})
    for m in board.members.all():
        actions.declare(actor=cast["front"], member=m, relations={})
    actions.notify_investor(actor=cast["front"], board=board, notified_on=days_ago(60), starts_on=days_ago(15),
                            plan="Kế hoạch")  # fmt: skip


def test_law_art42_a_commune_official_may_not_sit_on_the_board(cast):
    board = set_up(cast)
    with pytest.raises(DomainError, match="Art 42"):
        actions.add_member(actor=cast["front"], board=board, full_name="Cán bộ", seat=Seat.FRONT,
                           user=cast["official_a"])  # fmt: skip


def test_law_art41_2_the_board_of_four_cannot_notify_the_investor_and_of_five_can(cast):
    board = full_board(cast, residents=2)
    with pytest.raises(DomainError, match="at least 5"):
        actions.notify_investor(actor=cast["front"], board=board, notified_on=days_ago(60), starts_on=days_ago(15),
                                plan="Kế hoạch")  # fmt: skip
    elect(cast, board, ["Đỗ Văn Năm"])
    actions.notify_investor(actor=cast["front"], board=board, notified_on=days_ago(60), starts_on=days_ago(15),
                            plan="Kế hoạch")  # fmt: skip


def test_law_art41_2_a_sixth_residents_representative_is_refused(cast):
    board = full_board(cast, residents=5)
    with pytest.raises(DomainError, match="at most 5"):
        actions.add_member(actor=cast["front"], board=board, full_name="Người thứ sáu", seat=Seat.RESIDENTS,
                           village=cast["a"]["village1"])  # fmt: skip


def test_d59_art18_supervision_44_days_after_the_notice_is_refused_45_accepted(cast):
    board = full_board(cast)
    with pytest.raises(DomainError, match="45 days"):
        actions.notify_investor(actor=cast["front"], board=board, notified_on=days_ago(60), starts_on=days_ago(16),
                                plan="Kế hoạch")  # fmt: skip
    board = actions.notify_investor(actor=cast["front"], board=board, notified_on=days_ago(60),
                                    starts_on=days_ago(15), plan="Kế hoạch")  # fmt: skip
    assert board.supervision_starts_on == days_ago(15)


def test_law_art15_5_residents_join_when_the_front_recognizes_their_election(cast):
    assert actions.follow_decision in _decided_listeners
    board = set_up(cast)
    elect(cast, board, ["Lê Văn Dân"], user=cast["resident_member"])
    member = board.members.get()
    assert member.status == MemberStatus.ON_BOARD and member.matter.item == 5
    assert cast["a"]["commune"].pk in role_unit_ids(cast["resident_member"], [Role.INVESTMENT_SUPERVISION])


def test_only_the_village_head_tables_the_election(cast):
    board = set_up(cast)
    actions.add_member(actor=cast["front"], board=board, full_name="Lê Văn Dân", seat=Seat.RESIDENTS,
                       village=cast["a"]["village1"])  # fmt: skip
    with pytest.raises(DomainError, match="village head"):
        actions.table_election(actor=cast["front"], board=board, village=cast["a"]["village1"])


def test_members_check_items_and_recommend_then_the_commune_answers(cast):
    board = supervising(cast)
    item = board.items.first()
    with pytest.raises(DomainError):
        actions.check_item(actor=cast["official_a"], item=item, status="compliant")
    actions.check_item(actor=cast["resident_member"], item=item, status="concern", notes="Chậm tiến độ")
    rec = actions.draft_recommendation(actor=cast["resident_member"], board=board, kind="suspend",
                                       findings="Đổ bê tông sai mác", text="Tạm dừng thi công")  # fmt: skip
    with pytest.raises(DomainError):
        actions.answer_recommendation(actor=cast["chair"], recommendation=rec, answer="Đã xử lý",
                                      answered_on=days_ago(0))  # fmt: skip
    actions.send_recommendation(actor=cast["front"], recommendation=rec, sent_on=days_ago(0))
    with pytest.raises(DomainError):
        actions.answer_recommendation(actor=cast["front"], recommendation=rec, answer="x", answered_on=days_ago(0))
    actions.answer_recommendation(actor=cast["chair"], recommendation=rec, answer="Đã xử lý", answered_on=days_ago(0))
    assert rec.answered_on == days_ago(0)


def test_law_art41_1_the_board_closes_when_the_project_ends_and_the_role_ends(cast):
    board = supervising(cast)
    board = actions.close_board(actor=cast["front"], board=board, ended_on=days_ago(0), report="Hoàn thành")
    assert board.is_closed and board.project.ended_on == days_ago(0)
    assert not board.members.filter(status=MemberStatus.ON_BOARD).exists()
    import datetime as dt

    tomorrow = days_ago(0) + dt.timedelta(days=1)
    assert role_unit_ids(cast["resident_member"], [Role.INVESTMENT_SUPERVISION], tomorrow) == []
    with pytest.raises(DomainError, match="closed"):
        actions.record_party(actor=cast["front"], board=board, role="consultant", name="X")
