"""Linking an account to a resident record after verification (as Decidim and CONSUL do with a census)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent

from .crypto import national_id_hash
from .models import Resident
from .rules import is_well_formed_national_id

# Failed self-verifications allowed per account and day, so the form cannot be used to guess numbers.
MAX_VERIFICATION_ATTEMPTS_PER_DAY = 5


def _link(user: User, resident: Resident, *, by: User | None) -> None:
    if hasattr(resident, "user") and resident.user is not None and resident.user.pk != user.pk:
        raise DomainError(_("This resident record is already linked to another account."))
    user.resident = resident
    user.resident_verified_at = timezone.now()
    user.resident_verified_by = by
    user.save(update_fields=["resident", "resident_verified_at", "resident_verified_by"])


def failed_attempts_today(user: User, today: dt.date) -> int:
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    return AuditEvent.objects.filter(verb="accounts.verification_failed", actor=user, created_at__gte=start).count()


def verify_resident_link(user: User, *, national_id: str, birth_date: dt.date) -> Resident:
    """Link the account to the resident whose national ID number and date of birth both match."""
    if user.resident_id is not None:
        raise DomainError(_("Your account is already linked to a resident record."))
    if failed_attempts_today(user, timezone.localdate()) >= MAX_VERIFICATION_ATTEMPTS_PER_DAY:
        raise DomainError(_("Too many attempts today. Try again tomorrow or ask your village head."))
    resident = None
    if is_well_formed_national_id(national_id):
        resident = Resident.objects.filter(
            national_id_hash=national_id_hash(national_id), birth_date=birth_date, anonymized_at__isnull=True
        ).first()
    if resident is None:
        with transaction.atomic():
            audit.record("accounts.verification_failed", actor=user, target=user)
        # One message for every failure: it must not tell which of the two fields was right.
        raise DomainError(_("No resident record matches this national ID number and date of birth."))
    with transaction.atomic():
        _link(user, resident, by=None)
        audit.record(
            "accounts.resident_linked", actor=user, target=user, data={"resident": resident.pk, "method": "self"}
        )
    return resident


def confirm_resident_link(user: User, resident: Resident, *, actor: User, unit_id: int | None) -> None:
    """An official (or the village head) confirms in person that the account is this resident's."""
    if user.resident_id is not None and user.resident_id != resident.pk:
        raise DomainError(_("This account is already linked to another resident record."), field="account")
    with transaction.atomic():
        _link(user, resident, by=actor)
        audit.record(
            "accounts.resident_linked",
            actor=actor,
            target=user,
            unit_id=unit_id,
            data={"resident": resident.pk, "method": "confirmed"},
        )
