"""Notices of a case's steps (core.notices), sent by a background task after the step's transaction.

No notice ever names the petitioner or quotes the petition (Law Art 9(2)): they say the case number and
the step, and link to the case page, which checks who may see what."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from grassroots.accounts.models import Role, RoleAssignment
from grassroots.core.notices import notify
from grassroots.territory.models import Unit

from . import access, identity
from .models import Petition

LANGUAGE = "vi"


def role_holders(commune: Unit, roles: frozenset[str]) -> list[int]:
    """Everyone holding one of `roles` at the commune (or above it) today."""
    ancestors = [commune.path[: i + 1] for i, c in enumerate(commune.path) if c == "/" and i > 0]
    return sorted(
        set(
            RoleAssignment.objects.active_on(timezone.localdate())
            .filter(role__in=list(roles), unit__path__in=ancestors)
            .values_list("user_id", flat=True)
        )
    )


def _texts(step: str) -> list[tuple[frozenset[str] | None, str]]:
    texts: dict[str, list[tuple[frozenset[str] | None, str]]] = {
        "received": [(access.BOARD_ROLES, _("A new petition (case %(n)s) was received by the People's Inspection Board."))],
        "planned": [
            (access.FRONT_ROLES | frozenset({Role.COMMUNE_CHAIR}), _("The People's Inspection Board sent its inspection plan for case %(n)s (D59 Art 14).")),
        ],
        "recommended": [(access.FRONT_ROLES, _("A recommendation of the People's Inspection Board (case %(n)s) awaits certification by the Front (Law Art 40(2))."))],
        "sent": [(access.COMMITTEE_ROLES, _("A recommendation of the People's Inspection Board (case %(n)s) awaits the commune's answer within 15 days (Law Art 40(1))."))],
        "answered": [(access.BOARD_ROLES, _("The commune answered the recommendation of case %(n)s."))],
        "result": [(None, _("The People's Inspection Board sent you the result of your petition (case %(n)s)."))],
    }  # fmt: skip
    return texts.get(step, [])


def recipients(petition: Petition, roles: frozenset[str] | None) -> list[int]:
    if roles is None:
        user_id = identity.notify_user_id(petition)
        return [user_id] if user_id else []
    return role_holders(petition.commune, roles)


@task()
def tell(petition_id: int, step: str) -> int:
    petition = Petition.objects.select_related("commune").filter(pk=petition_id).first()
    if petition is None:
        return 0
    told = 0
    with translation.override(LANGUAGE):
        url = reverse("petitions:case", args=[petition.pk])
        for roles, text in _texts(step):
            users = recipients(petition, roles)
            if users:
                told += notify(users, key=f"petitions.{step}:{petition.pk}", text=text % {"n": petition.pk}, url=url)
    return told
