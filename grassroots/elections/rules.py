"""The law of electing and dismissing the village head as pure functions (law.md §3.11, checklist 10.I).

Decree 59/2023/ND-CP ("D59") Arts 6–9; Circular 04/2012/TT-BNV as amended (08/VBHN-BNV, 2022) for the
term. Deadlines only: the thresholds (the winner's majority, the dismissal petition) live beside their
siblings in `decisions.rules` (`village_head_winner`, `dismissal_petition_triggers`). No ORM, settings
or clock: callers pass plain values and `today`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from grassroots.decisions.rules import ALLOW, Verdict, add_months

# --- D59 Art 6: the timeline, counted back from the election day E (10.I.23) ---------------------
DECISION_DAYS = 20  # D59 Art 6: the commune chair's decision and plan at least 20 days before E
CANDIDATES_DAYS = 15  # D59 Art 6: the Front work committee's candidate list (Form 05) at least 15 days before
TEAM_DAYS = 10  # D59 Art 6(1)(b): the election team at least 10 days before
NOTICE_DAYS = 7  # D59 Art 6: the decisions announced to residents at least 7 days before
TIMELINE_ARTICLE = "D59 Art 6"
TEAM_ARTICLE = "D59 Art 6(1)(b)"
# --- D59 Art 9 -----------------------------------------------------------------------------------
NEW_ELECTION_DAYS = 60  # D59 Art 9: a new election decided within 60 days of the dismissal
DISMISSAL_ARTICLE = "D59 Art 9"
# --- Term (TT 04/2012 as amended [S]) --------------------------------------------------------------
TERM_CHOICES = [(30, _("2.5 years (30 months)")), (60, _("5 years (60 months)"))]
DEFAULT_TERM_MONTHS = 60
TERM_ARTICLE = "TT 04/2012/TT-BNV"
INTERIM_MAX_MONTHS = 6  # TT 04/2012 as amended [S]: an interim head serves at most 6 months


@dataclass(frozen=True)
class Step:
    key: str
    days: int
    article: str
    label: object  # a lazy translation


STEPS = (
    Step("decision", DECISION_DAYS, TIMELINE_ARTICLE, _("The commune chair's decision and plan")),
    Step("candidates", CANDIDATES_DAYS, TIMELINE_ARTICLE, _("The candidate list minutes of the Front work committee")),
    Step("team", TEAM_DAYS, TEAM_ARTICLE, _("The election team")),
    Step("notice", NOTICE_DAYS, TIMELINE_ARTICLE, _("The public notice to residents")),
)
STEP_BY_KEY = {s.key: s for s in STEPS}


def due_on(step: Step, election_day: dt.date) -> dt.date:
    """The last day the step may be recorded: E minus its days (D59 Art 6)."""
    return election_day - dt.timedelta(days=step.days)


def in_time(step: Step, done_on: dt.date, election_day: dt.date) -> bool:
    """D59 Art 6: the step is done at least `step.days` days before E (the day itself counts: 20 days
    before a 21 December election is 1 December)."""
    return (election_day - done_on).days >= step.days


def step_verdict(key: str, done_on: dt.date, election_day: dt.date) -> Verdict:
    """A step recorded too late is refused with its article (the protective reading: the election day
    moves instead)."""
    step = STEP_BY_KEY[key]
    if in_time(step, done_on, election_day):
        return ALLOW
    return Verdict(
        False,
        _(
            "Too late: this step must be done at least %(days)s days before the election day. Move the election day instead."
        )
        % {"days": step.days},
        step.article,
    )


@dataclass(frozen=True)
class StepState:
    step: Step
    due_on: dt.date
    done_on: dt.date | None
    late: bool  # not done and its day has passed (or, for old data, done after it)

    @property
    def key(self) -> str:
        return self.step.key


def timeline(election_day: dt.date, done: Mapping[str, dt.date | None], today: dt.date) -> list[StepState]:
    """Each step of D59 Art 6 with its due day, the day it was done, and whether it is late."""
    states = []
    for step in STEPS:
        day = due_on(step, election_day)
        done_on = done.get(step.key)
        late = (done_on is None and today > day) or (done_on is not None and done_on > day)
        states.append(StepState(step, day, done_on, late))
    return states


def late_steps(election_day: dt.date, done: Mapping[str, dt.date | None], today: dt.date) -> list[StepState]:
    return [s for s in timeline(election_day, done, today) if s.late]


# --- The election team (10.I.24) -------------------------------------------------------------------
def team_verdict(*, members: Iterable[str], leader: str, candidates: Iterable[str]) -> Verdict:
    """D59 Art 6(1)(b): the team is led by a Front work committee representative and no candidate may
    sit on it. `members`, `leader` and `candidates` are identity keys (see `actions.identity`)."""
    members = list(members)
    if not leader:
        return Verdict(
            False, _("The election team is led by a representative of the Front work committee."), TEAM_ARTICLE
        )
    if set(members) & set(candidates):
        return Verdict(False, _("A candidate cannot be a member of the election team."), TEAM_ARTICLE)
    return ALLOW


# --- Term, interim head, dismissal (10.I.26–27) ----------------------------------------------------
def term_months(setting: int | None) -> int:
    """The province's term (30 or 60 months); 60 without a setting (TT 04/2012 as amended [S])."""
    return setting if setting in {m for m, _label in TERM_CHOICES} else DEFAULT_TERM_MONTHS


def term_ends_on(started_on: dt.date, months: int) -> dt.date:
    return add_months(started_on, months)


def interim_ends_on(started_on: dt.date) -> dt.date:
    """An interim head serves at most 6 months, until an election (TT 04/2012 as amended [S])."""
    return add_months(started_on, INTERIM_MAX_MONTHS)


def new_election_due_on(dismissed_on: dt.date) -> dt.date:
    """D59 Art 9: a new election is decided within 60 days of the dismissal's recognition."""
    return dismissed_on + dt.timedelta(days=NEW_ELECTION_DAYS)


def dismissal_convenor(*, head_is_front_head: bool) -> str:
    """D59 Art 9: the head of the Front work committee convenes the dismissal meeting, or the commune
    chair where the village head is also the head of the Front work committee."""
    return "commune_chair" if head_is_front_head else "front_head"
