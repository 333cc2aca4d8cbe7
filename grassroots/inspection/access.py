"""Who may see and do what with the People's Inspection Board. Everything outside the caller's communes is a
404, the same as a missing object.

- The commune Front (MTTQ xã) runs the board's institution: nominations and eligibility, the elections'
  recognition, the head and deputies, the announcement, removal, resignation, by-elections (Law Arts 36,
  40(2); D59 Art 13). It sees the board's plans (D59 Art 14).
- The board's members (and its head) write the plans and see the console of their commune.
The public page shows the composition to everyone (Law Art 36: announced to residents).
"""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone

from grassroots.accounts.models import AnyUser, Role
from grassroots.accounts.roles import holds_over, role_units
from grassroots.territory.models import Unit

from .models import Board

FRONT_ROLES = frozenset({Role.COMMUNE_FRONT})
BOARD_ROLES = frozenset({Role.INSPECTION_BOARD, Role.INSPECTION_BOARD_HEAD})
CONSOLE_ROLES = FRONT_ROLES | BOARD_ROLES


_holds = holds_over  # the user holds one of the roles in the unit or above it today


def console_communes(user: AnyUser) -> list[Unit]:
    """The communes whose board the user runs or serves on."""
    today = timezone.localdate()
    seen: dict[int, Unit] = {}
    for unit in role_units(user, CONSOLE_ROLES):
        if unit.is_commune_level:
            seen.setdefault(unit.pk, unit)
        else:
            for commune in Unit.objects.filter(path__startswith=unit.path).communes().valid_on(today):
                seen.setdefault(commune.pk, commune)
    return sorted(seen.values(), key=lambda u: u.path)


def may_use_console(user: AnyUser) -> bool:
    return bool(role_units(user, CONSOLE_ROLES))


def access_commune(user: AnyUser, code: str) -> Unit:
    commune = Unit.objects.filter(code=code).select_related("parent").first()
    if commune is None or not commune.is_commune_level or not _holds(user, commune, CONSOLE_ROLES):
        raise Http404
    return commune


def access_board(user: AnyUser, pk: int) -> Board:
    board = Board.objects.filter(pk=pk).select_related("commune").first()
    if board is None or not _holds(user, board.commune, CONSOLE_ROLES):
        raise Http404
    return board


def is_front(user: AnyUser, commune: Unit) -> bool:
    return _holds(user, commune, FRONT_ROLES)


def is_board_member(user: AnyUser, commune: Unit) -> bool:
    return _holds(user, commune, BOARD_ROLES)
