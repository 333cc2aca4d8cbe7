"""Every write to village-head elections, terms and dismissals: each in a transaction, each audited.

The D59 Art 6 steps are recorded on the day they happen (`today`, defaulting to the local date); a step
recorded too late is refused with its article, and the chair moves the election day instead.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.actions import end_role, grant_role, represents_a_household
from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.decisions import rules as law
from grassroots.decisions.access import represented_household
from grassroots.decisions.calendar import work_calendar
from grassroots.people.actions import household_count_on
from grassroots.people.keeping import counted_in_village_on
from grassroots.people.models import Household
from grassroots.territory.models import Unit, UnitKind

from . import access, rules
from .models import Candidate, Dismissal, Election, HeadTerm, PetitionSignature, TeamMember, TermSetting

Person = tuple[str, User | None]  # (full name, linked account or None)


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _refuse(verdict: law.Verdict, field: str | None = None) -> None:
    if not verdict.ok:
        raise DomainError(f"{verdict.reason} ({verdict.article})", field=field)


def _event(verb: str, actor: Any, target: Any, unit_id: int, **data: Any) -> None:
    audit.record(f"elections.{verb}", actor=actor, target=target, unit_id=unit_id, data=data)


def _fold(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def identity(name: str, user: User | None) -> set[str]:
    """The keys a person is known by: the folded name, and the account if linked. Two people sharing a
    key are taken as the same (the protective reading: a namesake steps aside or is linked)."""
    keys = {f"n:{_fold(name)}"}
    if user is not None:
        keys.add(f"u:{user.pk}")
    return keys


def _keys(people: Sequence[Person]) -> list[str]:
    return [k for name, user in people for k in identity(name, user)]


def _require(allowed: bool, message: Any) -> None:
    if not allowed:
        raise DomainError(message)


def _clean_people(people: Sequence[Person]) -> list[Person]:
    return [(name.strip(), user) for name, user in people if name.strip()]


# --- Term setting ----------------------------------------------------------------------------------
def province_of(unit: Unit) -> Unit | None:
    node: Unit | None = unit
    while node is not None and node.kind != UnitKind.PROVINCE:
        node = node.parent
    return node


def term_months_for(village: Unit) -> int:
    """The village head's term in the village's province (TT 04/2012 as amended [S]); 60 months unset."""
    province = province_of(village)
    setting = TermSetting.objects.filter(province=province).first() if province else None
    return rules.term_months(setting.months if setting else None)


@transaction.atomic
def set_term(province: Unit, *, months: int, actor: Any) -> TermSetting:
    """The provincial People's Committee's uniform term for village heads: 30 or 60 months."""
    if province.kind != UnitKind.PROVINCE:
        raise DomainError(_("The term is set for a province."), field="province")
    if months not in dict(rules.TERM_CHOICES):
        raise DomainError(_("The term is 2.5 or 5 years. (TT 04/2012/TT-BNV)"), field="months")
    setting, _created = TermSetting.objects.update_or_create(
        province=province, defaults={"months": months, "set_by": actor}
    )
    _event("term_set", actor, setting, province.pk, months=months)
    return setting


# --- The election: D59 Art 6 ----------------------------------------------------------------------
def _require_preparing(election: Election) -> None:
    if election.status != Election.Status.PREPARING:
        raise DomainError(_("The election is no longer in preparation."))


def _open_election(village: Unit, exclude: int | None = None) -> Election | None:
    qs = Election.objects.filter(
        village=village, status__in=[Election.Status.PREPARING, Election.Status.HELD, Election.Status.NO_WINNER]
    )
    return qs.exclude(pk=exclude).first() if exclude else qs.first()


def _new_election(
    village: Unit,
    *,
    actor: User,
    election_day: dt.date,
    place: str,
    plan: str,
    today: dt.date,
    follows: Election | None = None,
    after_dismissal: Dismissal | None = None,
) -> Election:
    if not village.is_village_level:
        raise DomainError(_("A village head is elected in a village or residential group."), field="village")
    _require(
        access.may_decide(actor, village),
        _("Only the commune chair decides to hold a village-head election. (D59 Art 6)"),
    )
    if not plan.strip():
        raise DomainError(_("Write the plan: the timeline, the place and who does what."), field="plan")
    _refuse(rules.step_verdict("decision", today, election_day), "election_day")
    if after_dismissal is None:
        after_dismissal = (
            Dismissal.objects.filter(village=village, status=Dismissal.Status.RECOGNIZED, elections__isnull=True)
            .order_by("-recognized_on")
            .first()
        )
    election = Election.objects.create(
        village=village,
        election_day=election_day,
        place=place.strip(),
        decided_on=today,
        decided_by=actor,
        plan=plan.strip(),
        follows=follows,
        after_dismissal=after_dismissal,
    )
    _event(
        "election_decided",
        actor,
        election,
        village.pk,
        day=election_day.isoformat(),
        follows=follows.pk if follows else None,
    )
    return election


@transaction.atomic
def decide_election(
    village: Unit, *, actor: User, election_day: dt.date, place: str, plan: str, today: dt.date | None = None
) -> Election:
    """Step 1 (D59 Art 6): the commune chair's decision to hold the election, with its plan, at least
    20 days before the election day."""
    if _open_election(village) is not None:
        raise DomainError(_("This village already has an election under way."), field="village")
    return _new_election(village, actor=actor, election_day=election_day, place=place, plan=plan, today=_today(today))


@transaction.atomic
def move_election_day(election: Election, *, actor: User, election_day: dt.date) -> Election:
    """The chair moves the election day; every step already done must still be in time for the new day."""
    _require_preparing(election)
    _require(access.may_decide(actor, election.village), _("Only the commune chair moves the election day."))
    for key, done_on in election.step_days().items():
        if done_on is not None:
            _refuse(rules.step_verdict(key, done_on, election_day), "election_day")  # type: ignore[arg-type]
    old = election.election_day
    election.election_day = election_day
    election.save(update_fields=["election_day"])
    _event(
        "election_day_moved", actor, election, election.village_id, old=old.isoformat(), new=election_day.isoformat()
    )
    return election


@transaction.atomic
def file_candidates(
    election: Election,
    *,
    actor: User,
    front: Sequence[Person],
    households: Sequence[Person] = (),
    today: dt.date | None = None,
) -> Election:
    """Step 2 (D59 Art 6): the Front work committee's candidate list (Form 05), at least one candidate,
    with those households nominated, filed at least 15 days before the election day."""
    today = _today(today)
    _require_preparing(election)
    _require(
        access.may_file_candidates(actor, election.village),
        _("Only the head of the village's Front work committee files the candidate list. (D59 Art 6)"),
    )
    if election.candidates_filed_on is not None:
        raise DomainError(_("The candidate list was already filed."))
    front, households = _clean_people(front), _clean_people(households)
    if not front:
        raise DomainError(_("The list puts forward at least one candidate. (D59 Art 6)"), field="front")
    _refuse(rules.step_verdict("candidates", today, election.election_day))
    for name, user in front:
        Candidate.objects.create(election=election, full_name=name, user=user, nominated=Candidate.Nominated.FRONT)
    for name, user in households:
        Candidate.objects.create(election=election, full_name=name, user=user, nominated=Candidate.Nominated.HOUSEHOLDS)
    election.candidates_filed_on = today
    election.save(update_fields=["candidates_filed_on"])
    _event("candidates_filed", actor, election, election.village_id, candidates=len(front) + len(households))
    return election


def _candidate_people(election: Election) -> list[Person]:
    return [(c.full_name, c.user) for c in election.candidates.select_related("user")]


@transaction.atomic
def form_team(
    election: Election,
    *,
    actor: User,
    leader: Person,
    members: Sequence[tuple[str, User | None, str]],
    today: dt.date | None = None,
) -> Election:
    """Step 3 (D59 Art 6(1)(b)): the commune chair appoints the election team at least 10 days before:
    led by a Front work committee representative, members from mass organisations and household
    representatives, and no candidate."""
    today = _today(today)
    _require_preparing(election)
    _require(
        access.may_decide(actor, election.village),
        _("Only the commune chair appoints the election team. (D59 Art 6(1)(b))"),
    )
    if election.team_formed_on is not None:
        raise DomainError(_("The election team was already appointed."))
    if election.candidates_filed_on is None:
        raise DomainError(_("File the candidate list first: no candidate may sit on the team."))
    leader = (leader[0].strip(), leader[1])
    people = [(n.strip(), u, c.strip()) for n, u, c in members if n.strip()]
    candidates = _keys(_candidate_people(election))
    verdict = rules.team_verdict(
        members=_keys([leader, *[(n, u) for n, u, _c in people]]), leader=leader[0], candidates=candidates
    )
    _refuse(verdict, "leader" if not leader[0] else "members")
    _refuse(rules.step_verdict("team", today, election.election_day))
    TeamMember.objects.create(
        election=election, full_name=leader[0], user=leader[1], leads=True, capacity="Đại diện Ban công tác Mặt trận"
    )
    for name, user, capacity in people:
        TeamMember.objects.create(election=election, full_name=name, user=user, capacity=capacity)
    election.team_formed_on = today
    election.save(update_fields=["team_formed_on"])
    _event("team_formed", actor, election, election.village_id, members=len(people) + 1)
    return election


@transaction.atomic
def announce(election: Election, *, actor: User, how: str, today: dt.date | None = None) -> Election:
    """Step 4 (D59 Art 6): the decisions announced to residents (posted at the culture house, broadcast,
    or another suitable form) at least 7 days before the election day."""
    today = _today(today)
    _require_preparing(election)
    _require(access.may_decide(actor, election.village), _("Only the commune chair announces the election."))
    if election.notice_on is not None:
        raise DomainError(_("The election was already announced."))
    if election.candidates_filed_on is None or election.team_formed_on is None:
        raise DomainError(_("Announce once the candidate list and the election team are recorded."))
    if not how.strip():
        raise DomainError(_("Say how it was announced."), field="how")
    _refuse(rules.step_verdict("notice", today, election.election_day))
    election.notice_on, election.notice_how = today, how.strip()
    election.save(update_fields=["notice_on", "notice_how"])
    _event("election_announced", actor, election, election.village_id)
    return election


# --- At the meeting: D59 Art 7 ---------------------------------------------------------------------
def _require_runner(actor: User, election: Election) -> None:
    why = access.runs_refusal(actor, election)
    if why == "sitting_head":
        raise DomainError(
            _(
                "The sitting village head does not run the election of his successor: the election team does. (D59 Art 7)"
            )
        )
    if why == "candidate":
        raise DomainError(_("A candidate does not run the election. (D59 Art 6(1)(b))"))
    if why:
        raise DomainError(_("Only the election team runs the election meeting. (D59 Art 7)"))


@transaction.atomic
def add_floor_candidate(election: Election, *, actor: User, name: str, user: User | None = None) -> Candidate:
    """A nomination or self-nomination from the floor of the meeting (D59 Art 7); never a team member."""
    _require_preparing(election)
    _require_runner(actor, election)
    if election.notice_on is None:
        raise DomainError(_("Candidates are added from the floor at the meeting, after the notice."))
    name = name.strip()
    if not name:
        raise DomainError(_("Give the candidate's full name."), field="name")
    team = _keys([(m.full_name, m.user) for m in election.team.select_related("user")])
    if identity(name, user) & set(team):
        raise DomainError(_("A member of the election team cannot be a candidate. (D59 Art 6(1)(b))"), field="name")
    candidate = Candidate.objects.create(
        election=election, full_name=name, user=user, nominated=Candidate.Nominated.FLOOR
    )
    _event("floor_candidate_added", actor, election, election.village_id, candidate=candidate.pk)
    return candidate


@transaction.atomic
def record_result(
    election: Election, *, actor: User, method: str, present: int, votes: dict[int, int], today: dt.date | None = None
) -> Election:
    """The count of the meeting (D59 Art 7; Law Art 21(1)): per-candidate votes by show of hands or from
    the secret ballot. The winner has more than half of ALL households of the village (counted on the
    election day) and the most votes; otherwise "no winner", with the reason, for the commune."""
    today = _today(today)
    _require_preparing(election)
    _require_runner(actor, election)
    missing = [s.key for s in rules.STEPS if election.step_days()[s.key] is None]
    if missing:
        raise DomainError(_("The preparation is not complete: every step of D59 Art 6 must be recorded first."))
    if today < election.election_day:
        raise DomainError(_("The result is recorded at the meeting, on the election day or after."))
    if method not in Election.Method.values:
        raise DomainError(_("Choose show of hands or secret ballot."), field="method")
    households = household_count_on(election.village, election.election_day)
    if present < 0 or present > households:
        raise DomainError(_("More households cannot be present than the village has."), field="present")
    candidates = {c.pk: c for c in election.candidates.all()}
    for pk, n in votes.items():
        if pk not in candidates or n < 0 or n > present:
            raise DomainError(_("A candidate cannot have more votes than households present."), field="votes")
    if method == Election.Method.SECRET and sum(votes.values()) > present:
        raise DomainError(_("There are more votes than ballots: one ballot per household present."), field="votes")
    for pk, candidate in candidates.items():
        candidate.votes = votes.get(pk, 0)
        candidate.save(update_fields=["votes"])
    result = law.village_head_winner({pk: c.votes or 0 for pk, c in candidates.items()}, households)
    election.method, election.present, election.households = method, present, households
    election.winner = candidates[result.winner] if isinstance(result.winner, int) else None
    election.no_winner_reason = result.reason.value if result.reason else ""
    election.status = Election.Status.HELD if election.winner else Election.Status.NO_WINNER
    election.result_recorded_at, election.result_recorded_by = timezone.now(), actor
    election.recognition_due_on = law.recognition_due_on(today, work_calendar(today))
    election.save()
    _event(
        "result_recorded",
        actor,
        election,
        election.village_id,
        households=households,
        present=present,
        winner=election.winner_id,
        no_winner=election.no_winner_reason,
        rules=law.RULES_VERSION,
    )
    return election


# --- Recognition: D59 Art 8 ------------------------------------------------------------------------
def _end_sitting(village: Unit, *, actor: User, on: dt.date, reason: str) -> HeadTerm | None:
    """The sitting head leaves office on the day: the term ends, and so does the village-head role."""
    term = HeadTerm.objects.filter(village=village, ended_on__isnull=True).first()
    if term is not None:
        term.ended_on, term.end_reason = on, reason
        term.save(update_fields=["ended_on", "end_reason"])
    for assignment in RoleAssignment.objects.active_on(on).filter(unit=village, role=Role.VILLAGE_HEAD):
        if assignment.valid_from < on:
            end_role(assignment, on=on, actor=actor)
    return term


def _take_office(
    village: Unit,
    *,
    actor: User,
    name: str,
    user: User | None,
    kind: str,
    on: dt.date,
    ends_on: dt.date,
    election: Election | None = None,
) -> HeadTerm:
    term = HeadTerm.objects.create(
        village=village,
        full_name=name,
        user=user,
        kind=kind,
        started_on=on,
        term_ends_on=ends_on,
        election=election,
        created_by=actor,
    )
    # The head's account gets the village-head role, unless it represents a household (an official
    # needs an account of his own: accounts.actions.grant_role); the office is the term either way.
    granted = False
    if user is not None and not represents_a_household(user, on):
        grant_role(user, village, Role.VILLAGE_HEAD, valid_from=on, valid_to=ends_on, actor=actor)
        granted = True
    _event("head_took_office", actor, term, village.pk, kind=kind, until=ends_on.isoformat(), role_granted=granted)
    return term


@transaction.atomic
def recognize(election: Election, *, actor: User, today: dt.date | None = None) -> HeadTerm:
    """D59 Art 8: the commune People's Committee recognizes the elected head within 5 working days; he
    takes office only then, for the province's term; the previous head's term ends."""
    today = _today(today)
    _require(access.may_decide(actor, election.village), _("Only the commune chair recognizes the result. (D59 Art 8)"))
    if election.status != Election.Status.HELD or election.winner is None:
        raise DomainError(_("Only an election with a winner waiting for recognition can be recognized."))
    winner = election.winner
    _end_sitting(election.village, actor=actor, on=today, reason="succeeded")
    term = _take_office(
        election.village,
        actor=actor,
        name=winner.full_name,
        user=winner.user,
        kind=HeadTerm.Kind.ELECTED,
        on=today,
        ends_on=rules.term_ends_on(today, term_months_for(election.village)),
        election=election,
    )
    election.status, election.recognized_on, election.decided_result_by = Election.Status.RECOGNIZED, today, actor
    election.save(update_fields=["status", "recognized_on", "decided_result_by"])
    _event("election_recognized", actor, election, election.village_id, term=term.pk)
    return term


@transaction.atomic
def order_re_election(
    election: Election,
    *,
    actor: User,
    reason: str,
    election_day: dt.date,
    place: str,
    plan: str,
    today: dt.date | None = None,
) -> Election:
    """D59 Arts 7–8: where nobody won, or the commune does not recognize the result, the commune decides a
    re-election, with written reasons; the new election starts again at step 1 (20 days)."""
    today = _today(today)
    _require(access.may_decide(actor, election.village), _("Only the commune chair decides a re-election. (D59 Art 8)"))
    if election.status not in {Election.Status.HELD, Election.Status.NO_WINNER}:
        raise DomainError(_("A re-election is ordered only after the election meeting."))
    if not reason.strip():
        raise DomainError(_("Give the reasons in writing. (D59 Art 8)"), field="reason")
    election.status, election.re_election_reason = Election.Status.RE_ELECTION, reason.strip()
    election.decided_result_by = actor
    election.save(update_fields=["status", "re_election_reason", "decided_result_by"])
    _event("re_election_ordered", actor, election, election.village_id)
    return _new_election(
        election.village,
        actor=actor,
        election_day=election_day,
        place=place,
        plan=plan,
        today=today,
        follows=election,
        after_dismissal=election.after_dismissal,
    )


# --- Interim head ----------------------------------------------------------------------------------
@transaction.atomic
def appoint_interim(
    village: Unit, *, actor: User, name: str, user: User | None = None, today: dt.date | None = None
) -> HeadTerm:
    """The commune, with the commune Front, appoints an interim head where the office is vacant, for at
    most 6 months until an election (D59 Art 9; TT 04/2012 as amended [S])."""
    today = _today(today)
    _require(access.may_decide(actor, village), _("Only the commune chair appoints an interim village head."))
    if not village.is_village_level:
        raise DomainError(_("A village head is elected in a village or residential group."))
    if HeadTerm.objects.filter(village=village, ended_on__isnull=True).exists():
        raise DomainError(_("The village has a head in office: an interim head is appointed only to a vacant office."))
    if not name.strip():
        raise DomainError(_("Give the full name."), field="name")
    return _take_office(
        village,
        actor=actor,
        name=name.strip(),
        user=user,
        kind=HeadTerm.Kind.INTERIM,
        on=today,
        ends_on=rules.interim_ends_on(today),
    )


@transaction.atomic
def record_sitting_head(
    village: Unit, *, actor: User, name: str, started_on: dt.date, user: User | None = None
) -> HeadTerm:
    """Record the head already in office when the platform starts (recognized before it): the commune
    chair enters the start of the term; it ends by the province's term."""
    _require(access.may_decide(actor, village), _("Only the commune chair records the village head in office."))
    if HeadTerm.objects.filter(village=village, ended_on__isnull=True).exists():
        raise DomainError(_("The village has a head in office already."))
    term = HeadTerm.objects.create(
        village=village,
        full_name=name.strip(),
        user=user,
        kind=HeadTerm.Kind.ELECTED,
        started_on=started_on,
        created_by=actor,
        term_ends_on=rules.term_ends_on(started_on, term_months_for(village)),
    )
    _event("sitting_head_recorded", actor, term, village.pk, since=started_on.isoformat())
    return term


# --- Dismissal: D59 Art 9 --------------------------------------------------------------------------
@transaction.atomic
def open_dismissal(
    village: Unit, *, actor: User, trigger: str, grounds: str, today: dt.date | None = None
) -> Dismissal:
    """D59 Art 9: a dismissal starts with the head's written resignation to the commune chair (recorded
    by the chair), a proposal of the Front work committee head with its grounds, or a households'
    petition (opened by the Front work committee head or commune staff, then signed)."""
    today = _today(today)
    term = HeadTerm.objects.filter(village=village, ended_on__isnull=True).first()
    if term is None:
        raise DomainError(_("The village has no head in office."))
    if Dismissal.objects.filter(term=term).exclude(status=Dismissal.Status.NOT_ADOPTED).exists():
        raise DomainError(_("A dismissal of this village head is already under way."))
    if trigger == Dismissal.Trigger.RESIGNATION:
        _require(
            access.may_decide(actor, village),
            _("A resignation is addressed to the commune chair, who records it. (D59 Art 9)"),
        )
    elif trigger == Dismissal.Trigger.FRONT_PROPOSAL:
        _require(
            access.may_file_candidates(actor, village) and term.user != actor,
            _("Only the head of the Front work committee proposes a dismissal. (D59 Art 9)"),
        )
    elif trigger == Dismissal.Trigger.PETITION:
        _require(
            access.may_enter_paper(actor, village), _("The Front work committee head or commune staff open a petition.")
        )
    else:
        raise DomainError(_("Choose what triggers the dismissal."), field="trigger")
    if not grounds.strip():
        raise DomainError(_("Give the grounds. (D59 Art 9)"), field="grounds")
    status = Dismissal.Status.PETITIONING if trigger == Dismissal.Trigger.PETITION else Dismissal.Status.TO_MEET
    dismissal = Dismissal.objects.create(
        village=village,
        term=term,
        trigger=trigger,
        grounds=grounds.strip(),
        status=status,
        opened_on=today,
        opened_by=actor,
    )
    _event("dismissal_opened", actor, dismissal, village.pk, trigger=trigger)
    return dismissal


def petition_progress(dismissal: Dismissal, today: dt.date | None = None) -> dict[str, int | None]:
    """Signatures so far, H today, and the households needed (`least_petitioners_to_dismiss`)."""
    households = household_count_on(dismissal.village, _today(today))
    return {
        "signed": dismissal.signatures.count(),
        "households": households,
        "needed": law.least_petitioners_to_dismiss(households),
    }


def _sign(dismissal: Dismissal, household: Household, *, actor: User, channel: str, today: dt.date) -> None:
    if dismissal.status != Dismissal.Status.PETITIONING:
        raise DomainError(_("This petition no longer collects signatures."))
    if not counted_in_village_on(household, dismissal.village, today):
        raise DomainError(_("Only a household of the village signs its petition."), field="household")
    try:
        with transaction.atomic():
            PetitionSignature.objects.create(
                dismissal=dismissal, household=household, channel=channel, entered_by=actor
            )
    except IntegrityError:
        raise DomainError(_("This household has already signed. (one signature per household)")) from None
    progress = petition_progress(dismissal, today)
    _event("petition_signed", actor, dismissal, dismissal.village_id, channel=channel, signed=progress["signed"])
    if law.dismissal_petition_triggers(int(progress["signed"] or 0), int(progress["households"] or 0)):
        dismissal.status = Dismissal.Status.TO_MEET
        dismissal.save(update_fields=["status"])
        _event(
            "petition_triggered",
            actor,
            dismissal,
            dismissal.village_id,
            signed=progress["signed"],
            households=progress["households"],
        )


@transaction.atomic
def sign_petition(dismissal: Dismissal, *, actor: User, today: dt.date | None = None) -> None:
    """A household representative signs online for his household (D59 Art 9)."""
    today = _today(today)
    household = represented_household(actor, counted_on=(dismissal.village.path, today))
    if household is None:
        raise DomainError(_("Only the representative of a household of the village signs online."))
    _sign(dismissal, household, actor=actor, channel=PetitionSignature.Channel.ONLINE, today=today)


@transaction.atomic
def enter_paper_signature(
    dismissal: Dismissal, *, actor: User, household_code: str, today: dt.date | None = None
) -> None:
    """Staff enter a household's signature from the paper petition."""
    _require(
        access.may_enter_paper(actor, dismissal.village),
        _("Only commune staff or the Front work committee head enter paper signatures."),
    )
    household = Household.objects.filter(code=household_code.strip()).first()
    if household is None:
        raise DomainError(_("No household has this code."), field="household_code")
    _sign(dismissal, household, actor=actor, channel=PetitionSignature.Channel.PAPER, today=_today(today))


@transaction.atomic
def record_dismissal_meeting(
    dismissal: Dismissal, *, actor: User, meeting_on: dt.date, present: int, agree: int, today: dt.date | None = None
) -> Dismissal:
    """The dismissal meeting (D59 Art 9, applying Art 3(5)), convened by the Front work committee head or,
    where the head is also the Front head, the commune chair: adopted with more than half of ALL
    households (Law Art 21(1))."""
    today = _today(today)
    _require(
        access.may_convene_dismissal(actor, dismissal),
        _(
            "The head of the Front work committee convenes the dismissal meeting, or the commune chair where the village head is also the head of the Front work committee. (D59 Art 9)"
        ),
    )
    if dismissal.status != Dismissal.Status.TO_MEET:
        raise DomainError(_("This dismissal is not waiting for its meeting."))
    if meeting_on > today:
        raise DomainError(_("Record the meeting once it has been held."), field="meeting_on")
    households = household_count_on(dismissal.village, meeting_on)
    if not 0 <= agree <= present <= households:
        raise DomainError(_("The numbers do not add up: agreeing ≤ present ≤ households."), field="agree")
    adopted = law.village_adopts(law.Item.VILLAGE_HEAD, agree, households)
    dismissal.meeting_on, dismissal.households, dismissal.present, dismissal.agree = (
        meeting_on,
        households,
        present,
        agree,
    )
    dismissal.convened_by = actor
    dismissal.status = Dismissal.Status.ADOPTED if adopted else Dismissal.Status.NOT_ADOPTED
    if adopted:
        dismissal.recognition_due_on = law.recognition_due_on(today, work_calendar(today))
    dismissal.save()
    _event(
        "dismissal_meeting_recorded",
        actor,
        dismissal,
        dismissal.village_id,
        households=households,
        agree=agree,
        adopted=adopted,
    )
    return dismissal


@transaction.atomic
def recognize_dismissal(dismissal: Dismissal, *, actor: User, today: dt.date | None = None) -> Dismissal:
    """D59 Art 9: the commune People's Committee recognizes the dismissal within 5 working days; the
    head's term ends, and a new election must be decided within 60 days (an interim head meanwhile)."""
    today = _today(today)
    _require(
        access.may_decide(actor, dismissal.village), _("Only the commune chair recognizes a dismissal. (D59 Art 9)")
    )
    if dismissal.status != Dismissal.Status.ADOPTED:
        raise DomainError(_("Only an adopted dismissal can be recognized."))
    reason = "resigned" if dismissal.trigger == Dismissal.Trigger.RESIGNATION else "dismissed"
    _end_sitting(dismissal.village, actor=actor, on=today, reason=reason)
    dismissal.status, dismissal.recognized_on, dismissal.recognized_by = Dismissal.Status.RECOGNIZED, today, actor
    dismissal.new_election_due_on = rules.new_election_due_on(today)
    dismissal.save(update_fields=["status", "recognized_on", "recognized_by", "new_election_due_on"])
    _event(
        "dismissal_recognized",
        actor,
        dismissal,
        dismissal.village_id,
        new_election_due=dismissal.new_election_due_on.isoformat(),
    )
    return dismissal
