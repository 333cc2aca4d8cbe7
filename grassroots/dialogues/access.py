"""Who may see and do what with the dialogues. Everything outside the caller's commune is a 404.

- Law Art 32: the commune People's Committee holds the dialogue (the chair and the commune officials:
  schedule, notice, holding, answers, minutes) with the commune Front (which records its agreement).
- The Front and the officials enter questions received on paper, by phone or at the village.
- A verified resident of the commune (holding no official role) asks questions online and sees their own.
- Anyone sees a dialogue once its notice is published, with its questions and the published answers; an
  asker's name only when they chose to sign.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from grassroots.accounts.models import OFFICIAL_ROLES, AnyUser, Role
from grassroots.accounts.roles import access_role_commune, holds_in, role_communes, role_unit_ids
from grassroots.people.models import Membership
from grassroots.territory.models import COMMUNE_KINDS, Unit

from .models import Dialogue, Question

MANAGING_ROLES = frozenset({Role.COMMUNE_CHAIR, Role.COMMUNE_OFFICIAL})
FRONT_ROLES = frozenset({Role.COMMUNE_FRONT})
CONSOLE_ROLES = MANAGING_ROLES | FRONT_ROLES


def console_communes(user: AnyUser) -> list[Unit]:
    return role_communes(user, CONSOLE_ROLES)


def may_use_console(user: AnyUser) -> bool:
    return bool(console_communes(user))


_holds = holds_in  # the user holds one of the roles in exactly this commune


def access_console_commune(user: AnyUser, code: str) -> Unit:
    return access_role_commune(user, code, CONSOLE_ROLES, exactly=True)


def access_console_dialogue(user: AnyUser, pk: int) -> Dialogue:
    dialogue = Dialogue.objects.filter(pk=pk).select_related("commune").first()
    if dialogue is None or not _holds(user, dialogue.commune, CONSOLE_ROLES):
        raise Http404
    return dialogue


def can_manage(user: AnyUser, commune: Unit) -> bool:
    return _holds(user, commune, MANAGING_ROLES)


def can_agree_for_front(user: AnyUser, commune: Unit) -> bool:
    return _holds(user, commune, FRONT_ROLES)


def can_enter_questions(user: AnyUser, commune: Unit) -> bool:
    return _holds(user, commune, CONSOLE_ROLES)


def public_dialogues(commune: Unit) -> QuerySet[Dialogue]:
    """The dialogues anyone sees: those whose notice is published."""
    return Dialogue.objects.filter(commune=commune, notice_published_on__isnull=False).order_by("-planned_on")


def access_public_dialogue(pk: int) -> Dialogue:
    dialogue = Dialogue.objects.filter(pk=pk, notice_published_on__isnull=False).select_related("commune").first()
    if dialogue is None:
        raise Http404
    return dialogue


def resident_commune(user: AnyUser) -> Unit | None:
    """The commune of a verified resident's household today; None for anyone else, and for an account
    holding an official role."""
    resident_id: int | None = getattr(user, "resident_id", None)
    if not user.is_authenticated or resident_id is None:
        return None
    if getattr(user, "resident_verified_at", None) is None or role_unit_ids(user, OFFICIAL_ROLES):
        return None
    membership = (
        Membership.objects.filter(resident_id=resident_id, valid_to__isnull=True, household__dissolved_on__isnull=True)
        .select_related("household__unit__parent")
        .first()
    )
    if membership is None:
        return None
    unit: Unit | None = membership.household.unit
    while unit is not None and unit.kind not in COMMUNE_KINDS:
        unit = unit.parent
    return unit


def resident_village(user: AnyUser) -> Unit | None:
    resident_id: int | None = getattr(user, "resident_id", None)
    if resident_id is None:
        return None
    membership = (
        Membership.objects.filter(resident_id=resident_id, valid_to__isnull=True)
        .select_related("household__unit")
        .first()
    )
    return membership.household.unit if membership else None


def access_console_question(user: AnyUser, pk: int) -> Question:
    question = Question.objects.filter(pk=pk).select_related("dialogue__commune").first()
    if question is None or not _holds(user, question.dialogue.commune, CONSOLE_ROLES):
        raise Http404
    return question


def public_commune(code: str) -> Unit:
    commune = Unit.objects.filter(code=code, kind__in=COMMUNE_KINDS).first()
    if commune is None:
        raise Http404
    return commune


def villages_of(commune: Unit) -> QuerySet[Unit]:
    """The villages and residential groups of the commune (a question's village is one of them)."""
    return Unit.objects.filter(parent=commune).order_by("path")
