"""Writes of the annual evaluation: a scheme, its criteria, its publication, the deletion of a draft. Each in one
transaction with its audit event, filed under the province (`unit_id`); a published scheme is locked (its
ranking is the one announced)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import AnyUser
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from . import registry
from .evaluation_models import EvaluationCriterion, EvaluationScheme, SchemeStatus

LOCKED = _(
    "This scheme was published and is locked: its criteria, weights and targets can no longer change, so that "
    "the ranking stays the one announced."
)
ALREADY_A_SCHEME = _("The province already has a scheme for this year: open it in the list.")
ALREADY_A_CRITERION = _("This indicator is already a criterion of the scheme: change its weight instead.")


def _lock(scheme: EvaluationScheme) -> EvaluationScheme:
    locked = EvaluationScheme.objects.select_for_update().get(pk=scheme.pk)
    if locked.is_published:
        raise DomainError(LOCKED)
    return locked


def _check_indicator(code: str) -> None:
    if registry.get(code) is None:
        raise DomainError(_("There is no such indicator: choose one from the list."), field="indicator")


def create_scheme(*, actor: AnyUser, province: Unit, year: int) -> EvaluationScheme:
    """A draft scheme for the province and the year (one per year)."""
    with transaction.atomic():
        if EvaluationScheme.objects.filter(province=province, year=year).exists():
            raise DomainError(ALREADY_A_SCHEME, field="year")
        try:
            with transaction.atomic():  # two members creating the same year at once: the second is refused
                scheme = EvaluationScheme.objects.create(province=province, year=year)
        except IntegrityError:
            raise DomainError(ALREADY_A_SCHEME, field="year") from None
        audit.record(
            "reporting.evaluation_scheme_created", actor=actor, target=scheme, unit_id=province.pk, data={"year": year}
        )
    return scheme


def add_criterion(
    *, actor: AnyUser, scheme: EvaluationScheme, indicator: str, weight: int, target_percent: int
) -> EvaluationCriterion:
    with transaction.atomic():
        scheme = _lock(scheme)
        _check_indicator(indicator)
        if scheme.criteria.filter(indicator=indicator).exists():
            raise DomainError(ALREADY_A_CRITERION, field="indicator")
        criterion = EvaluationCriterion.objects.create(
            scheme=scheme, indicator=indicator, weight=weight, target_percent=target_percent
        )
        audit.record(
            "reporting.evaluation_criterion_added",
            actor=actor,
            target=scheme,
            unit_id=scheme.province_id,
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
            raise DomainError(ALREADY_A_CRITERION, field="indicator")
        criterion.indicator, criterion.weight, criterion.target_percent = indicator, weight, target_percent
        criterion.save(update_fields=["indicator", "weight", "target_percent"])
        audit.record(
            "reporting.evaluation_criterion_changed",
            actor=actor,
            target=scheme,
            unit_id=scheme.province_id,
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
        audit.record(
            "reporting.evaluation_criterion_removed", actor=actor, target=scheme, unit_id=scheme.province_id, data=data
        )


def publish_scheme(*, actor: AnyUser, scheme: EvaluationScheme) -> EvaluationScheme:
    """Publish the scheme: from now on its criteria and weights are locked."""
    with transaction.atomic():
        scheme = _lock(scheme)
        if not scheme.criteria.exists():
            raise DomainError(_("Add at least 1 criterion to publish the scheme."))
        scheme.status = SchemeStatus.PUBLISHED
        scheme.published_at = timezone.now()
        scheme.save(update_fields=["status", "published_at"])
        audit.record(
            "reporting.evaluation_scheme_published",
            actor=actor,
            target=scheme,
            unit_id=scheme.province_id,
            data={"criteria": scheme.criteria.count()},
        )
    return scheme


def delete_draft_scheme(*, actor: AnyUser, scheme: EvaluationScheme) -> Unit:
    """Delete a draft scheme and its criteria (a published one is locked: its ranking was announced). The
    audit event keeps what was deleted; returns the province, whose list of schemes comes next."""
    with transaction.atomic():
        scheme = _lock(scheme)
        province = scheme.province
        criteria = [
            {"indicator": c.indicator, "weight": c.weight, "target_percent": c.target_percent}
            for c in scheme.criteria.all()
        ]
        audit.record(
            "reporting.evaluation_scheme_deleted",
            actor=actor,
            target=scheme,
            unit_id=scheme.province_id,
            data={"year": scheme.year, "criteria": criteria},
        )
        scheme.delete()
    return province
