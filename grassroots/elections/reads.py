"""What the pages, the API and other apps read: the head in office, a village's elections, and what is
overdue on the commune's console. Reads only; writes are in `actions`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.territory.models import Unit

from . import rules
from .models import Dismissal, Election, HeadTerm


def sitting_head(village: Unit) -> HeadTerm | None:
    return HeadTerm.objects.filter(village=village, ended_on__isnull=True).first()


def current_election(village: Unit) -> Election | None:
    return Election.objects.filter(village=village).exclude(status=Election.Status.RE_ELECTION).first()


def public_head(village: Unit) -> dict[str, object]:
    """The public facts of the office (open data): who, since when, until when, elected or interim."""
    term = sitting_head(village)
    if term is None:
        return {"village": village.code, "head": None}
    return {
        "village": village.code,
        "head": term.full_name,
        "kind": term.kind,
        "since": term.started_on.isoformat(),
        "term_ends": term.term_ends_on.isoformat(),
    }


def public_election(election: Election, today: dt.date | None = None) -> dict[str, object]:
    today = today or timezone.localdate()
    steps = rules.timeline(election.election_day, election.step_days(), today)  # type: ignore[arg-type]
    return {
        "id": election.pk,
        "village": election.village.code,
        "election_day": election.election_day.isoformat(),
        "status": election.status,
        "steps": [
            {
                "step": s.key,
                "due": s.due_on.isoformat(),
                "done": s.done_on.isoformat() if s.done_on else None,
                "late": s.late,
                "article": s.step.article,
            }
            for s in steps
        ],
        "candidates": [
            {"name": c.full_name, "nominated": c.nominated, "votes": c.votes} for c in election.candidates.all()
        ],
        "households": election.households,
        "present": election.present,
        "winner": election.winner.full_name if election.winner else None,
        "no_winner_reason": election.no_winner_reason or None,
        "recognized_on": election.recognized_on.isoformat() if election.recognized_on else None,
    }


@dataclass(frozen=True)
class Flag:
    village: Unit
    text: object  # a lazy translation
    article: str
    link: Election | Dismissal | None = None


def flags(villages: list[Unit], today: dt.date | None = None) -> list[Flag]:
    """Everything overdue or waiting on the commune, village by village (D59 Arts 6, 8, 9; TT 04/2012)."""
    today = today or timezone.localdate()
    found: list[Flag] = []
    for village in villages:
        for election in Election.objects.filter(village=village, status=Election.Status.PREPARING):
            if rules.late_steps(election.election_day, election.step_days(), today):  # type: ignore[arg-type]
                found.append(
                    Flag(
                        village, _("An election step is late: move the election day."), rules.TIMELINE_ARTICLE, election
                    )
                )
        for election in Election.objects.filter(village=village, status=Election.Status.HELD):
            if election.recognition_due_on and today > election.recognition_due_on:
                found.append(
                    Flag(
                        village,
                        _("The election result waits for recognition past 5 working days."),
                        "D59 Art 8",
                        election,
                    )
                )
        for election in Election.objects.filter(village=village, status=Election.Status.NO_WINNER):
            found.append(Flag(village, _("No winner: the commune decides a re-election."), "D59 Art 8", election))
        for dismissal in Dismissal.objects.filter(
            village=village, status=Dismissal.Status.RECOGNIZED, elections__isnull=True
        ):
            if dismissal.new_election_due_on and today > dismissal.new_election_due_on:
                found.append(
                    Flag(
                        village,
                        _("Overdue: a new election had to be decided within 60 days of the dismissal."),
                        rules.DISMISSAL_ARTICLE,
                        dismissal,
                    )
                )
        for dismissal in Dismissal.objects.filter(village=village, status=Dismissal.Status.ADOPTED):
            if dismissal.recognition_due_on and today > dismissal.recognition_due_on:
                found.append(
                    Flag(
                        village,
                        _("The dismissal waits for recognition past 5 working days."),
                        rules.DISMISSAL_ARTICLE,
                        dismissal,
                    )
                )
        term = sitting_head(village)
        if term is None:
            if not Election.objects.filter(village=village, status=Election.Status.PREPARING).exists():
                found.append(
                    Flag(
                        village,
                        _("The office of village head is vacant: appoint an interim head."),
                        rules.DISMISSAL_ARTICLE,
                    )
                )
        elif today > term.term_ends_on:
            text = (
                _("The interim head has served past 6 months: hold the election.")
                if term.kind == HeadTerm.Kind.INTERIM
                else _("The head's term has ended: hold the election.")
            )
            found.append(Flag(village, text, rules.TERM_ARTICLE))
    return found
