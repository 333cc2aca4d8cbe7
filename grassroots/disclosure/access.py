"""Who may see and edit the disclosure register. Everything else is a 404.

Published items are public (Law Art 13: the web portal is a channel for every item). Drafts, the
postings console and residents' requests belong to the officials of the commune the item concerns
(the commune People's Committee discloses, Law Arts 12(3), 14): commune officials and the Chair.
"""

from __future__ import annotations

from django.http import Http404

from grassroots.accounts.models import AnyUser, Role
from grassroots.accounts.roles import role_units
from grassroots.territory.models import Unit, under

from .models import Item, Request

# The commune People's Committee discloses (Law Art 12(3), Art 14): its officials and its Chair.
EDITOR_ROLES = frozenset({Role.COMMUNE_OFFICIAL, Role.COMMUNE_CHAIR})


def editor_paths(user: AnyUser) -> list[str]:
    """Paths of the communes whose register the user keeps (none for an anonymous visitor)."""
    if not user.is_authenticated:
        return []
    return [u.path for u in role_units(user, EDITOR_ROLES) if u.is_commune_level]


def editor_communes(user: AnyUser) -> list[Unit]:
    if not user.is_authenticated:
        return []
    return [u for u in role_units(user, EDITOR_ROLES) if u.is_commune_level]


def can_edit(user: AnyUser, unit: Unit) -> bool:
    """An official of the commune, for the commune itself and its villages."""
    return any(unit.path.startswith(p) for p in editor_paths(user))


def units_to_edit(user: AnyUser) -> list[Unit]:
    """The communes the user keeps the register of, and their villages, in path order."""
    paths = editor_paths(user)
    if not paths:
        return []
    return list(Unit.objects.filter(under(paths)).order_by("path"))


def access_item(user: AnyUser, pk: int, *, edit: bool = False) -> Item:
    """The item, if the user may see it (published, or one they edit); with `edit`, only if they edit it."""
    item = Item.objects.filter(pk=pk).select_related("unit", "unit__parent").first()
    if item is None:
        raise Http404
    # The commune's officials see and edit everything of their commune and its villages.
    if can_edit(user, item.unit):
        return item
    # Anyone else sees a published item, and edits nothing.
    if not edit and item.is_published:
        return item
    raise Http404


def access_request(user: AnyUser, pk: int) -> Request:
    """A resident's request, to the officials who must answer it."""
    request = Request.objects.filter(pk=pk).select_related("unit", "item", "asked_by").first()
    if request is None or not can_edit(user, request.unit):
        raise Http404
    return request


def commune_of(unit: Unit) -> Unit:
    """The commune an item's unit belongs to (the unit itself when it is a commune)."""
    if unit.is_commune_level or unit.parent is None:
        return unit
    return unit.parent
