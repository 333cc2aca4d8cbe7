"""The synthesis and the response (Law Art 28(3)): groups of opinions with their take-up and
explanation, the published synthesis (also disclosure item 11, Law Art 11), the decision, closing."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.tasks import send_notices

from .. import access, overview, rules
from ..choices import Outcome, TakeUp
from ..models import Consultation, Opinion, OpinionGroup
from ._common import event, lock, require, require_not_closed
from .plan import NOT_YOURS


def _require_window_over(consultation: Consultation) -> None:
    if consultation.published_on is None or consultation.is_open:
        raise DomainError(_("The opinions are synthesised once the consultation period is over."))


def _require_unpublished(consultation: Consultation) -> None:
    if consultation.synthesis_published_at:
        raise DomainError(_("The synthesis is published: its groups and take-up can no longer change."))


def create_group(*, actor: User, consultation: Consultation, title: str) -> OpinionGroup:
    require(access.can_manage(actor, consultation), NOT_YOURS)
    if not title.strip():
        raise DomainError(_("Name the group."), field="title")
    with transaction.atomic():
        consultation = lock(consultation)
        require_not_closed(consultation)
        _require_unpublished(consultation)
        group = OpinionGroup.objects.create(consultation=consultation, title=title.strip())
        event("group_created", actor, consultation, group=group.pk)
    return group


def assign_opinions(*, actor: User, group: OpinionGroup, opinion_ids: list[int]) -> int:
    consultation = group.consultation
    require(access.can_manage(actor, consultation), NOT_YOURS)
    with transaction.atomic():
        consultation = lock(consultation)
        _require_unpublished(consultation)
        count = Opinion.objects.filter(consultation=consultation, pk__in=opinion_ids).update(group=group)
        event("opinions_grouped", actor, consultation, group=group.pk, opinions=count)
    return count


def respond(*, actor: User, group: OpinionGroup, take_up: str, explanation: str) -> OpinionGroup:
    """Law Art 28(3): whether the group's opinions were taken up, partly or not, and why."""
    consultation = group.consultation
    require(access.can_manage(actor, consultation), NOT_YOURS)
    if take_up not in TakeUp.values:
        raise DomainError(_("Say whether the opinions were taken up."), field="take_up")
    if rules.explanation_needed(take_up) and not explanation.strip():
        raise DomainError(
            _("Explain why these opinions were not, or only partly, taken up (Law Art 28(3))."), field="explanation"
        )
    with transaction.atomic():
        consultation = lock(consultation)
        _require_unpublished(consultation)
        group = OpinionGroup.objects.select_for_update().get(pk=group.pk)
        group.take_up, group.explanation = take_up, explanation.strip()
        group.save()
        event("group_answered", actor, consultation, group=group.pk, take_up=take_up)
    return group


def publish_synthesis(*, actor: User, consultation: Consultation, summary: str) -> Consultation:
    """Law Art 28(3): the chair has the synthesis and the explanation published; residents who gave an
    opinion online are told. Every shown opinion must be in a group, and every group answered."""
    require(access.can_manage(actor, consultation), NOT_YOURS)
    if not summary.strip():
        raise DomainError(_("Write the synthesis."), field="summary")
    with transaction.atomic():
        consultation = lock(consultation)
        require_not_closed(consultation)
        _require_unpublished(consultation)
        _require_window_over(consultation)
        if consultation.opinions.filter(hidden_at__isnull=True, group__isnull=True).exists():
            raise DomainError(_("Some opinions are in no group yet: group every opinion first."))
        groups = list(consultation.groups.all())
        if any(not g.take_up for g in groups):
            raise DomainError(_("Some groups have no take-up recorded yet."))
        consultation.synthesis_summary = summary.strip()
        consultation.synthesis_published_at = timezone.now()
        consultation.disclosure_url = reverse("disclosure:unit", args=[consultation.commune.code])
        consultation.save()
        event("synthesis_published", actor, consultation, groups=len(groups))
        users = overview.opinion_authors(consultation)
        url = reverse("consultations:public", args=[consultation.pk])
        text = gettext(
            "The synthesis of the consultation “%(title)s” is published: see what became of your opinion."
        ) % {"title": consultation.title}
        transaction.on_commit(
            lambda: send_notices.enqueue(users, f"consultations.synthesis.{consultation.pk}", text, url)
        )
    return consultation


def record_decision(
    *, actor: User, consultation: Consultation, outcome: str, decision_text: str, departure_explanation: str = ""
) -> Consultation:
    require(access.can_manage(actor, consultation), NOT_YOURS)
    if outcome not in Outcome.values:
        raise DomainError(_("Choose the final decision."), field="outcome")
    with transaction.atomic():
        consultation = lock(consultation)
        require_not_closed(consultation)
        _require_window_over(consultation)
        consultation.outcome, consultation.decision_text = outcome, decision_text.strip()
        consultation.departure_explanation = departure_explanation.strip()
        consultation.save()
        event("decision_recorded", actor, consultation, outcome=outcome)
    return consultation


def close(*, actor: User, consultation: Consultation) -> Consultation:
    """Closed once the synthesis is published and the decision recorded; a decision that departs from
    the majority view is explained first (Law Art 28(3))."""
    require(access.can_manage(actor, consultation), NOT_YOURS)
    with transaction.atomic():
        consultation = lock(consultation)
        require_not_closed(consultation)
        if not consultation.synthesis_published_at:
            raise DomainError(_("Publish the synthesis of the opinions first (Law Art 28(3))."))
        if not consultation.outcome:
            raise DomainError(_("Record the final decision first."))
        view = rules.majority(overview.stances(consultation))
        if rules.departs_from_majority(consultation.outcome, view) and not consultation.departure_explanation:
            raise DomainError(
                _("The decision departs from the majority of opinions: explain why before closing (Law Art 28(3)).")
            )
        consultation.closed_at = timezone.now()
        consultation.save()
        event("closed", actor, consultation, outcome=consultation.outcome)
    return consultation
