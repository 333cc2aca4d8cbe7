"""Who may see and do what with petitions. Everything outside the caller's commune is a 404.

- The People's Inspection Board (members and head, Role.INSPECTION_BOARD / INSPECTION_BOARD_HEAD at the
  commune) receives petitions, triages, assigns, plans, verifies and recommends (Law Art 38; D59 Art 14).
- The commune Front (Role.COMMUNE_FRONT) directs the board and certifies its recommendations (Law Art 40(2));
  it sees a case once a plan was sent to it or a recommendation awaits it, and the board's reports.
- The commune People's Committee (Role.COMMUNE_CHAIR, COMMUNE_OFFICIAL) answers recommendations within
  15 days (Law Art 40(1)); it sees a case once a plan was sent to its Chair or a recommendation to it.
- The petitioner sees their own petitions and rates the outcome.
- A hidden petitioner's identity (Law Art 9(2)) is shown to nobody; the board's head may reveal it with an
  explicit, audited request (actions.reveal_identity).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from grassroots.accounts.models import AnyUser, Role, RoleAssignment, User
from grassroots.accounts.roles import access_role_commune, holds_over, role_units
from grassroots.territory.models import COMMUNE_KINDS, Unit, under

from . import identity
from .models import Petition

BOARD_ROLES = frozenset({Role.INSPECTION_BOARD, Role.INSPECTION_BOARD_HEAD})
HEAD_ROLES = frozenset({Role.INSPECTION_BOARD_HEAD})
FRONT_ROLES = frozenset({Role.COMMUNE_FRONT})
COMMITTEE_ROLES = frozenset({Role.COMMUNE_CHAIR, Role.COMMUNE_OFFICIAL})
CONSOLE_ROLES = BOARD_ROLES | FRONT_ROLES | COMMITTEE_ROLES


def _paths(user: AnyUser, roles: frozenset[str]) -> list[str]:
    return [u.path for u in role_units(user, roles)]


_holds = holds_over  # the user holds one of the roles in the unit or above it today


def is_board(user: AnyUser, commune: Unit) -> bool:
    return _holds(user, commune, BOARD_ROLES)


def is_head(user: AnyUser, commune: Unit) -> bool:
    return _holds(user, commune, HEAD_ROLES)


def is_front(user: AnyUser, commune: Unit) -> bool:
    return _holds(user, commune, FRONT_ROLES)


def is_committee(user: AnyUser, commune: Unit) -> bool:
    return _holds(user, commune, COMMITTEE_ROLES)


def may_use_console(user: AnyUser) -> bool:
    return bool(role_units(user, CONSOLE_ROLES))


def may_report(user: AnyUser, commune: Unit) -> bool:
    """The board writes its reports to the Front (Law Art 39); the Front reads them."""
    return is_board(user, commune) or is_front(user, commune)


def console_cases(user: AnyUser) -> QuerySet[Petition]:
    """Every case the user sees in the console."""
    q = Q(pk__in=[])
    board = _paths(user, BOARD_ROLES)
    if board:
        q |= under(board, "commune__path")
    others = _paths(user, FRONT_ROLES | COMMITTEE_ROLES)
    if others:
        # Every case reaches them with its plan (D59 Art 14): nothing is verified without one.
        q |= under(others, "commune__path") & Q(plan_sent_on__isnull=False)
    return Petition.objects.filter(q).select_related("commune")


def console_communes(user: AnyUser) -> list[Unit]:
    paths = _paths(user, CONSOLE_ROLES)
    if not paths:
        return []
    return list(Unit.objects.filter(under(paths), kind__in=list(COMMUNE_KINDS)).order_by("path"))


def is_petitioner(user: AnyUser, petition: Petition) -> bool:
    if not user.is_authenticated:
        return False
    if petition.filed_by_id is not None and petition.filed_by_id == user.pk:
        return True
    return bool(petition.filer_key) and petition.filer_key == identity.filer_key(user.pk)


def my_petitions(user: AnyUser) -> QuerySet[Petition]:
    if not user.is_authenticated:
        return Petition.objects.none()
    return Petition.objects.filter(Q(filed_by=user) | Q(filer_key=identity.filer_key(user.pk))).select_related(
        "commune"
    )


def access_case(user: AnyUser, pk: int) -> Petition:
    """A case the user sees in the console, or their own petition; a 404 otherwise."""
    petition = Petition.objects.filter(pk=pk).select_related("commune", "village").first()
    if petition is None:
        raise Http404
    if is_petitioner(user, petition) or console_cases(user).filter(pk=pk).exists():
        return petition
    raise Http404


def access_commune(user: AnyUser, code: str, roles: frozenset[str] = BOARD_ROLES) -> Unit:
    return access_role_commune(user, code, roles)


def sees_identity(user: AnyUser, petition: Petition) -> bool:
    """A petitioner who did not ask to be hidden is named to the board, the Front and the commune, who
    deal with the case; a hidden one to nobody (the head reveals it on request, audited)."""
    return not petition.identity_hidden and (
        is_board(user, petition.commune) or is_front(user, petition.commune) or is_committee(user, petition.commune)
    )


def commune_by_code(code: str) -> Unit:
    unit = Unit.objects.filter(code=code, kind__in=list(COMMUNE_KINDS)).first()
    if unit is None:
        raise Http404
    return unit


def board_members(commune: Unit) -> QuerySet[User]:
    """The board's members and head at the commune today (the people a case can be assigned to)."""
    today = timezone.localdate()
    ancestors = [commune.path[: i + 1] for i, c in enumerate(commune.path) if c == "/" and i > 0]
    ids = (
        RoleAssignment.objects.active_on(today)
        .filter(role__in=list(BOARD_ROLES), unit__path__in=ancestors)
        .values_list("user_id", flat=True)
    )
    return User.objects.filter(pk__in=ids, is_active=True).order_by("last_name", "first_name")
