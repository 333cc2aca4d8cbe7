"""Reads shared by the pages, the CSV and the API: the next statement for a resident, the statements of
a map with their counts, the maps of a unit, the CSV of a report (aggregates only)."""

from __future__ import annotations

import io

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from grassroots.core.csvexport import SafeWriter
from grassroots.people.models import Membership, Resident

from . import reports
from .models import OpinionMap, Participant, Statement, Vote


def participant_of(opinion_map: OpinionMap, resident_id: int | None) -> Participant | None:
    if resident_id is None:
        return None
    return Participant.objects.filter(map=opinion_map, resident_id=resident_id).first()


def next_statement(opinion_map: OpinionMap, participant: Participant | None) -> Statement | None:
    """The visible statement, not the resident's own and not yet voted on, with the fewest votes (then the
    oldest), so the votes spread over all statements."""
    statements = Statement.objects.filter(map=opinion_map, hidden_at__isnull=True)
    if participant is not None:
        statements = statements.exclude(author=participant).exclude(votes__participant=participant)
    return statements.annotate(n=Count("votes")).order_by("n", "pk").first()


def progress(opinion_map: OpinionMap, participant: Participant | None) -> tuple[int, int]:
    """(statements voted on, statements one may vote on)."""
    visible = Statement.objects.filter(map=opinion_map, hidden_at__isnull=True)
    if participant is None:
        return 0, visible.count()
    votable = visible.exclude(author=participant).count()
    done = Vote.objects.filter(participant=participant, statement__hidden_at__isnull=True).count()
    return done, votable


def my_votes(participant: Participant | None) -> QuerySet[Vote]:
    if participant is None:
        return Vote.objects.none()
    return Vote.objects.filter(participant=participant).select_related("statement").order_by("-updated_at", "-pk")


def statements_for_staff(opinion_map: OpinionMap) -> QuerySet[Statement]:
    return (
        Statement.objects.filter(map=opinion_map)
        .annotate(n_votes=Count("votes"), n_agree=Count("votes", filter=Q(votes__value=1)))
        .order_by("pk")
    )


def unit_maps(unit_path: str) -> QuerySet[OpinionMap]:
    """Maps of a unit and the units under it, open or published (never drafts)."""
    return (
        OpinionMap.objects.filter(unit__path__startswith=unit_path)
        .filter(Q(status="open") | Q(published_at__isnull=False))
        .select_related("unit")
    )


def open_maps_for(resident: Resident) -> QuerySet[OpinionMap]:
    """The open maps of the resident's village and of the units above it."""
    membership = Membership.objects.filter(resident=resident, valid_to__isnull=True).select_related("household__unit")
    found = membership.first()
    if found is None:
        return OpinionMap.objects.none()
    units, unit = [], found.household.unit
    while unit is not None:
        units.append(unit.pk)
        unit = unit.parent
    return OpinionMap.objects.filter(unit_id__in=units, status="open").select_related("unit")


def report_csv(opinion_map: OpinionMap) -> str:
    """One row per visible statement: counts overall and per group; then the groups and the consensus."""
    view = reports.view(opinion_map)
    out = io.StringIO()
    writer = SafeWriter(out)
    if view is None:
        writer.writerow(["statement_id", "statement", "agree", "disagree", "pass"])
        return out.getvalue()
    labels = [g["label"] for g in view.groups]
    header = ["statement_id", "statement", "agree", "disagree", "pass", "consensus"]
    for label in labels:
        header += [f"group_{label}_agree", f"group_{label}_disagree", f"group_{label}_votes"]
    writer.writerow(header)
    consensus = {c["statement"] for c in view.consensus}
    for row in view.rows:
        cells: list[object] = [row.statement.pk, row.statement.text, row.agree, row.disagree, row.passes]
        cells.append("yes" if row.statement.pk in consensus else "")
        for g in row.groups:
            cells += [g["agree"], g["disagree"], g["voted"]]
        writer.writerow(cells)
    return out.getvalue()


def consultation_link(m: OpinionMap) -> dict[str, str] | None:
    """The consultation this map belongs to (consultations.Consultation.opinion_map), as a link back: its public
    page once the consultation is published, else the staff's page."""
    found = getattr(m, "consultation", None)  # the reverse one-to-one; AttributeError when there is none
    if found is None:
        return None
    name = "consultations:public" if found.published_on else "consultations:detail"
    label = _("Back to the consultation: %(title)s") % {"title": found.title}
    return {"url": reverse(name, args=[found.pk]), "label": str(label)}
