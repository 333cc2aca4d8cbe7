"""Who may see and do what with village-head elections and dismissals. Everything else is a 404.

- The commune chair (Role.COMMUNE_CHAIR) issues the decision and plan, appoints the team, announces,
  recognizes, orders a re-election, appoints an interim head (D59 Arts 6, 8, 9).
- The head of the village Front work committee files the candidate list (D59 Art 6) and proposes or
  convenes a dismissal (D59 Art 9); the commune chair convenes it where the village head is also the
  head of the Front work committee.
- The election team (its members' linked accounts) records the meeting's result (D59 Art 7); commune
  officials may enter it from the team's signed minutes.
- Never the sitting village head, and never a candidate: the head may be a candidate of his own election.
- Commune officials (and the commune Front, the inspection board, the steering committee) read.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone

from grassroots.accounts.models import AnyUser, Role, User
from grassroots.accounts.roles import role_units
from grassroots.territory.models import Unit

from .models import Dismissal, Election, HeadTerm

READ_ROLES = frozenset(
    {
        Role.COMMUNE_OFFICIAL,
        Role.COMMUNE_CHAIR,
        Role.COMMUNE_FRONT,
        Role.INSPECTION_BOARD,
        Role.STEERING_MEMBER,
        Role.SYSTEM_ADMIN,
        Role.VILLAGE_FRONT_HEAD,
    }
)
CHAIR = frozenset({Role.COMMUNE_CHAIR})
FRONT_HEAD = frozenset({Role.VILLAGE_FRONT_HEAD})
HEAD = frozenset({Role.VILLAGE_HEAD})
STAFF = frozenset({Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR})


def holds(user: AnyUser, unit: Unit, roles: frozenset[str], day: dt.date | None = None) -> bool:
    """The user holds one of the roles over the unit (in it or above it) on the day."""
    return any(unit.path.startswith(u.path) for u in role_units(user, roles, day))


def is_team_member(user: AnyUser, election: Election) -> bool:
    return user.is_authenticated and election.team.filter(user=user).exists()


def is_candidate(user: AnyUser, election: Election) -> bool:
    return user.is_authenticated and election.candidates.filter(user=user).exists()


def can_read(user: AnyUser, village: Unit) -> bool:
    return holds(user, village, READ_ROLES)


def can_read_election(user: AnyUser, election: Election) -> bool:
    return can_read(user, election.village) or is_team_member(user, election)


def may_decide(user: AnyUser, village: Unit) -> bool:
    """The commune chair of the village's commune (D59 Arts 6, 8, 9)."""
    return holds(user, village, CHAIR)


def may_file_candidates(user: AnyUser, village: Unit) -> bool:
    """The head of the village's Front work committee (D59 Art 6)."""
    return holds(user, village, FRONT_HEAD)


def runs_refusal(user: AnyUser, election: Election) -> str:
    """Why the user may not run the meeting and record its result, or "" when they may (D59 Art 7).

    The sitting head never runs the election (he may be a candidate); a candidate never does."""
    if not user.is_authenticated:
        return "outsider"
    if (
        holds(user, election.village, HEAD)
        or HeadTerm.objects.filter(village=election.village, ended_on__isnull=True, user=user).exists()
    ):
        return "sitting_head"
    if is_candidate(user, election):
        return "candidate"
    if is_team_member(user, election) or holds(user, election.village, STAFF):
        return ""
    return "outsider"


def may_run(user: AnyUser, election: Election) -> bool:
    return runs_refusal(user, election) == ""


def head_is_front_head(village: Unit, user: User | None, day: dt.date | None = None) -> bool:
    """Whether the sitting head (his account) is also the head of the village's Front work committee."""
    return user is not None and holds(user, village, FRONT_HEAD, day) and holds(user, village, HEAD, day)


def may_convene_dismissal(user: AnyUser, dismissal: Dismissal) -> bool:
    """D59 Art 9: the head of the Front work committee, or the commune chair where the village head is
    also the head of the Front work committee (then the Front head, being the head, may not)."""
    village = dismissal.village
    if head_is_front_head(village, dismissal.term.user):
        return holds(user, village, CHAIR)
    if dismissal.term.user is not None and dismissal.term.user == user:
        return False
    return holds(user, village, FRONT_HEAD)


def may_enter_paper(user: AnyUser, village: Unit) -> bool:
    """Commune staff and the Front work committee head enter paper petition signatures."""
    return holds(user, village, STAFF | FRONT_HEAD)


def access_village(user: AnyUser, code: str) -> Unit:
    village = Unit.objects.filter(code=code).select_related("parent").first()
    if village is None or not village.is_village_level or not can_read(user, village):
        raise Http404
    return village


def access_election(user: AnyUser, pk: int) -> Election:
    election = Election.objects.filter(pk=pk).select_related("village", "village__parent").first()
    if election is None or not can_read_election(user, election):
        raise Http404
    return election


def access_dismissal(user: AnyUser, pk: int) -> Dismissal:
    dismissal = Dismissal.objects.filter(pk=pk).select_related("village", "village__parent", "term").first()
    if dismissal is None or not can_read(user, dismissal.village):
        raise Http404
    return dismissal


def console_villages(user: AnyUser, day: dt.date | None = None) -> list[Unit]:
    """The villages whose elections the user reads: under every unit where they hold a reading role."""
    day = day or timezone.localdate()
    units = role_units(user, READ_ROLES, day)
    villages: dict[int, Unit] = {}
    for unit in units:
        if unit.is_village_level:
            villages[unit.pk] = unit
        else:
            for v in Unit.objects.descendants_of(unit).villages().valid_on(day).order_by("code"):
                villages[v.pk] = v
    return sorted(villages.values(), key=lambda v: v.code)
