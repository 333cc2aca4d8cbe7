"""Every write of the satisfaction ratings: one transaction and one audit event each (Law Art 35(2)(a)).
The actions check who acts (access.py) and the law (rules.py) themselves, so a view, the API or the demo
cannot skip a rule. No audit event names the resident who rated (the rating's id only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from . import access, rules
from .choices import CommentStatus
from .models import Rating, Service


def _event(verb: str, actor: Any, target: Any, commune: Unit, **data: Any) -> None:
    audit.record(f"service_ratings.{verb}", actor=actor, target=target, unit_id=commune.pk, data=data)


def add_service(*, actor: User, commune: Unit, name: str) -> Service:
    """The commune official keeps the list of the commune's administrative services."""
    if not access.can_keep_services(actor, commune):
        raise DomainError(_("Only a commune official keeps the list of services."))
    name = name.strip()
    with transaction.atomic():
        names = Service.objects.filter(commune=commune).values_list("name", flat=True)
        if name.casefold() in {n.casefold() for n in names}:
            raise DomainError(_("This service is already on the list."), field="name")
        service = Service.objects.create(commune=commune, name=name, created_by=actor)
        _event("service_added", actor, service, commune, name=name)
    return service


def set_service_offered(*, actor: User, service: Service, active: bool) -> Service:
    """A service is withdrawn (or offered again), never deleted: its past results stay."""
    if not access.can_keep_services(actor, service.commune):
        raise DomainError(_("Only a commune official keeps the list of services."))
    with transaction.atomic():
        service.active = active
        service.save(update_fields=["active"])
        _event("service_offered" if active else "service_withdrawn", actor, service, service.commune)
    return service


def _score(value: Any, field: str) -> int:
    if not rules.score_valid(value):
        raise DomainError(
            _("Choose a score from %(min)s to %(max)s (Law Art 35(2)(a)).")
            % {"min": rules.SCORE_MIN, "max": rules.SCORE_MAX},
            field=field,
        )
    return int(value)


def rate(
    *,
    actor: User,
    service: Service,
    timeliness: int,
    guidance: int,
    official: User | None = None,
    official_score: int | None = None,
    comment: str = "",
    on: dt.date | None = None,
) -> Rating:
    """A resident rates a service of their commune and, optionally, the official who served them (Law
    Art 34(1), Art 35(2)(a)). The one-rating rule: one rating per resident per service per quarter."""
    day = on or timezone.localdate()
    commune = access.resident_commune(actor)
    if commune is None or commune.pk != service.commune_id:
        raise DomainError(_("Only a verified resident of this commune rates its services."))
    if not service.active:
        raise DomainError(_("This service is no longer offered."), field="service")
    timeliness, guidance = _score(timeliness, "timeliness"), _score(guidance, "guidance")
    if official is not None:
        if not access.rated_officials(commune).filter(pk=official.pk).exists():
            raise DomainError(_("Choose an official of this commune."), field="official")
        official_score = _score(official_score, "official_score")
    else:
        official_score = None
    year, quarter = rules.quarter_of(day)
    comment = comment.strip()
    refusal = _(
        "You have already rated this service this quarter: one rating per service per quarter. "
        "You may rate it again from %(day)s (Law Art 35(2)(a))."
    )
    with transaction.atomic():
        earlier = Rating.objects.filter(rater=actor, service=service).values_list("rated_on", flat=True)
        if not rules.may_rate(day, earlier):
            raise DomainError(refusal % {"day": _next_quarter(year, quarter)}, field="service")
        try:
            with transaction.atomic():
                rating = Rating.objects.create(
                    service=service, commune=commune, rater=actor, official=official, year=year, quarter=quarter,
                    rated_on=day, timeliness=timeliness, guidance=guidance, official_score=official_score,
                    comment=comment, comment_status=CommentStatus.PENDING if comment else CommentStatus.NONE,
                )  # fmt: skip
        except IntegrityError:
            raise DomainError(refusal % {"day": _next_quarter(year, quarter)}, field="service") from None
        _event("rated", None, rating, commune, service=service.pk, year=year, quarter=quarter, comment=bool(comment))
    return rating


def _next_quarter(year: int, quarter: int) -> str:
    first = rules.quarter_bounds(year, quarter)[1] + dt.timedelta(days=1)
    return formats.date_format(first, "DATE_FORMAT")


def _moderatable(actor: User, rating: Rating) -> None:
    if not access.can_moderate(actor, rating.commune):
        raise DomainError(_("Only a commune official moderates comments."))
    if rating.official_id == actor.pk:
        raise DomainError(_("A comment about you is moderated by another official."))
    if rating.comment_status == CommentStatus.NONE:
        raise DomainError(_("This rating has no comment."))


def publish_comment(*, actor: User, rating: Rating) -> Rating:
    """The comment is shown publicly, without its author."""
    _moderatable(actor, rating)
    with transaction.atomic():
        rating = Rating.objects.select_for_update().get(pk=rating.pk)
        rating.comment_status = CommentStatus.PUBLISHED
        rating.hidden_reason = ""
        rating.moderated_by, rating.moderated_at = actor, timezone.now()
        rating.save(update_fields=["comment_status", "hidden_reason", "moderated_by", "moderated_at"])
        _event("comment_published", actor, rating, rating.commune)
    return rating


def hide_comment(*, actor: User, rating: Rating, reason: str) -> Rating:
    """The comment is hidden with a reason (never deleted): it stays in the console with the reason."""
    _moderatable(actor, rating)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the comment is hidden."), field="reason")
    with transaction.atomic():
        rating = Rating.objects.select_for_update().get(pk=rating.pk)
        rating.comment_status = CommentStatus.HIDDEN
        rating.hidden_reason = reason
        rating.moderated_by, rating.moderated_at = actor, timezone.now()
        rating.save(update_fields=["comment_status", "hidden_reason", "moderated_by", "moderated_at"])
        _event("comment_hidden", actor, rating, rating.commune, reason=reason)
    return rating
