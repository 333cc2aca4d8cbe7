"""Who may see or do what with a village convention (D61 Arts 7–16).

- The public sees every convention with a posted version (the draft is posted publicly, D61 Art 9(1); the
  recognized text is disseminated, Art 15(1)), never a draft not yet posted.
- The village head and the head of the Front work committee run their village's convention: the
  proposal, the drafting team, the drafts, posting, comments entered from paper and their moderation,
  the dossier, the yearly review (D61 Arts 7–11, 15).
- The commune chair and commune officials (UBND xã) recognize or refuse, distribute, and answer reports
  asking for a suspension or an abolition (D61 Arts 11–14, 18); the commune Front reads the console.
- A household representative of the village comments online on a posted draft (D61 Art 9(2)).

Everything outside the caller's units answers 404, the same as a missing object.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from grassroots.accounts.models import Role, User
from grassroots.accounts.roles import holds_over, role_units
from grassroots.decisions.access import represented_household
from grassroots.territory.models import Unit

from .models import Comment, Convention, Ruling, Version

AnyUser = User | AnonymousUser

VILLAGE_ROLES = frozenset({Role.VILLAGE_HEAD, Role.VILLAGE_FRONT_HEAD})
DECIDING_ROLES = frozenset({Role.COMMUNE_CHAIR, Role.COMMUNE_OFFICIAL})  # UBND xã, D61 Art 11(3)
CONSOLE_ROLES = VILLAGE_ROLES | DECIDING_ROLES | frozenset({Role.COMMUNE_FRONT})


_holds = holds_over  # the user holds one of the roles in the unit or above it today


def console_paths(user: AnyUser) -> list[str]:
    if not user.is_authenticated:
        return []
    return [u.path for u in role_units(user, CONSOLE_ROLES)]


def may_use_console(user: AnyUser) -> bool:
    return bool(console_paths(user))


def proposing_villages(user: AnyUser) -> list[Unit]:
    """Villages where the user may propose a convention: the village head's own (D61 Art 7(1))."""
    if not user.is_authenticated:
        return []
    units = role_units(user, VILLAGE_ROLES)
    return [u for u in units if u.is_village_level]


def can_run(user: AnyUser, convention: Convention) -> bool:
    return _holds(user, convention.village, VILLAGE_ROLES)


def is_village_head(user: AnyUser, village: Unit) -> bool:
    return _holds(user, village, frozenset({Role.VILLAGE_HEAD}))


def is_front_head(user: AnyUser, village: Unit) -> bool:
    return _holds(user, village, frozenset({Role.VILLAGE_FRONT_HEAD}))


def can_decide(user: AnyUser, convention: Convention) -> bool:
    return _holds(user, convention.village, DECIDING_ROLES)


def can_see_console(user: AnyUser, convention: Convention) -> bool:
    return _holds(user, convention.village, CONSOLE_ROLES)


def may_comment_online(user: AnyUser, version: Version) -> bool:
    """A household representative of the convention's village (D61 Art 9(2)), while the draft is posted."""
    if not user.is_authenticated:
        return False
    household = represented_household(user)
    return household is not None and household.unit_id == version.convention.village_id


def access_console_convention(user: AnyUser, pk: int) -> Convention:
    convention = Convention.objects.filter(pk=pk).select_related("village", "village__parent").first()
    if convention is None or not can_see_console(user, convention):
        raise Http404
    return convention


def access_console_version(user: AnyUser, pk: int) -> Version:
    version = Version.objects.filter(pk=pk).select_related("convention__village", "matter").first()
    if version is None or not can_see_console(user, version.convention):
        raise Http404
    return version


def access_comment(user: AnyUser, pk: int) -> Comment:
    comment = Comment.objects.filter(pk=pk).select_related("version__convention__village").first()
    if comment is None or not can_run(user, comment.version.convention):
        raise Http404
    return comment


def access_ruling(user: AnyUser, pk: int) -> Ruling:
    ruling = Ruling.objects.filter(pk=pk).select_related("convention__village", "version").first()
    if ruling is None or not can_decide(user, ruling.convention):
        raise Http404
    return ruling


def access_public_convention(pk: int) -> Convention:
    convention = Convention.objects.public().filter(pk=pk).select_related("village", "village__parent").first()
    if convention is None:
        raise Http404
    return convention


def access_public_version(user: AnyUser, pk: int) -> Version:
    """A posted version for everyone; a draft not yet posted only for the console of its village."""
    version = Version.objects.filter(pk=pk).select_related("convention__village", "matter").first()
    if version is None:
        raise Http404
    if version.posted_on is None and not can_see_console(user, version.convention):
        raise Http404
    return version
