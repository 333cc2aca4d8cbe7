"""Who may see and do what on a supervised project. Everything outside the caller's commune is a 404.

- The commune Front sets the board up, records the project's parties and the members, notifies the investor,
  certifies and sends recommendations, and closes the board (Law Arts 41, 44–45; D59 Art 18).
- The board's members (an account linked to a member on the board) keep the checklist and draft findings and
  recommendations (Law Art 43).
- The commune chair and commune officials answer the recommendations (Law Arts 44–45).
- The village head of a village where the project lies tables the election of its residents' representatives
  at the community meeting (Law Art 15(5), Art 16(2)).
- The public page shows the project to anyone, without personal data beyond members' names and roles.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from grassroots.accounts.models import AnyUser, Role
from grassroots.accounts.roles import holds_over, role_units
from grassroots.territory.models import Unit

from .choices import MemberStatus
from .models import Board, Project

FRONT_ROLES = frozenset({Role.COMMUNE_FRONT})
ANSWERING_ROLES = frozenset({Role.COMMUNE_CHAIR, Role.COMMUNE_OFFICIAL})
COMMUNE_ROLES = FRONT_ROLES | ANSWERING_ROLES | {Role.INSPECTION_BOARD, Role.INVESTMENT_SUPERVISION}
VILLAGE_ROLES = frozenset({Role.VILLAGE_HEAD})
CONSOLE_ROLES = COMMUNE_ROLES | VILLAGE_ROLES


_holds = holds_over  # the user holds one of the roles in the unit or above it today


def front_communes(user: AnyUser) -> list[Unit]:
    """The communes where the user may set up boards (the commune Front)."""
    return [u for u in role_units(user, FRONT_ROLES) if u.is_commune_level]


def visible_projects(user: AnyUser) -> QuerySet[Project]:
    """Projects of the communes under a commune role, and those located in a village the user heads."""
    under = Q()
    for unit in role_units(user, COMMUNE_ROLES):
        under |= Q(commune__path__startswith=unit.path)
    for unit in role_units(user, VILLAGE_ROLES):
        under |= Q(villages=unit)
    if not under:
        return Project.objects.none()
    return Project.objects.filter(under).distinct().select_related("commune", "board")


def may_use_console(user: AnyUser) -> bool:
    return bool(role_units(user, CONSOLE_ROLES))


def can_see(user: AnyUser, project: Project) -> bool:
    if _holds(user, project.commune, COMMUNE_ROLES):
        return True
    return any(can_table_in(user, v) for v in project.villages.all())


def access_project(user: AnyUser, pk: int) -> Project:
    project = Project.objects.filter(pk=pk).select_related("commune", "board").first()
    if project is None or not can_see(user, project):
        raise Http404
    return project


def is_front(user: AnyUser, project: Project) -> bool:
    return _holds(user, project.commune, FRONT_ROLES)


def can_answer(user: AnyUser, project: Project) -> bool:
    return _holds(user, project.commune, ANSWERING_ROLES)


def is_member(user: AnyUser, board: Board) -> bool:
    """A sitting member of this board with a linked account."""
    if not user.is_authenticated or board.is_closed:
        return False
    return board.members.filter(user=user, status=MemberStatus.ON_BOARD).exists()


def can_table_in(user: AnyUser, village: Unit) -> bool:
    """Law Art 16(2): the village head tables a village matter."""
    return _holds(user, village, VILLAGE_ROLES)
