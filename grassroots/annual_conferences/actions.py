"""Every write of an annual conference: one transaction and one audit event each (Law Art 33; D59
Arts 10–11). The actions check who acts (access.py) and the law (rules.py) themselves, so a view, the
API or the demo cannot skip a rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.core.errors import DomainError
from grassroots.people.actions import household_count_on
from grassroots.territory.models import Unit

from . import access, rules
from .choices import NoticeChannel, Party, Slot
from .models import Agreement, Conference

MINUTES_FIELDS = (
    "chair_name",
    "secretary_name",
    "guests",
    "head_report",
    "front_report",
    "inspection_report",
    "inspection_member_name",
    "proposals",
    "answers",
    "approved_contents",
    "praise",
    "conclusion",
    "convention_review",
)


def _event(verb: str, actor: Any, conference: Conference, **data: Any) -> None:
    audit.record(f"annual_conferences.{verb}", actor=actor, target=conference, unit_id=conference.village_id, data=data)


def _day(day: dt.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _lock(conference: Conference) -> Conference:
    return (
        Conference.objects.select_for_update(of=("self",))
        .select_related("village", "village__parent")
        .get(pk=conference.pk)
    )


def _require_open(conference: Conference) -> None:
    if conference.is_closed:
        raise DomainError(_("The minutes of this conference are closed: nothing in it can change now."))


def _require_not_held(conference: Conference) -> None:
    if conference.is_held:
        raise DomainError(_("This conference has already been held."))


def _require_past_or_today(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise DomainError(_("This day is still to come: record it on the day or after."), field=field)


def plan_conference(
    *,
    actor: User,
    village: Unit,
    planned_on: dt.date,
    venue: str,
    content: str,
    organisation: str = "",
    starts_at: dt.time | None = None,
) -> Conference:
    """D59 Art 10: the village head and the Front work committee prepare the plan. Law Art 33(1): one
    conference per village per calendar year, so a second plan for the same year is refused."""
    if not village.is_village_level:
        raise DomainError(_("An annual community conference is held by a village or residential group."))
    if not access.can_plan(actor, village):
        raise DomainError(
            _("Only the village head or the head of the Front work committee of this village prepares the plan.")
        )
    year = planned_on.year
    with transaction.atomic():
        if Conference.objects.filter(village=village, year=year).exists():
            raise DomainError(
                _("This village already has its conference of %(year)s: one a year (Law Art 33(1)).") % {"year": year},
                field="planned_on",
            )
        try:
            with transaction.atomic():
                conference = Conference.objects.create(
                    village=village,
                    year=year,
                    planned_on=planned_on,
                    starts_at=starts_at,
                    venue=venue.strip(),
                    content=content.strip(),
                    organisation=organisation.strip(),
                    planned_by=actor,
                )
        except IntegrityError:
            raise DomainError(
                _("This village already has its conference of %(year)s: one a year (Law Art 33(1)).") % {"year": year},
                field="planned_on",
            ) from None
        _event("planned", actor, conference, year=year, planned_on=planned_on.isoformat())
    return conference


def change_plan(
    *,
    actor: User,
    conference: Conference,
    planned_on: dt.date,
    venue: str,
    content: str,
    organisation: str = "",
    starts_at: dt.time | None = None,
) -> Conference:
    """A changed plan is a new plan (D59 Art 10): the agreements given and the notice sent are withdrawn,
    to be given and sent again. The year cannot change (one conference per calendar year, Law Art 33(1))."""
    if not access.can_plan(actor, conference.village):
        raise DomainError(
            _("Only the village head or the head of the Front work committee of this village prepares the plan.")
        )
    with transaction.atomic():
        conference = _lock(conference)
        _require_not_held(conference)
        if planned_on.year != conference.year:
            raise DomainError(
                _("The plan is for the conference of %(year)s: choose a day of that year (Law Art 33(1)).")
                % {"year": conference.year},
                field="planned_on",
            )
        withdrawn = list(conference.agreements.values_list("party", flat=True))
        conference.agreements.all().delete()
        conference.planned_on, conference.starts_at = planned_on, starts_at
        conference.venue, conference.content, conference.organisation = (
            venue.strip(),
            content.strip(),
            organisation.strip(),
        )
        conference.notice_sent_on, conference.notice_channel = None, ""
        conference.save()
        _event("plan_changed", actor, conference, planned_on=planned_on.isoformat(), agreements_withdrawn=withdrawn)
    return conference


def record_agreement(
    *, actor: User, conference: Conference, party: str, agreed_on: dt.date, note: str = ""
) -> Agreement:
    """D59 Art 10: the plan is agreed beforehand with UBND xã, MTTQ xã and the People's Inspection Board;
    each party records its own agreement."""
    if party not in Party.values:
        raise DomainError(_("Choose who agrees to the plan."), field="party")
    if not access.can_agree(actor, conference.village, party):
        raise DomainError(
            _("Only the %(party)s records its own agreement to the plan (D59 Art 10).") % {"party": Party(party).label},
            field="party",
        )
    _require_past_or_today(agreed_on, "agreed_on")
    with transaction.atomic():
        conference = _lock(conference)
        _require_not_held(conference)
        if conference.agreements.filter(party=party).exists():
            raise DomainError(_("This agreement is already recorded."), field="party")
        agreement = Agreement.objects.create(
            conference=conference, party=party, agreed_on=agreed_on, note=note.strip(), recorded_by=actor
        )
        _event("agreed", actor, conference, party=party, agreed_on=agreed_on.isoformat())
    return agreement


def send_notice(*, actor: User, conference: Conference, sent_on: dt.date, channel: str) -> Conference:
    """D59 Art 10: the notice reaches each household at least 5 days before the conference, in writing,
    by loudspeaker or through the agreed social-network group (the village head tells households directly
    where needed)."""
    if not access.can_convene(actor, conference.village):
        raise DomainError(_("Only the village head convenes the conference (Law Art 33(2))."))
    if channel not in NoticeChannel.values:
        raise DomainError(_("Choose how the notice reaches the households."), field="channel")
    _require_past_or_today(sent_on, "sent_on")
    with transaction.atomic():
        conference = _lock(conference)
        _require_not_held(conference)
        if not rules.notice_in_time(sent_on, conference.planned_on):
            raise DomainError(
                _(
                    "The notice must reach each household at least %(days)s days before the conference "
                    "(D59 Art 10): for %(day)s it goes out by %(latest)s at the latest."
                )
                % {
                    "days": rules.NOTICE_DAYS,
                    "day": _day(conference.planned_on),
                    "latest": _day(rules.latest_notice_day(conference.planned_on)),
                },
                field="sent_on",
            )
        conference.notice_sent_on, conference.notice_channel = sent_on, channel
        conference.save(update_fields=["notice_sent_on", "notice_channel"])
        _event("notice_sent", actor, conference, sent_on=sent_on.isoformat(), channel=channel)
    return conference


def hold_conference(
    *, actor: User, conference: Conference, households_present: int, secretary_name: str, chair_name: str = ""
) -> Conference:
    """Law Art 33(2): the village head convenes and chairs; the household representatives attend. The
    conference is held on its planned day, only once the plan is agreed by all three parties and the
    notice went out at least 5 days before (D59 Art 10). The households of the village are counted on
    that day (people.actions.household_count_on)."""
    if not access.can_convene(actor, conference.village):
        raise DomainError(_("Only the village head convenes and chairs the conference (Law Art 33(2))."))
    with transaction.atomic():
        conference = _lock(conference)
        _require_not_held(conference)
        held_on = conference.planned_on
        if held_on > timezone.localdate():
            raise DomainError(
                _("The conference is planned for %(day)s: record it on that day or after.") % {"day": _day(held_on)}
            )
        if held_on > rules.year_deadline(conference.year):
            raise DomainError(_("The conference of a year is held by 31 December of that year (Law Art 33(1))."))
        agreements = list(conference.agreements.all())
        missing = rules.missing_agreements(a.party for a in agreements)
        if missing:
            raise DomainError(
                _("The plan is not yet agreed by: %(parties)s. It is agreed beforehand (D59 Art 10).")
                % {"parties": ", ".join(str(Party(p).label) for p in missing)}
            )
        late = [a for a in agreements if a.agreed_on > held_on]
        if late:
            raise DomainError(_("The plan must be agreed before the conference (D59 Art 10)."))
        if conference.notice_sent_on is None or not rules.notice_in_time(conference.notice_sent_on, held_on):
            raise DomainError(
                _("The notice must reach each household at least %(days)s days before the conference (D59 Art 10).")
                % {"days": rules.NOTICE_DAYS}
            )
        households = household_count_on(conference.village, held_on)
        if households_present < 0 or households_present > households:
            raise DomainError(
                _("The village has %(n)s households on that day: no more can be present.") % {"n": households},
                field="households_present",
            )
        if not secretary_name.strip():
            raise DomainError(_("Name the secretary who keeps the minutes (D59 Art 10)."), field="secretary_name")
        conference.held_on = held_on
        conference.households_present, conference.households_total = households_present, households
        conference.secretary_name = secretary_name.strip()
        conference.chair_name = chair_name.strip() or actor.get_full_name() or actor.get_username()
        conference.save(
            update_fields=["held_on", "households_present", "households_total", "secretary_name", "chair_name"]
        )
        _event(
            "held", actor, conference, held_on=held_on.isoformat(), households_present=households_present,
            households=households,
        )  # fmt: skip
    return conference


def record_minutes(*, actor: User, conference: Conference, **fields: Any) -> Conference:
    """D59 Art 10: the minutes along the agenda (the reports, proposals and answers, what was approved,
    praise, the conclusion) and the convention review of D61 Art 15 where it was held as part of it.
    Kept by the village head or the Front work committee head until the minutes are closed."""
    if not access.can_plan(actor, conference.village):
        raise DomainError(
            _("Only the village head or the head of the Front work committee of this village keeps the minutes.")
        )
    unknown = set(fields) - set(MINUTES_FIELDS)
    if unknown:
        raise ValueError(f"not fields of the minutes: {sorted(unknown)}")
    with transaction.atomic():
        conference = _lock(conference)
        if not conference.is_held:
            raise DomainError(_("The minutes are kept once the conference is held."))
        _require_open(conference)
        for name, value in fields.items():
            if name in ("proposals", "answers"):
                value = [str(v).strip() for v in value if str(v).strip()]
            else:
                value = str(value).strip()
            setattr(conference, name, value)
        conference.save(update_fields=list(fields))
        _event("minutes_recorded", actor, conference, fields=sorted(fields))
    return conference


def close_minutes(*, actor: User, conference: Conference) -> Conference:
    """D59 Art 10: the minutes are closed only with the three required reports in them (the village head,
    the Front work committee, the village's People's Inspection Board member). Nothing changes after."""
    if not access.can_convene(actor, conference.village):
        raise DomainError(_("Only the village head, who chairs the conference, closes its minutes."))
    with transaction.atomic():
        conference = _lock(conference)
        if not conference.is_held:
            raise DomainError(_("The minutes are kept once the conference is held."))
        _require_open(conference)
        missing = rules.missing_slots(conference.reports())
        if missing:
            raise DomainError(
                _("The minutes lack: %(slots)s. The conference hears these reports (D59 Art 10).")
                % {"slots": ", ".join(str(Slot(s).label) for s in missing)}
            )
        conference.closed_at = timezone.now()
        conference.save(update_fields=["closed_at"])
        _event("minutes_closed", actor, conference)
    return conference


def record_report_sent(*, actor: User, conference: Conference, sent_on: dt.date) -> Conference:
    """D59 Art 11: after the conference the village head sends a written report to UBND xã and MTTQ xã."""
    if not access.can_convene(actor, conference.village):
        raise DomainError(_("Only the village head sends the report (D59 Art 11)."))
    _require_past_or_today(sent_on, "sent_on")
    with transaction.atomic():
        conference = _lock(conference)
        if not conference.is_closed:
            raise DomainError(_("Close the minutes first: the report gives their contents."))
        if conference.report_sent_on is not None:
            raise DomainError(_("The report is already recorded as sent."))
        if conference.held_on is not None and sent_on < conference.held_on:
            raise DomainError(_("The report is sent after the conference (D59 Art 11)."), field="sent_on")
        conference.report_sent_on = sent_on
        conference.save(update_fields=["report_sent_on"])
        _event("report_sent", actor, conference, sent_on=sent_on.isoformat())
    return conference
