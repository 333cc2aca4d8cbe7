"""Duties under the Law on Personal Data Protection (Law 91/2025/QH15): access and erasure.

- `export_person`: everything the system holds about a resident with an account, and about their
  household (other members appear by name, birth date and sex only: never their ID or phone).
- `anonymize_resident`: removes what identifies a person and keeps the rows that counts and
  results depend on (memberships, representation periods), so every past count, vote and the audit
  chain stay valid. The audit trail itself holds no personal data (see core.audit.record).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from grassroots.accounts.models import RoleAssignment, SignIn, User
from grassroots.accounts.sessions import end_sessions
from grassroots.core import audit
from grassroots.core.models import AuditEvent

from .crypto import decrypt_national_id
from .models import Membership, Representation, Resident


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def export_person(user: User) -> dict[str, Any]:
    """The data-subject access export, as JSON-ready values."""
    data: dict[str, Any] = {
        "generated_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "phone": user.phone,
            "date_joined": user.date_joined.isoformat(),
            "resident_verified_at": user.resident_verified_at.isoformat() if user.resident_verified_at else None,
        },
        "roles": [
            {
                "role": r.role,
                "unit": r.unit.code,
                "unit_name": r.unit.name,
                "valid_from": _day(r.valid_from),
                "valid_to": _day(r.valid_to),
            }
            for r in RoleAssignment.objects.filter(user=user).select_related("unit").order_by("valid_from")
        ],
        "sign_ins": [
            {
                "at": s.signed_in_at.isoformat(),
                "address": s.ip_address,
                "browser": s.user_agent,
                "ended_at": s.ended_at.isoformat() if s.ended_at else None,
            }
            for s in SignIn.objects.filter(user=user)
        ],
        "actions_recorded": [
            {"at": e.created_at.isoformat(), "action": e.verb, "object": f"{e.target_type}:{e.target_id}"}
            for e in AuditEvent.objects.filter(actor=user).order_by("seq")
        ],
        "resident": None,
        "households": [],
    }
    resident = user.resident
    if resident is None:
        return data
    data["resident"] = {
        "full_name": resident.full_name,
        "birth_date": _day(resident.birth_date),
        "sex": resident.sex,
        "national_id": decrypt_national_id(resident.national_id_encrypted),
        "phone": resident.phone,
    }
    for membership in (
        Membership.objects.filter(resident=resident)
        .select_related("household", "household__unit")
        .order_by("valid_from")
    ):
        household = membership.household
        members = Membership.objects.filter(household=household).select_related("resident").order_by("valid_from")
        data["households"].append(
            {
                "code": household.code,
                "address": household.address,
                "village": household.unit.name,
                "member_from": _day(membership.valid_from),
                "member_until": _day(membership.valid_to),
                "representative_periods": [
                    {"from": _day(r.valid_from), "until": _day(r.valid_to)}
                    for r in Representation.objects.filter(household=household, resident=resident)
                ],
                "members": [
                    {
                        "full_name": m.resident.full_name,
                        "birth_date": _day(m.resident.birth_date),
                        "sex": m.resident.sex,
                        "from": _day(m.valid_from),
                        "until": _day(m.valid_to),
                    }
                    for m in members
                ],
            }
        )
    return data


def record_export(user: User) -> None:
    with transaction.atomic():
        audit.record("people.personal_data_exported", actor=user, target=user)


@transaction.atomic
def anonymize_resident(resident: Resident, *, actor: User) -> None:
    """Erase what identifies the person; keep the periods that counts and results rest on."""
    if resident.anonymized_at is not None:
        return
    resident.full_name = f"— #{resident.pk}"
    # The year stays (age bands in statistics); the day and month go.
    resident.birth_date = dt.date(resident.birth_date.year, 1, 1)
    resident.national_id_hash = None
    resident.national_id_encrypted = ""
    resident.phone = ""
    resident.anonymized_at = timezone.now()
    resident.save(
        update_fields=["full_name", "birth_date", "national_id_hash", "national_id_encrypted", "phone", "anonymized_at"]
    )
    user = User.objects.filter(resident=resident).first()
    if user is not None:
        end_sessions(user, actor=actor)
        user.username = f"anonymized-{user.pk}"
        user.first_name = user.last_name = user.email = ""
        user.phone = None
        user.is_active = False
        user.set_unusable_password()
        user.save()
        SignIn.objects.filter(user=user).update(ip_address=None, user_agent="")
    audit.record("people.resident_anonymized", actor=actor, target=resident)
