"""Duties under the Law on Personal Data Protection (Law 91/2025/QH15): access and erasure.

- `export_person`: everything the system holds about a resident with an account, and about their
  household (other members appear by name, birth date and sex only: never their ID or phone).
- `anonymize_resident`: removes what identifies a person and keeps the rows that counts and
  results depend on (memberships, representation periods), so every past count, vote and the audit
  chain stay valid. The audit trail itself holds no personal data (see core.audit.record). The
  name is also replaced wherever it was copied as text: Django admin's history (`django_admin_log`)
  and the free-text fields listed in NAME_BEARING_FIELDS.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from grassroots.accounts.models import RoleAssignment, SignIn, User
from grassroots.accounts.sessions import end_sessions
from grassroots.accounts.tokens import revoke_all_tokens
from grassroots.core import audit
from grassroots.core.models import AuditEvent

from .crypto import decrypt_national_id
from .models import Membership, Representation, Resident

# Free text that officials type and that can hold a resident's name, by model label (strings, so
# that people imports nothing from the apps built on it). A new free-text field that may name a
# person is added here; test_privacy checks every label resolves.
NAME_BEARING_FIELDS: dict[str, tuple[str, ...]] = {
    "decisions.Matter": ("title", "question", "description", "refusal_reason", "decision_text"),
    "decisions.Ballot": ("comment",),
    "decisions.Meeting": ("secretary",),
    "decisions.Cluster": ("chair",),
    "decisions.TeamMember": ("name",),
    "training.Session": ("speaker",),
    "training.Question": ("text", "answer", "answered_by"),
    "training.Difficulty": ("text", "response"),
    "training.Feedback": ("comment",),
}


def _name_pattern(name: str) -> re.Pattern[str]:
    """The whole name as words (any case, any run of spaces), not inside a longer word."""
    words = [re.escape(w) for w in name.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def scrub_name(name: str, placeholder: str) -> int:
    """Replace the name by the placeholder in admin history and in NAME_BEARING_FIELDS; rows changed."""
    if not name.split():
        return 0
    pattern = _name_pattern(name)
    # The database finds the candidates (the name as typed in the register, case-insensitive where
    # the database folds case); the pattern decides what is replaced.
    whole = " ".join(name.split())
    changed = 0
    for entry in LogEntry.objects.filter(object_repr__icontains=whole) | LogEntry.objects.filter(
        change_message__icontains=whole
    ):
        repr_, message = pattern.sub(placeholder, entry.object_repr), pattern.sub(placeholder, entry.change_message)
        if (repr_, message) != (entry.object_repr, entry.change_message):
            LogEntry.objects.filter(pk=entry.pk).update(object_repr=repr_[:200], change_message=message)
            changed += 1
    for label, fields in NAME_BEARING_FIELDS.items():
        model = apps.get_model(label)
        for field in fields:
            for row in model.objects.filter(**{f"{field}__icontains": whole}):
                value = getattr(row, field)
                new = pattern.sub(placeholder, value)
                if new != value:
                    setattr(row, field, new[: model._meta.get_field(field).max_length or None])
                    row.save(update_fields=[field])  # through save(): folded search copies follow
                    changed += 1
    return changed


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
    old_name = resident.full_name
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
        revoke_all_tokens(user, actor=actor, reason="anonymized")
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)).update(
            object_repr=str(user)
        )
    # The admin's history names the record as it was when it was edited.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Resident), object_id=str(resident.pk)
    ).update(object_repr=str(resident))
    scrub_name(old_name, resident.full_name)
    audit.record("people.resident_anonymized", actor=actor, target=resident)
