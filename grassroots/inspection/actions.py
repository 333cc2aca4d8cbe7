"""Every write of the People's Inspection Board: one transaction and one audit event each (Law Arts 36–39;
D59 Arts 12–15). The actions check who acts (access.py) and the law (rules.py) themselves, so a view, the API
or the demo cannot skip a rule.

The elections are community matters of item 5 (Law Art 15(5)) run by `decisions`: the village head tables
the matter (or the Front links the one already tabled), the meeting, count and filing happen in the decisions
console, and the commune Front recognizes or refuses it there or here. `follow_decision`, registered as
decisions' listener, seats the member in the recognition's transaction and grants the board's role to the
member's linked account (a member without an account is still a member).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import actions as accounts_actions
from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.core.text import fold
from grassroots.decisions import actions as decisions_actions
from grassroots.decisions import rules as decision_rules
from grassroots.decisions.models import Matter, TabledVia
from grassroots.decisions.models import Status as MatterStatus
from grassroots.people.models import Membership, Resident
from grassroots.territory.models import VILLAGE_KINDS, Unit, UnitKind

from . import access, rules
from .choices import CandidacyStatus, Departure, Period, Seat
from .models import Board, Candidacy, Member, Plan


def _event(verb: str, actor: Any, target: Any, unit_id: int, **data: Any) -> None:
    audit.record(f"inspection.{verb}", actor=actor, target=target, unit_id=unit_id, data=data)


def _today() -> dt.date:
    return timezone.localdate()


def _refuse(verdict: decision_rules.Verdict, field: str | None = None) -> None:
    if not verdict.ok:
        raise DomainError(f"{verdict.reason} ({verdict.article})", field=field)


def _require_front(actor: Any, commune: Unit) -> None:
    if not access.is_front(actor, commune):
        raise DomainError(_("Only the commune Front may do this. (Law Art 40(2))"))


def _lock(board: Board) -> Board:
    return Board.objects.select_for_update(of=("self",)).select_related("commune").get(pk=board.pk)


# --- The term: the village head's (Law Art 36(2)) -----------------------------------------------------
def _province(unit: Unit) -> Unit | None:
    node: Unit | None = unit
    while node is not None and node.kind != UnitKind.PROVINCE:
        node = node.parent
    return node


def term_months_for(commune: Unit) -> int:
    """Law Art 36(2): the village head's term in the commune's province. The provincial setting is kept by the
    elections app (`manage.py set_village_head_term`); it is read by the model's name, not imported, so the
    board does not depend on elections' code (both are built on decisions and may not import each other)."""
    try:
        setting_model = apps.get_model("elections", "TermSetting")
    except LookupError:
        return rules.DEFAULT_TERM_MONTHS
    province = _province(commune)
    months = (
        setting_model.objects.filter(province=province).values_list("months", flat=True).first() if province else None
    )
    return rules.term_months(months)


# --- Villages, composition, eligibility --------------------------------------------------------------
def villages_of(commune: Unit, day: dt.date | None = None) -> list[Unit]:
    return list(Unit.objects.filter(parent=commune).villages().valid_on(day or _today()).order_by("code"))


def serving(board: Board) -> list[Member]:
    return list(board.members.filter(left_on__isnull=True).select_related("village"))


def composition(board: Board, villages: list[Unit] | None = None) -> rules.Composition:
    villages = villages if villages is not None else villages_of(board.commune)
    taken = [m.village_id for m in board.members.filter(left_on__isnull=True)]
    # A candidacy on its way (nominated or being voted) holds its seat, so two villages cannot race for one.
    pending = list(
        board.candidacies.filter(status__in=[CandidacyStatus.NOMINATED, CandidacyStatus.VOTING]).values_list(
            "village_id", flat=True
        )
    )
    return rules.composition([v.pk for v in villages], taken, pending)


def is_permanent_resident(resident: Resident, commune: Unit, day: dt.date) -> bool:
    """Law Art 37: in the household register of a village of the commune on the day (an open membership of a
    household that lives there)."""
    return (
        Membership.objects.filter(resident=resident, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
        .filter(household__dissolved_on__isnull=True, household__unit__path__startswith=commune.path)
        .filter(household__unit__kind__in=VILLAGE_KINDS)
        .exists()
    )


def account_of(resident: Resident) -> User | None:
    return User.objects.filter(resident=resident, is_active=True).first()


def official_roles_of(resident: Resident, day: dt.date) -> list[str]:
    """The disqualifying roles the resident's account holds on the day or from a later day (Law Art 37)."""
    user = account_of(resident)
    if user is None:
        return []
    return sorted(
        set(
            RoleAssignment.objects.filter(user=user, role__in=rules.DISQUALIFYING_ROLES)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day))
            .values_list("role", flat=True)
        )
    )


def eligibility(resident: Resident, commune: Unit, *, declared: bool, day: dt.date | None = None) -> list[Any]:
    day = day or _today()
    return rules.eligibility(
        permanent_resident=is_permanent_resident(resident, commune, day),
        roles=official_roles_of(resident, day),
        declared=declared,
    )


def find_resident(village: Unit, household_code: str, full_name: str) -> Resident | None:
    """The resident of a household of the village by the household's code and the person's full name (the
    form asks for these rather than an id or a national ID number)."""
    return (
        Resident.objects.filter(
            memberships__household__code=household_code.strip(),
            memberships__household__unit__path__startswith=village.path,
            memberships__valid_to__isnull=True,
            name_folded=fold(full_name.strip()),
        )
        .distinct()
        .first()
    )


# --- The board's term ----------------------------------------------------------------------------------
@transaction.atomic
def open_board(*, actor: User, commune: Unit, term_starts_on: dt.date, deputies_allowed: int = 1) -> Board:
    """The commune Front opens a term of the board, the village head's term long (Law Art 36(2)), and sets
    how many deputies it has (Law Art 36(1))."""
    if not commune.is_commune_level:
        raise DomainError(_("The board belongs to a commune."), field="commune")
    _require_front(actor, commune)
    _refuse(rules.deputies_verdict(deputies_allowed), "deputies_allowed")
    ends_on = rules.term_ends_on(term_starts_on, term_months_for(commune))
    overlapping = Board.objects.filter(
        commune=commune, term_starts_on__lt=ends_on, term_ends_on__gt=term_starts_on
    ).exists()
    if overlapping:
        raise DomainError(
            _("The commune already has a board for a term overlapping these dates."), field="term_starts_on"
        )
    try:
        with transaction.atomic():
            board = Board.objects.create(
                commune=commune, term_starts_on=term_starts_on, term_ends_on=ends_on,
                deputies_allowed=deputies_allowed, created_by=actor,
            )  # fmt: skip
    except IntegrityError as exc:
        raise DomainError(_("The commune already has a board for this term."), field="term_starts_on") from exc
    _event("board_opened", actor, board, commune.pk, starts=term_starts_on.isoformat(), ends=ends_on.isoformat())
    return board


@transaction.atomic
def set_deputies(*, actor: User, board: Board, deputies_allowed: int) -> Board:
    """Law Art 36(1): the commune Front sets the number of deputies, 0 to 2."""
    board = _lock(board)
    _require_front(actor, board.commune)
    _refuse(rules.deputies_verdict(deputies_allowed), "deputies_allowed")
    deputies = board.members.filter(left_on__isnull=True, seat=Seat.DEPUTY).count()
    if deputies > deputies_allowed:
        raise DomainError(
            _("The board already has %(n)s deputy heads; the number cannot be smaller.") % {"n": deputies},
            field="deputies_allowed",
        )
    board.deputies_allowed = deputies_allowed
    board.save(update_fields=["deputies_allowed"])
    _event("deputies_set", actor, board, board.commune_id, deputies=deputies_allowed)
    return board


# --- Nomination and election (Law Arts 36–37; D59 Art 13) -----------------------------------------------
@transaction.atomic
def nominate(
    *,
    actor: User,
    board: Board,
    village: Unit,
    resident: Resident,
    declaration_recorded_on: dt.date,
    replaces: Member | None = None,
) -> Candidacy:
    """The commune Front records a village's candidate after checking eligibility (Law Art 37): permanent
    residence from the household register, no official role on the person's account, and the declaration it
    records. A by-election candidate replaces a member who left with 6 months or more of the term left."""
    board = _lock(board)
    _require_front(actor, board.commune)
    today = _today()
    if today >= board.term_ends_on:
        raise DomainError(_("The board's term has ended."))
    if village.parent_id != board.commune_id or village.kind not in VILLAGE_KINDS:
        raise DomainError(_("Choose a village of the commune."), field="village")
    if declaration_recorded_on > today:
        raise DomainError(_("This day is still to come."), field="declaration_recorded_on")
    problems = eligibility(resident, board.commune, declared=True, day=today)
    if problems:
        raise DomainError("; ".join(f"{p.reason} ({p.article})" for p in problems), field="resident")
    already = (
        board.members.filter(resident=resident, left_on__isnull=True).exists()
        or board.candidacies.filter(
            resident=resident, status__in=[CandidacyStatus.NOMINATED, CandidacyStatus.VOTING]
        ).exists()
    )
    if already:
        raise DomainError(_("This person is already a member or a candidate of the board."), field="resident")
    if replaces is not None:
        replaces = Member.objects.get(pk=replaces.pk)
        if replaces.board_id != board.pk or replaces.serving or not replaces.by_election_due:
            raise DomainError(_("This seat is not open to a by-election."), field="replaces")
        if replaces.by_elections.exclude(status=CandidacyStatus.REFUSED).exists():
            raise DomainError(_("A by-election for this seat is already under way."), field="replaces")
        _refuse(rules.by_election_verdict(replaces.left_on or today, board.term_ends_on), "replaces")
    _refuse(rules.seat_verdict(composition(board), village.pk), "village")
    candidacy = Candidacy.objects.create(
        board=board, village=village, resident=resident, full_name=resident.full_name,
        declaration_recorded_on=declaration_recorded_on, replaces=replaces, created_by=actor,
    )  # fmt: skip
    _event("nominated", actor, candidacy, village.pk, board=board.pk, by_election=replaces is not None)
    return candidacy


def _require_open_candidacy(candidacy: Candidacy) -> None:
    if candidacy.status not in (CandidacyStatus.NOMINATED, CandidacyStatus.VOTING):
        raise DomainError(_("This candidacy has been decided."))


@transaction.atomic
def table_election(*, actor: User, candidacy: Candidacy) -> Candidacy:
    """The village head tables the election as an item-5 community matter of the village (Law Art 15(5),
    Art 16(2)); decisions checks that the actor may table it."""
    candidacy = (
        Candidacy.objects.select_for_update(of=("self",)).select_related("village", "board").get(pk=candidacy.pk)
    )
    _require_open_candidacy(candidacy)
    if candidacy.matter_id is not None:
        raise DomainError(_("The election is already tabled."))
    label = "Tổ dân phố" if candidacy.village.kind == UnitKind.RESIDENTIAL_GROUP else "thôn"
    matter = decisions_actions.create_matter(
        actor=actor,
        unit=candidacy.village,
        item=decision_rules.Item.BOARD_MEMBERS,
        title=f"Bầu thành viên Ban Thanh tra nhân dân tại {candidacy.village.name}"[:200],
        question=f"Đồng ý bầu {candidacy.full_name} làm thành viên Ban Thanh tra nhân dân ({label})?",
        tabled_via=TabledVia.VILLAGE_HEAD,
    )
    candidacy.matter, candidacy.status = matter, CandidacyStatus.VOTING
    candidacy.save(update_fields=["matter", "status"])
    _event("election_tabled", actor, candidacy, candidacy.village_id, matter=matter.pk)
    return candidacy


@transaction.atomic
def link_matter(*, actor: User, candidacy: Candidacy, matter: Matter) -> Candidacy:
    """The commune Front links the village's item-5 matter already tabled in decisions to the candidacy."""
    candidacy = Candidacy.objects.select_for_update(of=("self",)).select_related("board__commune").get(pk=candidacy.pk)
    _require_front(actor, candidacy.board.commune)
    _require_open_candidacy(candidacy)
    if candidacy.matter_id is not None:
        raise DomainError(_("The election is already tabled."), field="matter")
    if matter.item != decision_rules.Item.BOARD_MEMBERS or matter.unit_id != candidacy.village_id:
        raise DomainError(
            _("Choose a matter of item 5 (board members) of the candidate's village. (Law Art 15(5))"), field="matter"
        )
    if (
        matter.status in (MatterStatus.REFUSED, MatterStatus.RECOGNIZED)
        or Candidacy.objects.filter(matter=matter).exists()
    ):
        raise DomainError(_("This matter is decided or already linked to a candidacy."), field="matter")
    candidacy.matter, candidacy.status = matter, CandidacyStatus.VOTING
    candidacy.save(update_fields=["matter", "status"])
    _event("matter_linked", actor, candidacy, candidacy.village_id, matter=matter.pk)
    return candidacy


def recognize(*, actor: User, candidacy: Candidacy) -> Candidacy:
    """The commune Front recognizes the village's filed election (Law Art 21(2); Law Art 36): through
    decisions, whose listener seats the member in the same transaction."""
    candidacy = Candidacy.objects.select_related("board__commune", "matter").get(pk=candidacy.pk)
    if candidacy.matter is None:
        raise DomainError(_("The election has not been held yet."))
    _require_front(actor, candidacy.board.commune)
    decisions_actions.recognize(candidacy.matter, actor=actor)
    candidacy.refresh_from_db()
    return candidacy


def refuse(*, actor: User, candidacy: Candidacy, reason: str) -> Candidacy:
    """The commune Front refuses the result in writing, with reasons (Law Art 21(2))."""
    candidacy = Candidacy.objects.select_related("board__commune", "matter").get(pk=candidacy.pk)
    if candidacy.matter is None:
        raise DomainError(_("The election has not been held yet."))
    _require_front(actor, candidacy.board.commune)
    decisions_actions.refuse(candidacy.matter, actor=actor, reason=reason)
    candidacy.refresh_from_db()
    return candidacy


@transaction.atomic
def record_prior_election(*, actor: User, candidacy: Candidacy, elected_on: dt.date, recognized_on: dt.date) -> Member:
    """The commune Front records an election held and recognized on paper before the board was kept here (a
    board elected before the commune used the platform): the day of the village's meeting and of the Front's
    recognition, both past. Later elections go through the village's community matter."""
    candidacy = (
        Candidacy.objects.select_for_update(of=("self",))
        .select_related("board__commune", "resident", "village")
        .get(pk=candidacy.pk)
    )
    _require_front(actor, candidacy.board.commune)
    _require_open_candidacy(candidacy)
    if candidacy.matter_id is not None:
        raise DomainError(_("This election is followed through its community matter: recognize it there."))
    today = _today()
    if recognized_on > today or elected_on > recognized_on:
        raise DomainError(
            _("The meeting and the recognition are past days, the recognition on or after the meeting."),
            field="recognized_on",
        )
    candidacy.status, candidacy.decided_on = CandidacyStatus.RECOGNIZED, recognized_on
    candidacy.save(update_fields=["status", "decided_on"])
    _event("prior_election_recorded", actor, candidacy, candidacy.village_id, elected_on=elected_on.isoformat())
    return _seat(candidacy, actor, recognized_on)


def follow_decision(matter: Matter, actor: User) -> None:
    """decisions' listener (apps.py): the recognition or refusal of an election's matter, wherever it is
    decided, seats the member or closes the candidacy in the same transaction."""
    candidacy = (
        Candidacy.objects.select_for_update(of=("self",))
        .filter(matter=matter, status=CandidacyStatus.VOTING)
        .select_related("board__commune", "resident", "village")
        .first()
    )
    if candidacy is None:
        return
    day = timezone.localdate(matter.decided_at) if matter.decided_at else _today()
    candidacy.decided_on = day
    if matter.status == MatterStatus.REFUSED:
        candidacy.status = CandidacyStatus.REFUSED
        candidacy.save(update_fields=["status", "decided_on"])
        _event("refused", actor, candidacy, candidacy.village_id, matter=matter.pk)
    elif matter.status == MatterStatus.RECOGNIZED:
        candidacy.status = CandidacyStatus.RECOGNIZED
        candidacy.save(update_fields=["status", "decided_on"])
        _seat(candidacy, actor, day)


def _seat(candidacy: Candidacy, actor: User, day: dt.date) -> Member:
    board = _lock(candidacy.board)
    if day >= board.term_ends_on:
        raise DomainError(_("The board's term has ended."))
    user = account_of(candidacy.resident)
    member = Member.objects.create(
        board=board, candidacy=candidacy, village=candidacy.village, resident=candidacy.resident,
        full_name=candidacy.full_name, seated_on=day, user=user,
    )  # fmt: skip
    if user is not None:
        member.member_role = accounts_actions.grant_role(
            user, board.commune, Role.INSPECTION_BOARD, valid_from=day, valid_to=board.term_ends_on, actor=actor
        )
        member.save(update_fields=["member_role"])
    _event("member_seated", actor, member, candidacy.village_id, board=board.pk, account=user is not None)
    return member


# --- Head and deputies (Law Art 36(1)) ------------------------------------------------------------------
def _end(assignment: RoleAssignment | None, on: dt.date, actor: User) -> None:
    """End a board role on the day. A role granted that same day is ended the next day (a role cannot end on
    the day it starts, accounts.end_role)."""
    if assignment is None:
        return
    assignment.refresh_from_db()
    if assignment.valid_to is not None and assignment.valid_to <= on:
        return
    end_on = max(on, assignment.valid_from + dt.timedelta(days=1))
    if assignment.valid_to is not None and assignment.valid_to <= end_on:
        return
    accounts_actions.end_role(assignment, on=end_on, actor=actor)


@transaction.atomic
def elect_officers(*, actor: User, board: Board, head: Member, deputies: list[Member], elected_on: dt.date) -> Board:
    """The commune Front convenes the board, which elects its head and deputies (Law Art 36(1)); the head's
    account receives the head's role, a former head's ends."""
    board = _lock(board)
    _require_front(actor, board.commune)
    if elected_on > _today():
        raise DomainError(_("This day is still to come."), field="elected_on")
    if elected_on >= board.term_ends_on:
        raise DomainError(_("The board's term has ended."), field="elected_on")
    chosen = [head, *deputies]
    if any(m.board_id != board.pk or not m.serving for m in chosen):
        raise DomainError(_("Choose serving members of the board."), field="head")
    if head in deputies or len({m.pk for m in deputies}) != len(deputies):
        raise DomainError(_("The head and each deputy are different members."), field="deputies")
    if len(deputies) > board.deputies_allowed:
        raise DomainError(
            _("The commune Front set %(n)s deputy heads for this board. (Law Art 36(1))")
            % {"n": board.deputies_allowed},
            field="deputies",
        )
    for member in board.members.filter(left_on__isnull=True).exclude(seat=Seat.MEMBER):
        if member.pk != head.pk and member.seat == Seat.HEAD:
            _end(member.head_role, elected_on, actor)
            member.head_role = None
        member.seat = Seat.MEMBER
        member.save(update_fields=["seat", "head_role"])
    head.refresh_from_db()
    head.seat = Seat.HEAD
    if head.user_id is not None and head.head_role_id is None:
        head.head_role = accounts_actions.grant_role(
            head.user, board.commune, Role.INSPECTION_BOARD_HEAD,  # type: ignore[arg-type]
            valid_from=elected_on, valid_to=board.term_ends_on, actor=actor,
        )  # fmt: skip
    head.save(update_fields=["seat", "head_role"])
    for deputy in deputies:
        Member.objects.filter(pk=deputy.pk).update(seat=Seat.DEPUTY)
    board.officers_elected_on = elected_on
    board.save(update_fields=["officers_elected_on"])
    _event("officers_elected", actor, board, board.commune_id, head=head.pk, deputies=[d.pk for d in deputies])
    return board


@transaction.atomic
def announce(*, actor: User, board: Board, announced_on: dt.date) -> Board:
    """Law Art 36: the composition is announced to the People's Council, the People's Committee and residents."""
    board = _lock(board)
    _require_front(actor, board.commune)
    if announced_on > _today():
        raise DomainError(_("This day is still to come."), field="announced_on")
    if not board.members.filter(left_on__isnull=True, seat=Seat.HEAD).exists():
        raise DomainError(_("The board elects its head first."), field="announced_on")
    board.announced_on = announced_on
    board.save(update_fields=["announced_on"])
    _event("announced", actor, board, board.commune_id, on=announced_on.isoformat())
    return board


# --- Leaving the board (Law Art 36; D59 Art 13) ---------------------------------------------------------
def _leave(actor: User, member: Member, on: dt.date, departure: Departure, reason: str) -> Member:
    member = Member.objects.select_for_update(of=("self",)).select_related("board__commune").get(pk=member.pk)
    board = member.board
    _require_front(actor, board.commune)
    if not member.serving:
        raise DomainError(_("This person has already left the board."))
    if on > _today():
        raise DomainError(_("This day is still to come."), field="on")
    if on < member.seated_on:
        raise DomainError(_("The day is before the member joined the board."), field="on")
    member.left_on, member.departure, member.departure_reason = on, departure, reason.strip()
    member.by_election_due = rules.by_election_verdict(on, board.term_ends_on).ok
    _end(member.member_role, on, actor)
    _end(member.head_role, on, actor)
    member.save(update_fields=["left_on", "departure", "departure_reason", "by_election_due"])
    _event(departure.value, actor, member, member.village_id, board=board.pk, by_election=member.by_election_due)
    return member


@transaction.atomic
def remove_member(*, actor: User, member: Member, on: dt.date, reason: str) -> Member:
    """The commune Front removes a member who did not perform or lost the village's confidence, with reasons
    (Law Art 36; D59 Art 13). The board's roles end on the day."""
    if not reason.strip():
        raise DomainError(_("Give the reasons for the removal."), field="reason")
    return _leave(actor, member, on, Departure.REMOVED, reason)


@transaction.atomic
def record_resignation(*, actor: User, member: Member, on: dt.date, reason: str = "") -> Member:
    """The commune Front records a member's resignation (Law Art 36; D59 Art 13)."""
    return _leave(actor, member, on, Departure.RESIGNED, reason)


@transaction.atomic
def close_term(*, actor: User, board: Board) -> Board:
    """At the end of the term (Law Art 36(2)) every serving member leaves; the roles, granted until that day,
    have already ended."""
    board = _lock(board)
    _require_front(actor, board.commune)
    if _today() < board.term_ends_on:
        raise DomainError(_("The term has not ended yet."))
    count = board.members.filter(left_on__isnull=True).update(
        left_on=board.term_ends_on, departure=Departure.TERM_ENDED, by_election_due=False
    )
    _event("term_closed", actor, board, board.commune_id, members=count)
    return board


# --- Plans (D59 Art 14) ----------------------------------------------------------------------------------
PERIOD_NUMBERS = {Period.QUARTER: range(1, 5), Period.HALF_YEAR: range(1, 3), Period.YEAR: (0,), Period.TERM: (0,)}
PLAN_FIELDS = ("purpose", "content", "timing", "budget", "organisation")


@transaction.atomic
def write_plan(*, actor: User, board: Board, period: str, year: int, number: int = 0, **texts: str) -> Plan:
    """The board writes its plan for a quarter, half-year, year or term (D59 Art 14): purpose, content,
    timing, budget and organisation. Writing it again replaces the text."""
    board = _lock(board)
    if not access.is_board_member(actor, board.commune):
        raise DomainError(_("Only the board's members write its plans. (Decree 59 Art 14)"))
    if period not in Period.values:
        raise DomainError(_("Choose the period."), field="period")
    numbers = PERIOD_NUMBERS[Period(period)]
    if period in (Period.YEAR, Period.TERM):
        number = 0
    if number not in numbers:
        raise DomainError(_("Choose the quarter (1 to 4) or the half (1 or 2)."), field="number")
    if period == Period.TERM:
        year = board.term_starts_on.year
    if not board.term_starts_on.year <= year <= board.term_ends_on.year:
        raise DomainError(_("The year is outside the board's term."), field="year")
    missing = [name for name in PLAN_FIELDS if not (texts.get(name) or "").strip()]
    if missing:
        raise DomainError(
            _("A plan states its purpose, content, timing, budget and organisation. (Decree 59 Art 14)"),
            field=missing[0],
        )
    values = {name: texts[name].strip() for name in PLAN_FIELDS}
    plan, created = Plan.objects.update_or_create(
        board=board, period=period, year=year, number=number, defaults={**values, "written_by": actor}
    )
    _event("plan_written" if created else "plan_changed", actor, plan, board.commune_id, period=period, year=year)
    return plan
