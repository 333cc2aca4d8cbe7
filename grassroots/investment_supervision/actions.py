"""Every write of the Community Investment Supervision Board: one transaction and one audit event each
(Law Arts 41–45; D59 Arts 16–19). The actions check who acts (access.py) and the law (rules.py) themselves.

The residents' representatives are elected at their village's community meeting (Law Art 15(5)): the village
head tables the election through `decisions.actions.create_matter` (item 5); decisions runs the meeting, the
filing and the commune Front's recognition, and `follow_decision` (registered in apps.py) seats the elected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.actions import end_role, grant_role
from grassroots.accounts.models import Role, User
from grassroots.accounts.roles import role_units
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.decisions import actions as decisions_actions
from grassroots.decisions.choices import Item as MatterItem
from grassroots.decisions.models import Matter, TabledVia
from grassroots.decisions.models import Status as MatterStatus
from grassroots.decisions.rules import Verdict
from grassroots.territory.models import Unit

from . import access, rules
from .choices import BoardStatus, ItemStatus, MemberStatus, PartyRole, Position, ProjectKind, RecommendationKind, Seat
from .models import Board, ChecklistItem, Member, Project, ProjectParty, Recommendation


def _event(verb: str, actor: Any, board: Board, **data: Any) -> None:
    audit.record(f"investment_supervision.{verb}", actor=actor, target=board.project, unit_id=board.project.commune_id,
                 data=data)  # fmt: skip


def _refuse(verdict: Verdict, field: str | None = None) -> None:
    if not verdict.ok:
        raise DomainError(f"{verdict.reason} ({verdict.article})", field=field)


def _today() -> dt.date:
    return timezone.localdate()


def _require_front(actor: User, project: Project) -> None:
    if not access.is_front(actor, project):
        raise DomainError(_("Only the commune Fatherland Front does this. (Law Art 41)"))


def _require_open(board: Board) -> None:
    if board.is_closed:
        raise DomainError(_("The board is closed: the project has ended."))


def _lock(board: Board) -> Board:
    return Board.objects.select_for_update(of=("self",)).select_related("project", "project__commune").get(pk=board.pk)


def on_board(board: Board) -> list[Member]:
    return list(board.members.filter(status=MemberStatus.ON_BOARD))


def composition(board: Board, extra: Iterable[tuple[str, str]] = ()) -> rules.Composition:
    return rules.composition_of([*((m.seat, m.position) for m in on_board(board)), *extra])


# --- Law Art 41(1): the project and its board ----------------------------------------------------
@transaction.atomic
def set_up_board(*, actor: User, commune: Unit, title: str, kind: str, villages: Iterable[Unit],
                 set_up_on: dt.date, commune_budget: bool = False, location: str = "", description: str = "",
                 total_investment: str = "", decision_number: str = "") -> Board:  # fmt: skip
    """The commune Front sets up one board for a project of the commune (Law Art 41(1)); the checklist of
    Law Art 43(1) is built from the project's kind."""
    if not commune.is_commune_level or commune not in access.front_communes(actor):
        raise DomainError(_("Only the commune Fatherland Front does this. (Law Art 41)"))
    if kind not in ProjectKind.values:
        raise DomainError(_("Choose the kind of project."), field="kind")
    villages = list(villages)
    if not villages or any(v.parent_id != commune.pk for v in villages):
        raise DomainError(_("Choose the villages of this commune where the project is located."), field="villages")
    if set_up_on > _today():
        raise DomainError(_("This day is still to come: record it on the day or after."), field="set_up_on")
    project = Project.objects.create(commune=commune, title=title.strip(), kind=kind, commune_budget=commune_budget,
                                     location=location, description=description, total_investment=total_investment,
                                     created_by=actor)  # fmt: skip
    project.villages.set(villages)
    board = Board.objects.create(project=project, set_up_on=set_up_on, decision_number=decision_number)
    ChecklistItem.objects.bulk_create(
        [ChecklistItem(board=board, key=key, order=i) for i, (key, _t) in
         enumerate(rules.checklist_items(kind, commune_budget))]
    )  # fmt: skip
    _event("board_set_up", actor, board, kind=kind, villages=[v.code for v in villages])
    return board


@transaction.atomic
def record_party(*, actor: User, board: Board, role: str, name: str, representative: str = "") -> ProjectParty:
    """Law Art 42: the project's parties, against which every member declares. Members already on the board
    must declare again, towards the new party too."""
    board = _lock(board)
    _require_front(actor, board.project)
    _require_open(board)
    if role not in PartyRole.values:
        raise DomainError(_("Choose the party's role in the project."), field="role")
    party = ProjectParty.objects.create(project=board.project, role=role, name=name.strip(),
                                        representative=representative.strip())  # fmt: skip
    board.members.exclude(status__in=[MemberStatus.LEFT, MemberStatus.NOT_ELECTED]).update(declared_at=None)
    _event("party_recorded", actor, board, role=role, party=party.pk)
    return party


def account(username: str) -> User | None:
    """The account linked to a member, by its user name (none when left empty)."""
    if not username:
        return None
    found = User.objects.filter(username=username, is_active=True).first()
    if found is None:
        raise DomainError(_("No account has this user name."), field="username")
    return found


def _check_conflicts(board: Board, relations: dict[int, str]) -> None:
    party_ids = set(board.project.parties.values_list("pk", flat=True))
    unknown = set(relations) - party_ids
    if unknown:
        raise DomainError(_("Declare relationships only towards this project's parties."), field="relations")
    _refuse(rules.conflict_verdict(relations, party_ids), "relations")


def _check_not_official(board: Board, user: User | None) -> None:
    """Law Art 42: a member is not a commune official."""
    if user is None:
        return
    roles = frozenset({Role.COMMUNE_CHAIR, Role.COMMUNE_OFFICIAL})
    if any(board.project.commune.path.startswith(u.path) for u in role_units(user, roles)):
        raise DomainError(_("A commune official may not sit on the board. (Law Art 42)"), field="user")


def _seat(member: Member, actor: Any, on: dt.date) -> None:
    """The member joins; an account linked to the member gets the board's role in the commune."""
    member.status, member.joined_on = MemberStatus.ON_BOARD, on
    if member.user is not None:
        member.role_assignment = grant_role(member.user, member.board.project.commune, Role.INVESTMENT_SUPERVISION,
                                            valid_from=on, actor=actor)  # fmt: skip
    member.save(update_fields=["status", "joined_on", "role_assignment"])


def _unseat(member: Member, actor: Any, on: dt.date) -> None:
    assignment = member.role_assignment
    if assignment is not None and (assignment.valid_to is None or assignment.valid_to > on):
        # A role granted today ends tomorrow at the earliest (a period is [from, to) and never empty).
        end_role(assignment, on=max(on, assignment.valid_from + dt.timedelta(days=1)), actor=actor)
    member.status, member.left_on = MemberStatus.LEFT, on
    member.save(update_fields=["status", "left_on"])


@transaction.atomic
def add_member(*, actor: User, board: Board, full_name: str, seat: str, position: str = Position.MEMBER,
               village: Unit | None = None, user: User | None = None, relations: dict[int, str] | None = None) -> Member:  # fmt: skip
    """Law Arts 41(2), 42: the Front appoints its own and the Inspection Board's representatives; a residents'
    representative is nominated here and joins once the community meeting of their village elects them."""
    board = _lock(board)
    _require_front(actor, board.project)
    _require_open(board)
    if seat not in Seat.values or position not in Position.values:
        raise DomainError(_("Choose whom the member represents and their position."), field="seat")
    nominated = [(m.seat, m.position) for m in board.members.filter(status=MemberStatus.NOMINATED)]
    _refuse(rules.room_for(seat, position, composition(board, nominated)), "seat")
    if seat == Seat.RESIDENTS:
        if village is None or not board.project.villages.filter(pk=village.pk).exists():
            raise DomainError(_("A residents' representative comes from a village where the project is located. "
                                "(Law Art 41(2))"), field="village")  # fmt: skip
    else:
        village = None
    relations = relations or {}
    _check_conflicts(board, relations)
    _check_not_official(board, user)
    member = Member.objects.create(board=board, full_name=full_name.strip(), seat=seat, position=position,
                                   village=village, user=user, status=MemberStatus.NOMINATED,
                                   declared_at=timezone.now())  # fmt: skip
    if seat != Seat.RESIDENTS:
        _seat(member, actor, _today())
    _event("member_added", actor, board, member=member.pk, seat=seat, position=position)
    return member


@transaction.atomic
def declare(*, actor: User, member: Member, relations: dict[int, str]) -> Member:
    """Law Art 42: the member's relationships towards every party, declared again (after a party was added).
    A declared relationship is refused: the Front then removes the member."""
    board = _lock(member.board)
    _require_front(actor, board.project)
    _require_open(board)
    _check_conflicts(board, relations)
    member.declared_at = timezone.now()
    member.save(update_fields=["declared_at"])
    _event("member_declared", actor, board, member=member.pk)
    return member


@transaction.atomic
def remove_member(*, actor: User, member: Member) -> Member:
    board = _lock(member.board)
    _require_front(actor, board.project)
    _require_open(board)
    if member.status not in (MemberStatus.ON_BOARD, MemberStatus.NOMINATED):
        raise DomainError(_("This person is not on the board."))
    _unseat(member, actor, _today())
    _event("member_removed", actor, board, member=member.pk)
    return member


# --- Law Art 15(5): residents' representatives elected at the community meeting --------------------
@transaction.atomic
def table_election(*, actor: User, board: Board, village: Unit) -> Matter:
    """The village head tables the election of the village's nominated representatives (item 5)."""
    board = _lock(board)
    _require_open(board)
    if not access.can_table_in(actor, village):
        raise DomainError(_("Only the village head tables the election in the village. (Law Art 16(2))"))
    nominees = list(board.members.filter(status=MemberStatus.NOMINATED, village=village, matter__isnull=True))
    if not nominees:
        raise DomainError(_("No residents' representative of this village waits for the election."))
    names = ", ".join(m.full_name for m in nominees)
    matter = decisions_actions.create_matter(
        actor=actor, unit=village, item=MatterItem.BOARD_MEMBERS, tabled_via=TabledVia.VILLAGE_HEAD,
        title=f"Bầu đại diện cộng đồng dân cư tham gia Ban giám sát đầu tư của cộng đồng: {board.project.title}"[:200],
        question=f"Đồng ý bầu {names} làm thành viên Ban giám sát đầu tư của cộng đồng?",
    )  # fmt: skip
    Member.objects.filter(pk__in=[m.pk for m in nominees]).update(matter=matter)
    _event("election_tabled", actor, board, matter=matter.pk, members=[m.pk for m in nominees])
    return matter


def follow_decision(matter: Matter, actor: User) -> None:
    """decisions' listener: the election recognized by the commune Front seats the nominees (within the board's
    limits); refused, they are not elected."""
    members = list(Member.objects.filter(matter=matter, status=MemberStatus.NOMINATED).select_related("board"))
    for member in members:
        board = _lock(member.board)
        if matter.status == MatterStatus.RECOGNIZED and not board.is_closed:
            _refuse(rules.room_for(member.seat, member.position, composition(board)))
            _seat(member, actor, timezone.localdate(matter.decided_at) if matter.decided_at else _today())
            _event("member_elected", actor, board, member=member.pk, matter=matter.pk)
        elif matter.status in (MatterStatus.REFUSED, MatterStatus.RECOGNIZED):
            member.status = MemberStatus.NOT_ELECTED
            member.save(update_fields=["status"])
            _event("member_not_elected", actor, board, member=member.pk, matter=matter.pk)


# --- Law Arts 44–45; D59 Art 18: the plan notified to the investor ---------------------------------
@transaction.atomic
def notify_investor(*, actor: User, board: Board, notified_on: dt.date, starts_on: dt.date, plan: str) -> Board:
    board = _lock(board)
    _require_front(actor, board.project)
    _require_open(board)
    if board.investor_notified_on is not None:
        raise DomainError(_("The investor has already been notified."))
    if not board.project.parties.filter(role=PartyRole.INVESTOR).exists():
        raise DomainError(_("Record the investor among the project's parties first."))
    _refuse(rules.composition_complete(composition(board)))
    if any(m.declared_at is None for m in on_board(board)):
        raise DomainError(_("Every member declares their relationships towards every party first. (Law Art 42)"))
    if notified_on > _today():
        raise DomainError(_("This day is still to come: record it on the day or after."), field="notified_on")
    _refuse(rules.investor_notice_verdict(notified_on, starts_on), "starts_on")
    if not plan.strip():
        raise DomainError(_("Write the supervision plan."), field="plan")
    board.investor_notified_on, board.supervision_starts_on, board.plan = notified_on, starts_on, plan.strip()
    board.status = BoardStatus.NOTIFIED
    board.save(update_fields=["investor_notified_on", "supervision_starts_on", "plan", "status"])
    _event("investor_notified", actor, board, notified_on=notified_on.isoformat(), starts_on=starts_on.isoformat())
    return board


def _require_supervising(board: Board) -> None:
    _require_open(board)
    if board.supervision_starts_on is None or _today() < board.supervision_starts_on:
        raise DomainError(_("Supervision has not started: it starts at least 45 days after the investor is "
                            "notified. (D59 Art 18)"))  # fmt: skip


def _require_member(actor: User, board: Board) -> None:
    if not access.is_member(actor, board):
        raise DomainError(_("Only the board's members do this. (Law Art 43)"))


# --- Law Art 43: the checklist, findings and recommendations ---------------------------------------
@transaction.atomic
def check_item(*, actor: User, item: ChecklistItem, status: str, notes: str = "", evidence: Any = None) -> ChecklistItem:  # fmt: skip
    board = _lock(item.board)
    _require_member(actor, board)
    _require_supervising(board)
    if status not in ItemStatus.values:
        raise DomainError(_("Choose the status."), field="status")
    item.status, item.notes, item.checked_on, item.checked_by = status, notes.strip(), _today(), actor
    fields = ["status", "notes", "checked_on", "checked_by"]
    if evidence is not None:
        item.evidence = evidence
        fields.append("evidence")
    item.save(update_fields=fields)
    _event("item_checked", actor, board, item=item.key, status=status)
    return item


@transaction.atomic
def draft_recommendation(*, actor: User, board: Board, kind: str, findings: str, text: str,
                         drafted_on: dt.date | None = None) -> Recommendation:  # fmt: skip
    """Law Art 43(2): findings and a recommendation, including one to suspend the investment or operation.
    A recommendation drafted on paper is recorded with its day (since supervision started)."""
    board = _lock(board)
    _require_member(actor, board)
    _require_supervising(board)
    if kind not in RecommendationKind.values:
        raise DomainError(_("Choose the kind of recommendation."), field="kind")
    if not findings.strip() or not text.strip():
        raise DomainError(_("Write the findings and the recommendation."), field="text")
    drafted_on = drafted_on or _today()
    if board.supervision_starts_on and not board.supervision_starts_on <= drafted_on <= _today():
        raise DomainError(_("The day is between the start of supervision and today."), field="drafted_on")
    rec = Recommendation.objects.create(board=board, kind=kind, findings=findings.strip(), text=text.strip(),
                                        drafted_on=drafted_on, drafted_by=actor)  # fmt: skip
    _event("recommendation_drafted", actor, board, recommendation=rec.pk, kind=kind)
    return rec


@transaction.atomic
def send_recommendation(*, actor: User, recommendation: Recommendation, sent_on: dt.date) -> Recommendation:
    """D59 Art 18: the Front certifies the recommendation and sends it to the commune People's Committee."""
    board = _lock(recommendation.board)
    _require_front(actor, board.project)
    _require_open(board)
    if recommendation.sent_on is not None:
        raise DomainError(_("This recommendation has already been sent."))
    if not recommendation.drafted_on <= sent_on <= _today():
        raise DomainError(_("The day is between the draft and today."), field="sent_on")
    recommendation.sent_on = sent_on
    recommendation.save(update_fields=["sent_on"])
    _event("recommendation_sent", actor, board, recommendation=recommendation.pk, sent_on=sent_on.isoformat())
    return recommendation


@transaction.atomic
def answer_recommendation(*, actor: User, recommendation: Recommendation, answer: str,
                          answered_on: dt.date) -> Recommendation:  # fmt: skip
    """Law Arts 44–45; D59 Art 18: the commune People's Committee answers within 15 days (a late answer is
    recorded and stays marked late)."""
    board = _lock(recommendation.board)
    if not access.can_answer(actor, board.project):
        raise DomainError(_("Only the commune chair or a commune official answers. (Law Arts 44–45)"))
    if recommendation.sent_on is None:
        raise DomainError(_("The recommendation has not reached the commune yet."))
    if recommendation.answered_on is not None:
        raise DomainError(_("This recommendation has already been answered."))
    if not recommendation.sent_on <= answered_on <= _today():
        raise DomainError(_("The day is between the receipt and today."), field="answered_on")
    if not answer.strip():
        raise DomainError(_("Write the answer."), field="answer")
    recommendation.answer, recommendation.answered_on, recommendation.answered_by = answer.strip(), answered_on, actor
    recommendation.save(update_fields=["answer", "answered_on", "answered_by"])
    late = rules.answer_overdue(recommendation.sent_on, answered_on, answered_on)
    _event("recommendation_answered", actor, board, recommendation=recommendation.pk, late=late)
    return recommendation


# --- Law Art 41(1): the board closes when the project ends -------------------------------------------
@transaction.atomic
def close_board(*, actor: User, board: Board, ended_on: dt.date, report: str) -> Board:
    board = _lock(board)
    _require_front(actor, board.project)
    _require_open(board)
    if not board.set_up_on <= ended_on <= _today():
        raise DomainError(_("The project ends between the board's setting up and today."), field="ended_on")
    if not report.strip():
        raise DomainError(_("Write the board's report."), field="report")
    for member in board.members.filter(status__in=[MemberStatus.ON_BOARD, MemberStatus.NOMINATED]):
        _unseat(member, actor, _today())
    board.project.ended_on = ended_on
    board.project.save(update_fields=["ended_on"])
    board.status, board.closed_on, board.report = BoardStatus.CLOSED, _today(), report.strip()
    board.save(update_fields=["status", "closed_on", "report"])
    _event("board_closed", actor, board, ended_on=ended_on.isoformat())
    return board
