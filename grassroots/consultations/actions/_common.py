"""What every consultation action shares: the audit event, the lock, the state checks."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from grassroots.core import audit
from grassroots.core.errors import DomainError

from ..models import Consultation


def event(verb: str, actor: Any, consultation: Consultation, **data: Any) -> None:
    audit.record(f"consultations.{verb}", actor=actor, target=consultation, unit_id=consultation.commune_id, data=data)


def lock(consultation: Consultation) -> Consultation:
    return (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("commune", "village")
        .get(pk=consultation.pk)
    )


def require(allowed: bool, message: Any) -> None:
    if not allowed:
        raise DomainError(message)


def require_not_published(consultation: Consultation) -> None:
    if consultation.published_on is not None:
        raise DomainError(_("This consultation is already published: its plan and questions can no longer change."))


def require_open(consultation: Consultation) -> None:
    if not consultation.is_open:
        raise DomainError(_("This consultation is not open for opinions now."))


def require_not_closed(consultation: Consultation) -> None:
    if consultation.closed_at is not None:
        raise DomainError(_("This consultation is closed: nothing in it can change now."))
