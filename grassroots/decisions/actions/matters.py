"""Tabling a matter and preparing it (Art 16; D59 Arts 3–5): agreements, notices, the online opt-in poll,
the teams, citizen initiatives, and opening it for decision."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.people.actions import household_count_on
from grassroots.people.models import Household
from grassroots.territory.models import Unit

from .. import notify, rules
from ..access import can_agree, can_manage, may_table_as
from ..models import Consent, Form, Matter, MatterVillage, Status, StepCorrection, TabledVia, TeamMember
from ._guards import (
    PREPARING,
    _correction,
    _event,
    _households_now,
    _refuse,
    _require_manager,
    _require_preparing,
    _require_status,
    _save,
)


def village_units(matter: Matter, day: dt.date | None = None) -> list[Unit]:
    """The villages a matter counts: its own, or every village of the commune that exists on the day
    (a merged or ended village is not in V; law.md 10.A.2)."""
    if matter.scope == rules.Scope.VILLAGE:
        return [matter.unit]
    villages = Unit.objects.filter(parent=matter.unit).villages()
    return list(villages.valid_on(day or timezone.localdate()).order_by("code"))


@transaction.atomic
def create_matter(
    *, actor: User, unit: Unit, item: int, title: str, question: str, description: str = "", tabled_via: str
) -> Matter:
    """Table a matter (Art 16): in a village by its head with the Front work committee; commune-wide
    by the chair; or as a citizen initiative, which first collects consents."""
    scope = rules.Scope.VILLAGE if unit.is_village_level else rules.Scope.COMMUNE
    if not (unit.is_village_level or unit.is_commune_level):
        raise DomainError(_("A matter belongs to a village or a commune."), field="unit")
    _refuse(rules.scope_allowed(rules.Item(item), scope))
    verdict = rules.tabling_allowed(rules.Item(item))
    if not verdict.ok:
        raise DomainError(f"{verdict.reason} ({verdict.article})", field="item")
    matter = Matter(unit=unit, item=item, scope=scope, title=title, question=question, description=description,
                    tabled_via=tabled_via, created_by=actor)  # fmt: skip
    if not can_manage(actor, matter):
        raise DomainError(_("You may not table matters for this unit."))
    if not may_table_as(actor, unit, tabled_via):
        # A village head tabling "as the commune chair" would skip the agreements of Art 16(2).
        raise DomainError(
            _(
                "You may not table the matter this way: the commune chair tables commune-wide matters, the village head village matters, and either the village head or the Front work committee head records a citizen initiative. (Law Art 16)"
            ),
            field="tabled_via",
        )
    matter.status = Status.GATHERING if tabled_via == TabledVia.INITIATIVE else Status.DRAFT
    matter.save()
    _event("matter_created", actor, matter, item=item, scope=scope.value, tabled_via=tabled_via)
    return matter


def _record_once(matter: Matter, field: str, already: StrOrPromise, verb: str, actor: User, **data: Any) -> None:
    """Stamps the time of a preparation step (an agreement, a notice) once, before the matter opens."""
    _require_preparing(matter)
    if getattr(matter, field) is not None:
        raise DomainError(already)
    setattr(matter, field, timezone.now())
    _save(matter, field)
    _event(verb, actor, matter, **data)


@transaction.atomic
def record_agreement(matter: Matter, *, actor: User, who: str) -> None:
    """The village head and the Front work committee head agree (Art 16(2); D59 Art 5(1)(b)), each
    for themselves (`access.can_agree`), once, before the matter opens."""
    field = {"head": "head_agreed_at", "front": "front_agreed_at"}[who]
    if not can_agree(actor, matter, who):
        raise DomainError(
            _("Only the village head records the village head's agreement. (Law Art 16(2))")
            if who == "head"
            else _(
                "Only the head of the village's Front work committee records the committee's agreement, or the commune Front where the village has none. (Law Art 16(2))"
            )
        )
    _record_once(matter, field, _("This agreement was already recorded."), "agreement_recorded", actor, who=who)


@transaction.atomic
def record_notification(matter: Matter, *, actor: User, body: str) -> None:
    """The commune People's Committee / commune Front were told before an online vote (D59 Art 5(2)(a)):
    recorded once, before the matter opens."""
    _require_manager(actor, matter)
    field = {"committee": "commune_committee_notified_at", "front": "commune_front_notified_at"}[body]
    _record_once(matter, field, _("This notification was already recorded."), "commune_notified", actor, body=body)


@transaction.atomic
def record_optin_poll(matter: Matter, *, actor: User, yes: int, reason: str = "") -> None:
    """The result of the prior poll on using online voting (D59 Art 5(1)(c)). No more households can
    choose than there are; once the matter is open, a change is a correction with its reason."""
    _require_manager(actor, matter)
    _require_status(matter, *PREPARING, Status.OPEN)
    if yes < 0:
        raise DomainError(_("The number of households cannot be negative."), field="yes")
    households = _households_now(matter)
    if yes > households:
        raise DomainError(
            _("The village has %(households)s households: no more can have chosen online voting.")
            % {"households": households},
            field="yes",
        )
    old = matter.optin_yes
    if matter.status not in PREPARING:
        _correction(matter, actor=actor, step=StepCorrection.Step.OPTIN, old=old, new=yes, reason=reason)
    matter.optin_yes = yes
    _save(matter, "optin_yes")
    _event("optin_recorded", actor, matter, yes=yes, previous=old)


def _members(matter: Matter, team: str) -> list[list[Any]]:
    rows = TeamMember.objects.filter(matter=matter, team=team).order_by("pk")
    return [[m.name, m.role, m.is_lead] for m in rows]


@transaction.atomic
def set_team(matter: Matter, *, actor: User, team: str, members: list[tuple[str, str, bool]], reason: str = "") -> None:
    """Ballot team, counting committee or online-vote team: 3–5 members, led by the Front representative.
    Once the matter is open, replacing a team already recorded is a correction with its reason."""
    _require_manager(actor, matter)
    _require_status(matter, *PREPARING, Status.OPEN)
    if team == TeamMember.Team.WITNESS:
        if not rules.witnesses_ok(len(members)):
            raise DomainError(
                _("A count is witnessed by exactly 2 household representatives. (D59 Art 3(5)(c), Art 4(6)(a))"),
                field="members",
            )
    elif not rules.team_size_ok(len(members)):
        raise DomainError(_("The team has 3 to 5 members. (D59 Art 3(5)(c), Art 4(3), Art 5(2)(b))"), field="members")
    elif team != TeamMember.Team.COUNTING_COMMITTEE and sum(1 for _n, _r, lead in members if lead) != 1:
        raise DomainError(
            _("Mark the Front work committee representative who leads the team. (D59 Art 4(3), Art 5(2)(b))"),
            field="members",
        )
    old = _members(matter, team)
    if old and matter.status not in PREPARING:
        new = [[n, r, lead] for n, r, lead in members]
        _correction(matter, actor=actor, step=team, old=old, new=new, reason=reason)
    TeamMember.objects.filter(matter=matter, team=team).delete()
    TeamMember.objects.bulk_create(
        [TeamMember(matter=matter, team=team, name=n, role=r, is_lead=lead) for n, r, lead in members]
    )
    _event("team_set", actor, matter, team=team, size=len(members))


def _snapshot(matter: Matter, today: dt.date) -> None:
    """H of each village and V on the day of the vote (law.md 10.A.2)."""
    villages = village_units(matter, today)
    if not villages:
        raise DomainError(_("The commune has no villages in the register."))
    MatterVillage.objects.filter(matter=matter).delete()
    counts = [MatterVillage(matter=matter, unit=v, household_count=household_count_on(v, today)) for v in villages]
    MatterVillage.objects.bulk_create(counts)
    matter.household_count = sum(c.household_count for c in counts)
    matter.village_count = len(villages)
    matter.rules_version = rules.RULES_VERSION


def online_blockers(matter: Matter, households: int | None = None) -> list[rules.Verdict]:
    return rules.online_vote_blockers(
        item=matter.rule_item,
        head_agreed=matter.head_agreed_at is not None,
        front_agreed=matter.front_agreed_at is not None,
        optin_yes=matter.optin_yes,
        households=households if households is not None else household_count_on(matter.unit, timezone.localdate()),
        commune_committee_notified=matter.commune_committee_notified_at is not None,
        commune_front_notified=matter.commune_front_notified_at is not None,
    )


@transaction.atomic
def open_matter(matter: Matter, *, actor: User, form: str, closes_at: dt.datetime | None = None) -> Matter:
    """Open the matter for decision in the chosen form, snapshotting H (and V) now (law.md 10.A.2)."""
    _require_manager(actor, matter)
    _require_status(matter, Status.DRAFT)
    # Every village matter needs both agreements, however it was tabled (Art 16(2)).
    if matter.scope == rules.Scope.VILLAGE and (matter.head_agreed_at is None or matter.front_agreed_at is None):
        raise DomainError(
            _(
                "The village head and the head of the Front work committee must agree before the matter goes to households. (Law Art 16(2))"
            )
        )
    _refuse(rules.form_allowed(matter.rule_item, matter.rule_scope, rules.Form(form)))
    if matter.scope == rules.Scope.COMMUNE and form != Form.BALLOT:
        raise DomainError(
            _("A commune-wide matter is decided by household ballots in every village. (Law Art 19(1)(a))")
        )
    today = timezone.localdate()
    _snapshot(matter, today)
    if form == Form.BALLOT and closes_at is not None and closes_at <= timezone.now():
        raise DomainError(_("The day the slips are due back must be in the future."), field="closes_at")
    if form == Form.ONLINE:
        blockers = online_blockers(matter, matter.household_count)
        if blockers:
            raise DomainError("; ".join(f"{b.reason} ({b.article})" for b in blockers))
        if closes_at is None or closes_at <= timezone.now():
            raise DomainError(_("Set when the online vote ends."), field="closes_at")
        if not rules.team_size_ok(matter.team.filter(team=TeamMember.Team.ONLINE_TEAM).count()):
            raise DomainError(_("Set up the online-vote team of 3 to 5 members first. (D59 Art 5(2)(b))"))
    matter.form, matter.status, matter.opened_at, matter.closes_at = form, Status.OPEN, timezone.now(), closes_at
    _save(matter, "form", "status", "opened_at", "closes_at", "household_count", "village_count", "rules_version")
    _event("matter_opened", actor, matter, form=form, households=matter.household_count, villages=matter.village_count,
           rules_version=matter.rules_version)  # fmt: skip
    transaction.on_commit(lambda: notify.matter_opened.enqueue(matter.pk))
    return matter


# --- Citizen initiatives (Art 16(3)) -------------------------------------------------------------
@transaction.atomic
def record_consent(matter: Matter, *, actor: User, household: Household, given_on: dt.date) -> int:
    """Record a household's consent; the matter is tabled once valid consents reach 10% of households."""
    _require_manager(actor, matter)
    _require_status(matter, Status.GATHERING)
    if not household.unit.path.startswith(matter.unit.path):
        raise DomainError(_("This household is not in the village of the matter."), field="household")
    try:
        with transaction.atomic():
            Consent.objects.create(matter=matter, household=household, given_on=given_on, recorded_by=actor)
    except IntegrityError:
        raise DomainError(_("This household has already consented."), field="household") from None
    today = timezone.localdate()
    valid = sum(1 for c in matter.consents.all() if rules.consent_valid_on(c.given_on, today))
    households = household_count_on(matter.unit, today)
    _event("consent_recorded", actor, matter, valid=valid)
    if rules.initiative_tabled(valid, households):
        matter.status = Status.DRAFT
        _save(matter, "status")
        _event("initiative_tabled", actor, matter, consents=valid, households=households)
    return valid
