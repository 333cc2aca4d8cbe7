"""Every write of the situation reports: one transaction and one audit event each. The actions check who
acts (access.py) and the rules (rules.py) themselves, so a view, the API or the demo cannot skip them.
No audit event carries a report's text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.territory.models import Unit

from . import access, rules
from .choices import PeriodKind, ReportStatus, Trend
from .models import TEXT_FIELDS, ReportRound, SituationReport

DATE_PROBLEMS = {
    "ends_before_start": _("The period ends before it starts."),
    "deadline_before_start": _("The villages' deadline falls before the period starts."),
    "commune_not_after_villages": _(
        "The communes' deadline comes after the villages': the commune reads its villages' reports first."
    ),
}


# A submitted report refuses every change; the writers' next step is to ask for it back.
LOCKED = _("This report was submitted and is locked; ask the steering committee to reopen it.")


def _event(verb: str, actor: Any, target: Any, unit_id: int, **data: Any) -> None:
    audit.record(f"situation_reports.{verb}", actor=actor, target=target, unit_id=unit_id, data=data)


def refusal_for(label: str, kind: str) -> DomainError:
    """The refusal of a text holding a personal number: which field, what was found, what to do."""
    found = {
        rules.NATIONAL_ID: _("a 12-digit national ID number"),
        rules.OLD_ID: _("a 9-digit identity card (CMND) number"),
        rules.PHONE: _("a phone number"),
    }[kind]
    return DomainError(
        _(
            "“%(field)s” contains what looks like %(found)s. A situation report describes the unit, never a "
            "person: remove the number (and any name it goes with), then save again. Write amounts of money "
            "with dots (150.000.000)."
        )
        % {"field": label, "found": found}
    )


def check_text(fields: dict[str, str], labels: dict[str, Any]) -> None:
    """Refuse the first field whose text holds a national ID number or a phone number (rules.py)."""
    for name, text in fields.items():
        kind = rules.personal_number_in(text)
        if kind is not None:
            exc = refusal_for(str(labels.get(name, name)), kind)
            exc.field = name
            raise exc


def _labels() -> dict[str, Any]:
    return {name: getattr(SituationReport._meta.get_field(name), "verbose_name", name) for name in TEXT_FIELDS}


def open_round(
    *,
    actor: User,
    unit: Unit,
    period_kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    village_deadline: dt.date,
    commune_deadline: dt.date,
    instructions: str = "",
) -> ReportRound:
    """A steering committee opens a round on its province or city: the period and the two deadlines."""
    if unit.kind not in access.ROUND_UNIT_KINDS:
        raise DomainError(_("A round is opened on a province or a city."), field="unit")
    if not access.may_steer(actor, unit):
        raise DomainError(_("Only a member of the unit's steering committee opens a round."), field="unit")
    if period_kind not in PeriodKind.values:
        raise DomainError(_("Choose a month or a quarter."), field="period_kind")
    problem = rules.round_dates_problem(starts_on, ends_on, village_deadline, commune_deadline)
    if problem is not None:
        raise DomainError(DATE_PROBLEMS[problem[1]], field=problem[0])
    if commune_deadline < timezone.localdate():
        raise DomainError(_("The communes' deadline has already passed."), field="commune_deadline")
    check_text({"instructions": instructions}, {"instructions": _("Instructions")})
    with transaction.atomic():
        round_ = ReportRound.objects.create(
            unit=unit, period_kind=period_kind, starts_on=starts_on, ends_on=ends_on,
            village_deadline=village_deadline, commune_deadline=commune_deadline,
            instructions=instructions.strip(), opened_by=actor,
        )  # fmt: skip
        _event("round_opened", actor, round_, unit.pk, starts_on=starts_on.isoformat(), ends_on=ends_on.isoformat(),
               village_deadline=village_deadline.isoformat(), commune_deadline=commune_deadline.isoformat())  # fmt: skip
    return round_


def _require_writer(actor: User, round_: ReportRound, unit: Unit) -> None:
    if not access.in_round(round_, unit) or not access.may_write(actor, unit):
        raise DomainError(_("Only the unit's village head or Front work-committee head (for a village), or the "
                            "commune's officials and chair (for a commune), write its report."))  # fmt: skip


def save_report(
    *,
    actor: User,
    round_: ReportRound,
    unit: Unit,
    main_concerns: str = "",
    hot_spot_count: int = 0,
    hot_spots: str = "",
    complaints_trend: str = "",
    complaints_notes: str = "",
    community_notes: str = "",
    religious_notes: str = "",
    proposals: str = "",
) -> SituationReport:
    """Keep the unit's report as a draft. Text holding a national ID or phone number is refused, and
    nothing is kept."""
    _require_writer(actor, round_, unit)
    texts = {
        "main_concerns": main_concerns, "hot_spots": hot_spots, "complaints_notes": complaints_notes,
        "community_notes": community_notes, "religious_notes": religious_notes, "proposals": proposals,
    }  # fmt: skip
    check_text(texts, _labels())
    if hot_spot_count < 0:
        raise DomainError(_("The number of hot spots is 0 or more."), field="hot_spot_count")
    if hot_spot_count > rules.MAX_HOT_SPOTS:
        raise DomainError(
            _("At most %(limit_value)s: count the places of tension in the unit, not the people or households "
              "involved.") % {"limit_value": rules.MAX_HOT_SPOTS},
            field="hot_spot_count",
        )  # fmt: skip
    if complaints_trend and complaints_trend not in Trend.values:
        raise DomainError(_("Choose rising, about the same or falling."), field="complaints_trend")
    values: dict[str, Any] = {name: text.strip() for name, text in texts.items()}
    values.update(hot_spot_count=hot_spot_count, complaints_trend=complaints_trend)
    with transaction.atomic():
        report, created = _draft_for_update(round_, unit, values)
        if not created:
            if report.is_submitted:
                raise DomainError(LOCKED)
            for name, value in values.items():
                setattr(report, name, value)
            report.save()
        _event("report_saved", actor, report, unit.pk, round=round_.pk)
    return report


def _draft_for_update(round_: ReportRound, unit: Unit, values: dict[str, Any]) -> tuple[SituationReport, bool]:
    """The unit's report, locked, or a new one with `values`. Two first saves at once both find no row and
    both insert: the second insert breaks the unique constraint (one report per unit and round); it then
    reads the row the first one made, once more, and updates that."""
    reports = SituationReport.objects.select_for_update()
    try:
        with transaction.atomic():
            return reports.get_or_create(round=round_, unit=unit, defaults=values)
    except IntegrityError:
        report = reports.filter(round=round_, unit=unit).first()
        if report is None:
            raise DomainError(_("The report could not be saved just now: open it again and save once more.")) from None
        return report, False


def submit_report(*, actor: User, report: SituationReport, at: dt.datetime | None = None) -> SituationReport:
    """Submit the report: it is locked from now on (a steering member may reopen it).

    `at`: the moment of submission when it is not now, for the demo's history only (no page or API passes
    it); it is kept in the audit event beside the event's own time."""
    _require_writer(actor, report.round, report.unit)
    now = timezone.now()
    if at is not None and at > now:
        raise DomainError(_("A report cannot be submitted in the future."))
    submitted_at = at or now
    with transaction.atomic():
        report = SituationReport.objects.select_for_update().select_related("round", "unit").get(pk=report.pk)
        if report.is_submitted:
            raise DomainError(LOCKED)
        if not report.main_concerns:
            raise DomainError(_("Write the residents' main concerns before submitting."), field="main_concerns")
        if not report.complaints_trend:
            raise DomainError(_("Say how complaints went before submitting."), field="complaints_trend")
        check_text({name: getattr(report, name) for name in TEXT_FIELDS}, _labels())
        report.status, report.submitted_at, report.submitted_by = ReportStatus.SUBMITTED, submitted_at, actor
        report.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
        deadline = report.round.deadline_for(report.unit.is_village_level)
        late = timezone.localtime(submitted_at).date() > deadline
        extra = {"submitted_at": submitted_at.isoformat()} if at is not None else {}
        _event("report_submitted", actor, report, report.unit_id, round=report.round_id, late=late, **extra)
    return report


def reopen_report(*, actor: User, report: SituationReport, reason: str) -> SituationReport:
    """A steering member reopens a submitted report, with a reason (kept in the audit trail)."""
    if not access.may_steer(actor, report.round.unit):
        raise DomainError(_("Only the steering committee reopens a submitted report."))
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the report is reopened."), field="reason")
    check_text({"reason": reason}, {"reason": _("Reason")})
    with transaction.atomic():
        report = SituationReport.objects.select_for_update().get(pk=report.pk)
        if not report.is_submitted:
            raise DomainError(_("This report is not submitted."))
        report.status, report.submitted_at, report.submitted_by = ReportStatus.DRAFT, None, None
        report.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
        _event("report_reopened", actor, report, report.unit_id, round=report.round_id, reason=reason)
    return report
