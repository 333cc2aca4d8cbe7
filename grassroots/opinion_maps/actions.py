"""Every write of an opinion map: one transaction and one audit event each. The actions check who acts
(access.py) and the rules (rules.py) themselves, so a view, the API or the demo cannot skip one.
Audit events of residents' writes carry the statement's id, never the vote's value."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from . import access, rules
from .choices import Choice, MapStatus
from .models import OpinionMap, Participant, Statement, Vote


def _event(verb: str, actor: Any, opinion_map: OpinionMap, **data: Any) -> None:
    audit.record(f"opinion_maps.{verb}", actor=actor, target=opinion_map, unit_id=opinion_map.unit_id, data=data)


def _day(day: dt.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _lock(opinion_map: OpinionMap) -> OpinionMap:
    return OpinionMap.objects.select_for_update(of=("self",)).select_related("unit").get(pk=opinion_map.pk)


def _require_manager(actor: User, opinion_map: OpinionMap) -> None:
    if not access.can_manage(actor, opinion_map.unit):
        raise DomainError(_("Only a commune official or the commune chair manages the opinion maps of the commune."))


def _check_window(opens_on: dt.date, closes_on: dt.date, field: str = "closes_on") -> None:
    if not rules.window_long_enough(opens_on, closes_on):
        raise DomainError(
            _(
                "Residents have at least %(days)s days to give their opinions (Law Art 28): "
                "opening on %(opens)s, the map closes on %(earliest)s at the earliest."
            )
            % {
                "days": rules.MIN_WINDOW_DAYS,
                "opens": _day(opens_on),
                "earliest": _day(rules.earliest_close(opens_on)),
            },
            field=field,
        )


def create_map(
    *, actor: User, unit: Unit, title: str, question: str, opens_on: dt.date, closes_on: dt.date
) -> OpinionMap:
    if not (unit.is_commune_level or unit.is_village_level):
        raise DomainError(_("An opinion map belongs to a commune or to one of its villages."), field="unit")
    if not access.can_manage(actor, unit):
        raise DomainError(_("Only a commune official or the commune chair manages the opinion maps of the commune."))
    _check_window(opens_on, closes_on)
    with transaction.atomic():
        opinion_map = OpinionMap.objects.create(
            unit=unit, title=title.strip(), question=question.strip(), opens_on=opens_on, closes_on=closes_on,
            created_by=actor,
        )  # fmt: skip
        _event("created", actor, opinion_map, opens_on=opens_on.isoformat(), closes_on=closes_on.isoformat())
    return opinion_map


def _check_text(text: str) -> str:
    text = " ".join(text.split())
    if not rules.statement_length_ok(text):
        raise DomainError(
            _("A statement has %(min)s to %(max)s characters: one idea, short enough to read on a phone.")
            % {"min": rules.STATEMENT_MIN_CHARS, "max": rules.STATEMENT_MAX_CHARS},
            field="text",
        )
    return text


def add_seed_statement(*, actor: User, opinion_map: OpinionMap, text: str) -> Statement:
    """The commune starts the discussion with a few statements (no author shown)."""
    _require_manager(actor, opinion_map)
    text = _check_text(text)
    with transaction.atomic():
        opinion_map = _lock(opinion_map)
        if opinion_map.status == MapStatus.CLOSED:
            raise DomainError(_("This opinion map is closed."))
        statement = Statement.objects.create(map=opinion_map, text=text)
        _event("seed_statement_added", actor, opinion_map, statement=statement.pk)
    return statement


def open_map(*, actor: User, opinion_map: OpinionMap) -> OpinionMap:
    """The content is published and the window starts: at least 20 days from today (Law Art 28)."""
    _require_manager(actor, opinion_map)
    today = timezone.localdate()
    with transaction.atomic():
        opinion_map = _lock(opinion_map)
        if opinion_map.status != MapStatus.DRAFT:
            raise DomainError(_("This opinion map is already open or closed."))
        if opinion_map.opens_on > today:
            raise DomainError(
                _("This map opens on %(day)s: open it on that day.") % {"day": _day(opinion_map.opens_on)}
            )
        _check_window(today, opinion_map.closes_on)
        if not opinion_map.statements.exists():
            raise DomainError(_("Write at least one statement first, so residents have something to vote on."))
        opinion_map.status, opinion_map.opened_at = MapStatus.OPEN, timezone.now()
        opinion_map.save(update_fields=["status", "opened_at"])
        _event("opened", actor, opinion_map)
    return opinion_map


def close_map(*, actor: User, opinion_map: OpinionMap) -> OpinionMap:
    """Closed no earlier than its closing day, so the 20 days of Law Art 28 are never cut short."""
    _require_manager(actor, opinion_map)
    with transaction.atomic():
        opinion_map = _lock(opinion_map)
        if opinion_map.status != MapStatus.OPEN:
            raise DomainError(_("Only an open map can be closed."))
        if timezone.localdate() < opinion_map.closes_on:
            raise DomainError(
                _("The map stays open until %(day)s (Law Art 28): close it on that day or after.")
                % {"day": _day(opinion_map.closes_on)}
            )
        opinion_map.status, opinion_map.closed_at = MapStatus.CLOSED, timezone.now()
        opinion_map.save(update_fields=["status", "closed_at"])
        _event("closed", actor, opinion_map)
    request_report_in(opinion_map)
    return opinion_map


def publish(*, actor: User, opinion_map: OpinionMap) -> OpinionMap:
    """The report is published once the map is closed and a report computed after closing exists."""
    _require_manager(actor, opinion_map)
    with transaction.atomic():
        opinion_map = _lock(opinion_map)
        if opinion_map.status != MapStatus.CLOSED:
            raise DomainError(_("Close the map first: the report published is the final one."))
        if opinion_map.is_published:
            raise DomainError(_("This report is already published."))
        latest = opinion_map.reports.first()
        if latest is None or (opinion_map.closed_at and latest.computed_at < opinion_map.closed_at):
            raise DomainError(_("Compute the report after closing first; then publish it."))
        opinion_map.published_at = timezone.now()
        opinion_map.save(update_fields=["published_at"])
        _event("published", actor, opinion_map, report=latest.pk)
    return opinion_map


def hide_statement(*, actor: User, statement: Statement, reason: str) -> Statement:
    """Moderation: a statement is hidden with a reason shown to all, never deleted."""
    _require_manager(actor, statement.map)
    if not reason.strip():
        raise DomainError(_("Give the reason for hiding: it is shown in place of the statement."), field="reason")
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
        if statement.is_hidden:
            raise DomainError(_("This statement is already hidden."))
        statement.hidden_at, statement.hidden_reason, statement.hidden_by = timezone.now(), reason.strip(), actor
        statement.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
        _event("statement_hidden", actor, statement.map, statement=statement.pk, reason=statement.hidden_reason)
    return statement


def restore_statement(*, actor: User, statement: Statement) -> Statement:
    _require_manager(actor, statement.map)
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
        if not statement.is_hidden:
            raise DomainError(_("This statement is not hidden."))
        statement.hidden_at, statement.hidden_reason, statement.hidden_by = None, "", None
        statement.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
        _event("statement_restored", actor, statement.map, statement=statement.pk)
    return statement


def _participant(actor: User, opinion_map: OpinionMap) -> Participant:
    resident = access.resident_of(actor)
    if resident is None or not access.lives_in(resident, opinion_map.unit):
        raise DomainError(_("Only residents of %(unit)s take part in this map.") % {"unit": opinion_map.unit.name})
    if not opinion_map.accepts_votes():
        raise DomainError(_("This opinion map is not open for statements and votes."))
    participant, _created = Participant.objects.get_or_create(map=opinion_map, resident=resident)
    return participant


def write_statement(*, actor: User, opinion_map: OpinionMap, text: str, signed: bool = False) -> Statement:
    """A resident's statement: anonymous unless they choose to sign it with their name."""
    text = _check_text(text)
    with transaction.atomic():
        opinion_map = _lock(opinion_map)
        participant = _participant(actor, opinion_map)
        if Statement.objects.filter(map=opinion_map, author=participant).count() >= rules.STATEMENTS_PER_RESIDENT:
            raise DomainError(
                _("You have written %(n)s statements on this map, the most one resident may write.")
                % {"n": rules.STATEMENTS_PER_RESIDENT},
                field="text",
            )
        statement = Statement.objects.create(map=opinion_map, author=participant, text=text, signed=signed)
        _event("statement_written", actor, opinion_map, statement=statement.pk, signed=signed)
    return statement


def vote(*, actor: User, statement: Statement, value: int) -> Vote:
    """One vote per resident per statement, changed in place while the map is open; not on one's own."""
    if value not in Choice.values:
        raise DomainError(_("Choose agree, disagree or pass."), field="value")
    with transaction.atomic():
        opinion_map = _lock(statement.map)
        participant = _participant(actor, opinion_map)
        statement = Statement.objects.get(pk=statement.pk)
        if statement.is_hidden:
            raise DomainError(_("This statement is hidden: it takes no votes."))
        if statement.author_id == participant.pk:
            raise DomainError(_("You wrote this statement: you vote on the statements of others."))
        found, created = Vote.objects.update_or_create(
            statement=statement, participant=participant,
            defaults={"value": value, "map": opinion_map, "updated_at": timezone.now()},
        )  # fmt: skip
        _event("voted" if created else "vote_changed", actor, opinion_map, statement=statement.pk)
    return found


def request_report(*, actor: User, opinion_map: OpinionMap) -> None:
    """The report is computed in the background (tasks.compute_report) and stored."""
    _require_manager(actor, opinion_map)
    with transaction.atomic():
        _event("report_requested", actor, opinion_map)
        request_report_in(opinion_map)


def request_report_in(opinion_map: OpinionMap) -> None:
    from .tasks import compute_report

    pk = opinion_map.pk
    transaction.on_commit(lambda: compute_report.enqueue(pk))
