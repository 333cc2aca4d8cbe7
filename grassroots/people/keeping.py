"""Keeping the register in the browser: births, moves in and out, deaths, a change of representative.

Each change is one audited action (verbs `people.*`, target the household) that closes periods and
opens new ones instead of overwriting, so the register still answers for any past day and the
household's history page (views.household_history) reads who changed what, when, and with which
effective date from the audit trail. Events hold ids and dates only, never names or ID numbers.

Votes (law.md 10.A.2, Law Art 20(2)(b), Art 21(1)): H is snapshotted when a vote opens, and only the
households counted in that snapshot vote in it (decisions.access.voting_household uses
`counted_households`). A household recorded as moving in cannot be dated back before the opening
of a vote still open in its village: it would then vote in a vote whose H does not count it (the
check is decisions', registered with `register_move_in_check`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from . import rules
from .actions import _close, _dissolve, _require_village, change_representative
from .crypto import encrypt_national_id, national_id_hash
from .models import Household, HouseholdLocation, Membership, PeriodQuerySet, Representation, Resident

# Why a membership ends (shown on the history page).
DIED = "died"
MOVED_OUT = "moved_out"
LEAVING_REASONS = (DIED, MOVED_OUT)

# The verbs of the household history page, in the order of the audit trail.
HISTORY_VERBS = (
    "people.birth_recorded",
    "people.member_moved_in",
    "people.household_moved_in",
    "people.member_left",
    "people.household_moved_out",
    "people.representative_changed",
    "people.household_moved",
    "people.household_split",
    "people.households_merged",
)


def counted_households(path: str, day: dt.date) -> PeriodQuerySet:
    """The locations of the households under the unit with this path (a village, or every village of
    a commune) on the day: those counted in H when a vote opened that day (actions.household_count_on)."""
    return HouseholdLocation.objects.on(day).filter(unit__path__startswith=path)


def locations_of(household: Household) -> list[HouseholdLocation]:
    """Every location the household has had, with its unit: to check many days at once (`Period.covers`)."""
    return list(HouseholdLocation.objects.filter(household=household).select_related("unit"))


def counted_in_village_on(household: Household, unit: Unit, day: dt.date) -> bool:
    """Whether the household was counted in H of the unit on the day."""
    return counted_households(unit.path, day).filter(household=household).exists()


def _check_day(on: dt.date, *, not_before: dt.date | None = None) -> None:
    if on > timezone.localdate():
        raise DomainError(_("The effective date cannot be in the future."), field="on")
    if not_before is not None and on < not_before:
        raise DomainError(
            _("The effective date cannot be earlier than %(date)s, the start of the current record.")
            % {"date": formats.date_format(not_before)},
            field="on",
        )


# Checks of a move in that apps above the register add (people cannot import them): each is called
# with the village and the effective date and raises DomainError to refuse. decisions registers one
# that refuses a date before the opening of a vote still open there (decisions.apps).
MoveInCheck = Callable[[Unit, dt.date], None]
_move_in_checks: list[MoveInCheck] = []


def register_move_in_check(check: MoveInCheck) -> None:
    if check not in _move_in_checks:
        _move_in_checks.append(check)


def _check_move_in(unit: Unit, on: dt.date) -> None:
    for check in _move_in_checks:
        check(unit, on)


def _new_resident(*, full_name: str, birth_date: dt.date, sex: str, national_id: str, phone: str = "") -> Resident:
    full_name = " ".join(full_name.split())
    if not full_name:
        raise DomainError(_("Enter the full name."), field="full_name")
    if sex not in rules.Sex.values:
        raise DomainError(_("Choose male or female."), field="sex")
    resident = Resident(full_name=full_name, birth_date=birth_date, sex=sex, phone=phone)
    if national_id:
        if not rules.is_well_formed_national_id(national_id):
            raise DomainError(_("The national ID number must have exactly 12 digits."), field="national_id")
        digest = national_id_hash(national_id)
        if Resident.objects.filter(national_id_hash=digest).exists():
            raise DomainError(
                _(
                    "A resident with this national ID number is already in the register. "
                    "If they left another household, record the move out there first."
                ),
                field="national_id",
            )
        resident.national_id_hash = digest
        resident.national_id_encrypted = encrypt_national_id(national_id)
    resident.save()
    return resident


def _require_active(household: Household) -> None:
    if household.dissolved_on is not None:
        raise DomainError(_("This household no longer exists."))


def _add_member(household: Household, *, on: dt.date, event: str, actor: Any, **person: Any) -> Resident:
    """A new resident, a member of the household from `on`, recorded as `event` (birth or move in)."""
    resident = _new_resident(**person)
    Membership.objects.create(resident=resident, household=household, valid_from=on)
    audit.record(
        event,
        actor=actor,
        target=household,
        unit_id=household.unit_id,
        data={"resident": resident.pk, "on": on.isoformat()},
    )
    return resident


@transaction.atomic
def record_birth(
    household: Household, *, full_name: str, birth_date: dt.date, sex: str, national_id: str, actor: Any
) -> Resident:
    """A child is born into the household: a member from the date of birth."""
    _require_active(household)
    _check_day(birth_date, not_before=household.formed_on)
    return _add_member(
        household,
        on=birth_date,
        event="people.birth_recorded",
        actor=actor,
        full_name=full_name,
        birth_date=birth_date,
        sex=sex,
        national_id=national_id,
    )


@transaction.atomic
def record_member_moving_in(
    household: Household,
    *,
    full_name: str,
    birth_date: dt.date,
    sex: str,
    national_id: str,
    on: dt.date,
    actor: Any,
) -> Resident:
    """A person comes to live in the household (nhập khẩu): a member from the effective date."""
    _require_active(household)
    _check_day(on, not_before=household.formed_on)
    if birth_date > on:
        raise DomainError(_("The date of birth cannot be after the effective date."), field="birth_date")
    return _add_member(
        household,
        on=on,
        event="people.member_moved_in",
        actor=actor,
        full_name=full_name,
        birth_date=birth_date,
        sex=sex,
        national_id=national_id,
    )


@transaction.atomic
def record_household_moving_in(
    unit: Unit,
    *,
    code: str,
    address: str,
    full_name: str,
    birth_date: dt.date,
    sex: str,
    national_id: str,
    phone: str,
    on: dt.date,
    actor: Any,
) -> Household:
    """A household comes to live in the village, its first member as its representative; more members
    are added afterwards as moving in."""
    _require_village(unit)
    _check_day(on)
    code = code.strip()
    if not code:
        raise DomainError(_("Enter the household code."), field="code")
    if Household.objects.filter(code=code).exists():
        raise DomainError(_("This household code is already in use."), field="code")
    if not rules.is_adult(birth_date, on):
        raise DomainError(_("The household representative must be at least 18 years old."), field="birth_date")
    _check_move_in(unit, on)
    household = Household.objects.create(code=code, unit=unit, address=address.strip(), formed_on=on)
    HouseholdLocation.objects.create(household=household, unit=unit, address=household.address, valid_from=on)
    resident = _new_resident(
        full_name=full_name, birth_date=birth_date, sex=sex, national_id=national_id, phone=phone.strip()
    )
    Membership.objects.create(resident=resident, household=household, valid_from=on)
    Representation.objects.create(household=household, resident=resident, valid_from=on)
    audit.record(
        "people.household_moved_in",
        actor=actor,
        target=household,
        unit_id=unit.id,
        data={"resident": resident.pk, "to_unit": unit.id, "on": on.isoformat()},
    )
    return household


@transaction.atomic
def record_member_leaving(household: Household, resident: Resident, *, reason: str, on: dt.date, actor: Any) -> None:
    """A member dies or moves out: the membership ends on the effective date. The representative
    leaves last: while other members remain, another adult member must be chosen first. When the last
    member leaves, the household ends with them."""
    _require_active(household)
    if reason not in LEAVING_REASONS:
        raise DomainError(_("Choose why the member leaves."), field="reason")
    membership = Membership.objects.filter(household=household, resident=resident, valid_to__isnull=True).first()
    if membership is None:
        raise DomainError(_("This person is no longer a member of the household."))
    others = Membership.objects.filter(household=household, valid_to__isnull=True).exclude(pk=membership.pk)
    ends_household = not others.exists()
    starts = [membership.valid_from]
    starts += Representation.objects.filter(household=household, resident=resident, valid_to__isnull=True).values_list(
        "valid_from", flat=True
    )
    if ends_household:
        starts.append(_latest_start(household))
    _check_day(on, not_before=max(starts))
    is_rep = Representation.objects.filter(household=household, resident=resident, valid_to__isnull=True).exists()
    if is_rep and any(rules.is_adult(m.resident.birth_date, on) for m in others.select_related("resident")):
        raise DomainError(
            _("This member represents the household. Choose another adult member as representative first.")
        )
    # With no other adult to take over, the household stays without a representative until one is
    # recorded: a death or a move is never blocked by it (the count shows households without one).
    _close(Representation.objects.filter(household=household, resident=resident), on)
    _close(Membership.objects.filter(pk=membership.pk), on)
    if ends_household:
        _dissolve(household, on)
    audit.record(
        "people.member_left",
        actor=actor,
        target=household,
        unit_id=household.unit_id,
        data={"resident": resident.pk, "reason": reason, "on": on.isoformat(), "household_ended": ends_household},
    )


def _latest_start(household: Household) -> dt.date:
    """The latest start of the household's open periods: ending the household earlier would end a
    period before it began."""
    starts = [household.formed_on]
    for model in (HouseholdLocation, Membership, Representation):
        starts += model.objects.filter(household=household, valid_to__isnull=True).values_list("valid_from", flat=True)
    return max(starts)


@transaction.atomic
def record_household_moving_out(household: Household, *, on: dt.date, actor: Any) -> None:
    """The whole household leaves the commune: it ends, its members and representative with it."""
    _require_active(household)
    _check_day(on, not_before=_latest_start(household))
    _dissolve(household, on)
    audit.record(
        "people.household_moved_out",
        actor=actor,
        target=household,
        unit_id=household.unit_id,
        data={"from_unit": household.unit_id, "on": on.isoformat()},
    )


@transaction.atomic
def record_new_representative(household: Household, resident: Resident, *, on: dt.date, actor: Any) -> None:
    """A change of representative from the browser: the effective date is checked (not in the future,
    not before the current representative's start) before actions.change_representative."""
    _require_active(household)
    current = Representation.objects.filter(household=household, valid_to__isnull=True).first()
    _check_day(on, not_before=current.valid_from if current else household.formed_on)
    change_representative(household, resident, on=on, actor=actor)
