"""Who may see and run a conference. Everything else is a 404."""

from __future__ import annotations

from django.http import Http404

from grassroots.accounts.models import AnyUser, Role, User
from grassroots.accounts.roles import role_unit_ids, role_units
from grassroots.territory.models import Unit, under

from .models import Conference, Delegate, Difficulty

# Steering committees run training; trainers help them (PRODUCT.md).
ORGANIZER_ROLES = frozenset({Role.STEERING_MEMBER, Role.TRAINER, Role.SYSTEM_ADMIN})


def _organizer_paths(user: User) -> list[str]:
    return [u.path for u in role_units(user, ORGANIZER_ROLES)]


def can_organize(user: User, unit: Unit) -> bool:
    """Steering-committee members and trainers organize for their unit and the units below it."""
    return any(unit.path.startswith(p) for p in _organizer_paths(user))


def conferences_for(user: User) -> list[Conference]:
    paths = _organizer_paths(user)
    # Filtered in the database: never load every conference of the country to pick a few.
    organized = list(Conference.objects.filter(under(paths, "organizer_unit__path")).select_related("organizer_unit"))
    attending = (
        list(Conference.objects.filter(delegates__user=user).select_related("organizer_unit"))
        if user.is_authenticated
        else []
    )
    return sorted({c.pk: c for c in organized + attending}.values(), key=lambda c: c.starts_on, reverse=True)


def access_conference(user: User, pk: int, *, organize: bool = False) -> Conference:
    conference = Conference.objects.filter(pk=pk).select_related("organizer_unit").first()
    if conference is None:
        raise Http404
    if can_organize(user, conference.organizer_unit):
        return conference
    if not organize and Delegate.objects.filter(conference=conference, user=user).exists():
        return conference
    raise Http404


def my_delegation(user: User, conference: Conference) -> Delegate | None:
    return Delegate.objects.filter(conference=conference, user=user).first()


# --- Questions, the FAQ and difficulties (issue 5, items 5 and 6) ---------------------------------
# Everyone who runs grassroots democracy: any role but household representative (PRODUCT.md).
RUNNER_ROLES = frozenset(Role) - {Role.HOUSEHOLD_REPRESENTATIVE}


def can_read_faq(user: AnyUser) -> bool:
    """The published answers are for everyone who runs grassroots democracy, not for residents."""
    # Nobody anonymous.
    if not user.is_authenticated:
        return False
    # Any active role other than household representative, anywhere.
    return bool(role_unit_ids(user, RUNNER_ROLES))


def reporting_units(user: User) -> list[Unit]:
    """The units for which the user may raise a difficulty: those where they hold a role today."""
    return list(Unit.objects.filter(id__in=role_unit_ids(user, RUNNER_ROLES)).order_by("path"))


def can_manage_difficulty(user: User, difficulty: Difficulty) -> bool:
    """Assigning a difficulty belongs to the steering committee over the unit (or the conference)."""
    # The steering committee of the unit that reported it, or of a unit above it.
    if can_organize(user, difficulty.unit):
        return True
    # The organizers of the conference where it was raised.
    return difficulty.conference is not None and can_organize(user, difficulty.conference.organizer_unit)


def can_answer_difficulty(user: User, difficulty: Difficulty) -> bool:
    # Only a difficulty not yet answered.
    if difficulty.status == Difficulty.Status.ANSWERED:
        return False
    # The person it was assigned to.
    if difficulty.assigned_to_id is not None and difficulty.assigned_to_id == user.pk:
        return True
    # The steering committee may record an answer given in the room.
    return can_manage_difficulty(user, difficulty)


def access_difficulty(user: User, pk: int) -> Difficulty:
    difficulty = (
        Difficulty.objects.filter(pk=pk)
        .select_related("unit", "conference__organizer_unit", "reported_by", "assigned_to")
        .first()
    )
    if difficulty is None or not user.is_authenticated:
        raise Http404
    # Whoever raised it, and whoever must answer it.
    if user.pk in (difficulty.reported_by_id, difficulty.assigned_to_id):
        return difficulty
    # The steering committee over the unit or the conference.
    if can_manage_difficulty(user, difficulty):
        return difficulty
    # The people who run democracy in the same unit.
    if difficulty.unit_id in role_unit_ids(user, RUNNER_ROLES):
        return difficulty
    raise Http404


# Delegates whose invitation no longer stands take no part in the conference's exchange.
INACTIVE_DELEGATE = frozenset({Delegate.Status.DECLINED, Delegate.Status.REPLACED, Delegate.Status.WITHDRAWN})


def organizer_paths(user: User) -> list[str]:
    """Paths of the units the user organizes for (a superuser organizes nowhere without a role)."""
    return _organizer_paths(user)


def can_take_part(user: User, conference: Conference) -> bool:
    """Asking, voting on questions and raising difficulties at a conference."""
    # Its organizers.
    if can_organize(user, conference.organizer_unit):
        return True
    # Its delegates, while their invitation stands.
    delegate = my_delegation(user, conference) if user.is_authenticated else None
    return delegate is not None and delegate.status not in INACTIVE_DELEGATE


def organizer_units(user: User) -> list[Unit]:
    """Units whose steering committee the user sits on (or trains for): where a new conference may be held."""
    return role_units(user, ORGANIZER_ROLES)


def has_training(user: AnyUser) -> bool:
    """Whether the training section is any use to the user: anyone who holds a role that training
    concerns (every role but household representative: the FAQ and the difficulties are theirs), or a
    delegate of some conference. At most one query beyond the user's roles (fetched once per request)."""
    if not user.is_authenticated:
        return False
    if role_unit_ids(user, RUNNER_ROLES):
        return True
    return Delegate.objects.filter(user=user).exists()


def training_menu(user: AnyUser) -> dict[str, bool]:
    """Which pages of the training section the menu offers: only those the user can open."""
    if not user.is_authenticated:
        return {}
    runner = can_read_faq(user)
    return {
        "faq": runner,
        "difficulties": runner,
        # The coverage report is for the organizers (training.reports.report_units).
        "reports": bool(role_unit_ids(user, ORGANIZER_ROLES)),
    }


def organized_ids(user: User, conferences: list[Conference]) -> set[int]:
    """Which of the conferences the user may run (one query for the user's units, whatever the number)."""
    paths = _organizer_paths(user)
    return {c.pk for c in conferences if any(c.organizer_unit.path.startswith(p) for p in paths)}
