"""Writes to the household register. Each action runs in a transaction and leaves an audit event.

Moves, splits and merges close the old period and open a new one instead of overwriting, so
`household_count_on(village, day)` answers for any past day (law.md 10.A.2).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import uuid
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.accounts.roles import holds_official_role
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from . import imports, rules, tasks
from .access import can_import_register
from .crypto import decrypt_national_id
from .models import Household, HouseholdLocation, ImportJob, Membership, Representation, Resident

logger = logging.getLogger(__name__)


def household_count_on(unit: Unit, day: dt.date) -> int:
    """H: the number of households of a village (or of every village under a unit) on the day."""
    return HouseholdLocation.objects.on(day).filter(unit__path__startswith=unit.path).count()


def _require_village(unit: Unit) -> None:
    if not unit.is_village_level:
        raise DomainError(_("A household must belong to a village or residential group."), field="unit")


def _require_adult(resident: Resident, on: dt.date) -> None:
    if not rules.is_adult(resident.birth_date, on):
        raise DomainError(_("The household representative must be at least 18 years old."), field="representative")


def _require_not_official(resident: Resident, on: dt.date) -> None:
    """Nobody who runs a vote also votes for a household: a resident whose account holds an official
    role cannot become a representative (people.linking keeps the same rule when linking)."""
    account = User.objects.filter(resident=resident).first()
    if account is not None and holds_official_role(account, on):
        raise DomainError(
            _(
                "This resident's account holds an official role, so the resident cannot represent a household. "
                "Choose another adult member."
            ),
            field="representative",
        )


def _members_on(household: Household, on: dt.date) -> list[Resident]:
    return [m.resident for m in Membership.objects.on(on).filter(household=household).select_related("resident")]


def _close(qs: Any, on: dt.date) -> None:
    qs.filter(valid_to__isnull=True).update(valid_to=on)


@transaction.atomic
def move_household(household: Household, *, unit: Unit, address: str, on: dt.date, actor: Any) -> Household:
    """The household moves to another village (or address); its earlier location is kept."""
    _require_village(unit)
    if household.dissolved_on is not None:
        raise DomainError(_("This household no longer exists."))
    old_unit_id = household.unit_id
    _close(HouseholdLocation.objects.filter(household=household), on)
    HouseholdLocation.objects.create(household=household, unit=unit, address=address, valid_from=on)
    household.unit, household.address = unit, address
    household.save(update_fields=["unit", "address"])
    audit.record(
        "people.household_moved",
        actor=actor,
        target=household,
        unit_id=unit.id,
        data={"from_unit": old_unit_id, "to_unit": unit.id, "on": on.isoformat()},
    )
    return household


@transaction.atomic
def change_representative(household: Household, resident: Resident, *, on: dt.date, actor: Any) -> None:
    """Exactly one representative at a time (Law Art 18(2)): close the current one, open the new."""
    if resident not in _members_on(household, on):
        raise DomainError(_("The representative must be a member of the household."), field="representative")
    _require_adult(resident, on)
    _require_not_official(resident, on)
    _close(Representation.objects.filter(household=household), on)
    Representation.objects.create(household=household, resident=resident, valid_from=on)
    audit.record(
        "people.representative_changed",
        actor=actor,
        target=household,
        unit_id=household.unit_id,
        data={"resident": resident.pk, "on": on.isoformat()},
    )


def _dissolve(household: Household, on: dt.date) -> None:
    household.dissolved_on = on
    household.save(update_fields=["dissolved_on"])
    _close(HouseholdLocation.objects.filter(household=household), on)
    _close(Membership.objects.filter(household=household), on)
    _close(Representation.objects.filter(household=household), on)


@transaction.atomic
def split_household(
    household: Household,
    *,
    new_code: str,
    members: Sequence[Resident],
    representative: Resident,
    address: str,
    on: dt.date,
    actor: Any,
) -> Household:
    """Some members leave to form a new household (tách hộ) in the same village."""
    current = _members_on(household, on)
    if not members or any(m not in current for m in members):
        raise DomainError(_("Only members of the household can form the new household."), field="members")
    if len(members) == len(current):
        raise DomainError(_("At least one member must stay in the original household."), field="members")
    if representative not in members:
        raise DomainError(_("The representative must be a member of the household."), field="representative")
    _require_adult(representative, on)
    _require_not_official(representative, on)
    if Household.objects.filter(code=new_code).exists():
        raise DomainError(_("This household code is already in use."), field="code")
    staying_rep = Representation.objects.filter(household=household, valid_to__isnull=True).first()
    if staying_rep is not None and staying_rep.resident in members:
        raise DomainError(_("Choose a new representative for the original household first."), field="representative")
    new = Household.objects.create(code=new_code, unit=household.unit, address=address, formed_on=on)
    new.derived_from.add(household)
    HouseholdLocation.objects.create(household=new, unit=household.unit, address=address, valid_from=on)
    for member in members:
        _close(Membership.objects.filter(resident=member), on)
        Membership.objects.create(resident=member, household=new, valid_from=on)
    Representation.objects.create(household=new, resident=representative, valid_from=on)
    audit.record(
        "people.household_split",
        actor=actor,
        target=new,
        unit_id=household.unit_id,
        data={"from": household.pk, "members": len(members), "on": on.isoformat()},
    )
    return new


@transaction.atomic
def merge_households(households: Sequence[Household], *, into: Household, on: dt.date, actor: Any) -> Household:
    """Several households join one (nhập hộ); the others are dissolved with their history kept."""
    others = [h for h in households if h.pk != into.pk]
    if not others:
        raise DomainError(_("Choose at least one other household to merge."), field="households")
    for other in others:
        for member in _members_on(other, on):
            _close(Membership.objects.filter(resident=member), on)
            Membership.objects.create(resident=member, household=into, valid_from=on)
        _dissolve(other, on)
        into.derived_from.add(other)
    audit.record(
        "people.households_merged",
        actor=actor,
        target=into,
        unit_id=into.unit_id,
        data={"merged": [h.pk for h in others], "on": on.isoformat()},
    )
    return into


def reveal_national_id(resident: Resident, *, actor: Any, unit_id: int | None) -> str:
    """Decrypt a national ID number for an authorized register screen; every view is audited."""
    with transaction.atomic():
        audit.record("people.national_id_viewed", actor=actor, target=resident, unit_id=unit_id)
    return decrypt_national_id(resident.national_id_encrypted)


# --- Importing the register from the browser (run by the task people.tasks.run_import_job) --------
def start_resident_import(unit: Unit, upload: UploadedFile, *, actor: User, original_name: str = "") -> ImportJob:
    """Keep the uploaded file (already checked by core.uploads) and queue its import into the commune.

    The file is stored as MEDIA_ROOT/imports/<uuid>.csv: its path never carries personal data.
    """
    if not can_import_register(actor, unit):
        raise PermissionDenied
    stored_name = f"{imports.IMPORTS_DIR}/{uuid.uuid4()}.csv"
    path = imports.stored_path(stored_name)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Readable by the application's user only; O_EXCL never overwrites another job's file.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        with transaction.atomic():
            job = ImportJob.objects.create(
                uploaded_by=actor,
                unit=unit,
                stored_name=stored_name,
                original_name=Path(original_name or upload.name or "").name[:255],
                size=upload.size or 0,
                language=translation.get_language() or "",
            )
            # No file name in the event: people name files after people.
            audit.record(
                "people.register_import_queued", actor=actor, target=job, unit_id=unit.id, data={"size": job.size}
            )
            transaction.on_commit(partial(_enqueue, job.pk))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return job


def _enqueue(job_id: int) -> None:
    try:
        tasks.run_import_job.enqueue(job_id)
    except Exception:
        logger.exception("could not queue register import %s", job_id)
        imports.fail_unqueued(job_id)
