"""Writes of the annual evaluation: a scheme, its criteria, its publication. Each in one transaction with its
audit event; a published scheme is locked (its ranking is the one announced)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import AnyUser
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from . import registry
from .evaluation_models import EvaluationCriterion, EvaluationScheme, SchemeStatus

LOCKED = _("This scheme is published: its criteria can no longer change.")


def _lock(scheme: EvaluationScheme) -> EvaluationScheme:
    locked = EvaluationScheme.objects.select_for_update().get(pk=scheme.pk)
    if locked.is_published:
        raise DomainError(LOCKED)
    return locked


def _check_indicator(code: str) -> None:
    if registry.get(code) is None:
        raise DomainError(_("There is no such indicator."), field="indicator")


def create_scheme(*, actor: AnyUser, province: Unit, year: int) -> EvaluationScheme:
    """A draft scheme for the province and the year (one per year)."""
    with transaction.atomic():
        if EvaluationScheme.objects.filter(province=province, year=year).exists():
            raise DomainError(_("The province already has a scheme for this year."), field="year")
        scheme = EvaluationScheme.objects.create(province=province, year=year)
        audit.record("reporting.evaluation_scheme_created", actor=actor, target=scheme, data={"year": year})
    return scheme


def add_criterion(
    *, actor: AnyUser, scheme: EvaluationScheme, indicator: str, weight: int, target_percent: int
) -> EvaluationCriterion:
    with transaction.atomic():
        scheme = _lock(scheme)
        _check_indicator(indicator)
        if scheme.criteria.filter(indicator=indicator).exists():
            raise DomainError(_("This indicator is already a criterion of the scheme."), field="indicator")
        criterion = EvaluationCriterion.objects.create(
            scheme=scheme, indicator=indicator, weight=weight, target_percent=target_percent
        )
        audit.record(
            "reporting.evaluation_criterion_added",
            actor=actor,
            target=scheme,
            data={"indicator": indicator, "weight": weight, "target_percent": target_percent},
        )
    return criterion


def change_criterion(
    *, actor: AnyUser, criterion: EvaluationCriterion, indicator: str, weight: int, target_percent: int
) -> EvaluationCriterion:
    with transaction.atomic():
        scheme = _lock(criterion.scheme)
        _check_indicator(indicator)
        if scheme.criteria.filter(indicator=indicator).exclude(pk=criterion.pk).exists():
            raise DomainError(_("This indicator is already a criterion of the scheme."), field="indicator")
        criterion.indicator, criterion.weight, criterion.target_percent = indicator, weight, target_percent
        criterion.save(update_fields=["indicator", "weight", "target_percent"])
        audit.record(
            "reporting.evaluation_criterion_changed",
            actor=actor,
            target=scheme,
            data={
                "criterion": criterion.pk,
                "indicator": indicator,
                "weight": weight,
                "target_percent": target_percent,
            },
        )
    return criterion


def remove_criterion(*, actor: AnyUser, criterion: EvaluationCriterion) -> None:
    with transaction.atomic():
        scheme = _lock(criterion.scheme)
        data = {"criterion": criterion.pk, "indicator": criterion.indicator}
        criterion.delete()
        audit.record("reporting.evaluation_criterion_removed", actor=actor, target=scheme, data=data)


def publish_scheme(*, actor: AnyUser, scheme: EvaluationScheme) -> EvaluationScheme:
    """Publish the scheme: from now on its criteria and weights are locked."""
    with transaction.atomic():
        scheme = _lock(scheme)
        if not scheme.criteria.exists():
            raise DomainError(_("A scheme needs at least one criterion before it is published."))
        scheme.status = SchemeStatus.PUBLISHED
        scheme.published_at = timezone.now()
        scheme.save(update_fields=["status", "published_at"])
        audit.record(
            "reporting.evaluation_scheme_published",
            actor=actor,
            target=scheme,
            data={"criteria": scheme.criteria.count()},
        )
    return scheme
