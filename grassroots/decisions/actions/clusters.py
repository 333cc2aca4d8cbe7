"""Meetings by residential cluster in large villages, and the hand delivery of household ballot slips.

Clusters (Law Art 18(3); D59 Art 3(6)): a village of 200 households or more, or with scattered settlement,
may meet by residential cluster under a plan the village head submits, after agreeing with the Front work
committee, to the commune People's Committee for decision. Each cluster's delegate chairs it and reports
its result to the village head, who adds the cluster results up into the village result: the meeting's
ballots are then created once, as for any meeting (`meetings.record_meeting_result`).

Slips (Art 19(3); D59 Art 4(5)–(6)): delivered by hand to each household and collected by the deadline.
A delivery is a `SlipDistribution`; a collection is the household's slip `Participation`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.library.citations import official_form
from grassroots.people.actions import household_count_on
from grassroots.people.keeping import counted_in_village_on
from grassroots.people.models import Household

from .. import rules
from ..models import Channel, Cluster, Form, Matter, Meeting, Participation, SlipDistribution, Status
from ._guards import _event, _require_current_meeting, _require_manager, _require_status
from .meetings import _require_cluster_open, record_meeting_result

CLUSTER_ARTICLE = "Law Art 18(3); D59 Art 3(6)"
MIN_CLUSTERS = 2


def plan_households(meeting: Meeting) -> int:
    """H for the rule: the snapshot once the matter is open, else today's count."""
    matter = meeting.matter
    if matter.household_count is not None:
        return matter.household_count
    return household_count_on(matter.unit, timezone.localdate())


# --- Cluster meetings -----------------------------------------------------------------------------
@transaction.atomic
def set_cluster_plan(
    meeting: Meeting,
    *,
    actor: User,
    clusters: list[tuple[str, str]],
    dispersed: bool = False,
    approved_on: dt.date | None = None,
) -> list[Cluster]:
    """Record the cluster plan (clusters with their chairs) and the day UBND xã approved it."""
    matter = meeting.matter
    _require_manager(actor, matter)
    _require_status(matter, Status.DRAFT, Status.OPEN)
    if meeting.round != matter.round or (matter.form and matter.form != Form.MEETING):
        raise DomainError(_("This meeting no longer decides the matter: it is decided in another form or round."))
    households = plan_households(meeting)
    if not rules.clusters_allowed(households, dispersed=dispersed):
        raise DomainError(
            _(
                "Only a village of %(min)s households or more, or with scattered settlement, may meet by residential cluster; this village has %(households)s. (%(article)s)"
            )
            % {
                "min": rules.CLUSTER_MIN_HOUSEHOLDS,
                "households": households,
                "article": official_form(CLUSTER_ARTICLE, get_language()),
            },
            field="dispersed",
        )
    if meeting.attendance.exists() or meeting.closed_at is not None:
        raise DomainError(_("Households are already recorded present: the cluster plan can no longer change."))
    rows = [(name.strip(), chair.strip()) for name, chair in clusters if name.strip() or chair.strip()]
    if len(rows) < MIN_CLUSTERS:
        raise DomainError(_("A cluster plan has at least 2 clusters."), field="clusters")
    if any(not name or not chair for name, chair in rows):
        raise DomainError(_("Give each cluster a name and the delegate who chairs it."), field="clusters")
    if len({name.casefold() for name, _chair in rows}) != len(rows):
        raise DomainError(_("Two clusters have the same name."), field="clusters")
    if approved_on is not None and approved_on > timezone.localdate():
        raise DomainError(_("The approval date cannot be in the future."), field="approved_on")
    meeting.clusters.all().delete()
    created = Cluster.objects.bulk_create([Cluster(meeting=meeting, name=n, chair=c) for n, c in rows])
    meeting.dispersed, meeting.cluster_plan_approved_on = dispersed, approved_on
    meeting.save(update_fields=["dispersed", "cluster_plan_approved_on"])
    _event("cluster_plan_recorded", actor, matter, meeting=meeting.pk, clusters=len(rows), households=households,
           dispersed=dispersed, approved_on=approved_on.isoformat() if approved_on else None)  # fmt: skip
    return created


@transaction.atomic
def record_cluster_result(cluster: Cluster, *, actor: User, agree: int, disagree: int, other: int) -> Cluster:
    """The count of one cluster, reported by its chair to the village head (D59 Art 3(6))."""
    meeting = cluster.meeting
    matter = meeting.matter
    _require_manager(actor, matter)
    _require_status(matter, Status.OPEN)
    _require_current_meeting(matter, meeting)
    _require_cluster_open(meeting, cluster)
    if min(agree, disagree, other) < 0:
        raise DomainError(_("Counts cannot be negative."), field="agree")
    present = meeting.attendance.filter(cluster=cluster).count()
    if agree + disagree + other > present:
        raise DomainError(
            _("More votes than households present in this cluster (%(present)s).") % {"present": present},
            field="agree",
        )
    cluster.agree, cluster.disagree, cluster.other, cluster.counted_at = agree, disagree, other, timezone.now()
    cluster.save(update_fields=["agree", "disagree", "other", "counted_at"])
    _event("cluster_result_recorded", actor, matter, meeting=meeting.pk, cluster=cluster.pk, agree=agree,
           disagree=disagree, other=other, present=present)  # fmt: skip
    return cluster


def cluster_totals(meeting: Meeting) -> dict[str, int]:
    clusters = list(meeting.clusters.all())
    return {f: sum(getattr(c, f) or 0 for c in clusters) for f in ("agree", "disagree", "other")}


@transaction.atomic
def combine_cluster_results(meeting: Meeting, *, actor: User) -> dict[str, int]:
    """The village head adds up the cluster results into the village result (D59 Art 3(6)): the meeting's
    ballots and every present household's participation are created once, as for any meeting."""
    if not meeting.clusters.exists():
        raise DomainError(_("This meeting is not held by residential cluster."))
    totals = cluster_totals(meeting)
    record_meeting_result(meeting, actor=actor, **totals)
    return totals


# --- Hand delivery and collection of ballot slips -----------------------------------------------
def _require_ballots(matter: Matter, actor: User) -> None:
    _require_manager(actor, matter)
    _require_status(matter, Status.OPEN)
    if matter.form != Form.BALLOT:
        raise DomainError(_("This matter is not being decided by ballot slips."))


@transaction.atomic
def mark_delivered(
    matter: Matter, *, actor: User, household_code: str, delivered_on: dt.date | None = None
) -> Household:
    """The ballot team delivered the slip of one household by hand (D59 Art 4(5))."""
    _require_ballots(matter, actor)
    code = household_code.strip()
    household = Household.objects.filter(
        code__iexact=code, unit__path__startswith=matter.unit.path, dissolved_on__isnull=True
    ).first()
    if household is None:
        raise DomainError(
            _("No household of this village has the code %(code)s.") % {"code": code}, field="household_code"
        )
    if matter.opened_at is not None and not counted_in_village_on(
        household, matter.unit, timezone.localdate(matter.opened_at)
    ):
        # H was snapshotted without it (law.md 10.A.2): it votes from the next matter on (people.keeping).
        raise DomainError(
            _("Household %(code)s moved in after this vote opened, so it is not counted in it and gets no slip.")
            % {"code": household.code},
            field="household_code",
        )
    day = delivered_on or timezone.localdate()
    if day > timezone.localdate():
        raise DomainError(_("The delivery date cannot be in the future."), field="delivered_on")
    known = SlipDistribution.objects.filter(matter=matter, round=matter.round, household=household).first()
    if known is not None:
        raise DomainError(
            _("The slip of household %(code)s was already delivered on %(day)s.")
            % {"code": household.code, "day": formats.date_format(known.delivered_on, "DATE_FORMAT")},
            field="household_code",
        )
    SlipDistribution.objects.create(matter=matter, round=matter.round, household=household, delivered_on=day,
                                    delivered_by=actor)  # fmt: skip
    _event("slip_delivered", actor, matter, round=matter.round)
    return household


@transaction.atomic
def mark_all_delivered(matter: Matter, *, actor: User) -> int:
    """Every printed slip (one per current household, `documents.slip_households`) was delivered today."""
    from ..documents import slip_households

    _require_ballots(matter, actor)
    codes = [slip.code for slip in slip_households(matter)]
    households = Household.objects.filter(code__in=codes, unit__path__startswith=matter.unit.path)
    done = set(
        SlipDistribution.objects.filter(matter=matter, round=matter.round).values_list("household_id", flat=True)
    )
    today = timezone.localdate()
    new = [SlipDistribution(matter=matter, round=matter.round, household=h, delivered_on=today, delivered_by=actor)
           for h in households if h.pk not in done]  # fmt: skip
    SlipDistribution.objects.bulk_create(new)
    _event("slips_delivered", actor, matter, round=matter.round, households=len(new))
    return len(new)


@dataclass(frozen=True)
class DistributionRow:
    household: Household
    delivered_on: dt.date | None
    collected: bool

    @property
    def missing(self) -> bool:
        """Delivered, not yet returned."""
        return self.delivered_on is not None and not self.collected


FILTERS = ("all", "not_returned", "not_delivered")


def distribution(matter: Matter, show: str = "all") -> tuple[dict[str, int], list[DistributionRow]]:
    """Per household of the matter: delivered, collected (its slip was counted), or missing."""
    households = list(
        Household.objects.active().filter(unit__path__startswith=matter.unit.path).order_by("unit__code", "code")
    )
    delivered = dict(
        SlipDistribution.objects.filter(matter=matter, round=matter.round).values_list("household_id", "delivered_on")
    )
    collected = set(
        Participation.objects.filter(matter=matter, round=matter.round, channel=Channel.SLIP).values_list(
            "household_id", flat=True
        )
    )
    rows = [DistributionRow(h, delivered.get(h.pk), h.pk in collected) for h in households]
    counts = {
        "households": len(rows),
        "delivered": sum(1 for r in rows if r.delivered_on is not None),
        "collected": sum(1 for r in rows if r.collected),
        "not_returned": sum(1 for r in rows if r.missing),
        "not_delivered": sum(1 for r in rows if r.delivered_on is None),
    }
    if show == "not_returned":
        rows = [r for r in rows if r.missing]
    elif show == "not_delivered":
        rows = [r for r in rows if r.delivered_on is None]
    return counts, rows
