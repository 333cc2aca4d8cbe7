"""The casework of the People's Inspection Board as pure law (no ORM, settings or clock): Law Arts 36–40;
D59 Arts 12–15; law.md §5.2 and checklist 10.N item 40.

Readings where the text leaves room (chosen to protect residents and the subjects of an inspection):
- "At least 5 working days before acting" (D59 Art 14): the plan sent on day D lets the board act from
  the 5th working day after D (D not counted), as annual_conferences counts "at least 5 days before":
  sent on Monday 2 March, the board may act from Monday 9 March, not on Friday 6 March.
- "Within 15 days of receipt" (Law Art 40(1)): calendar days, from the day the commune People's Committee
  received the recommendation (the day the board sent it, certified by the Front); the answer is due on
  the 15th day after it and is late from the 16th.
- The board's term is that of the village head (Law Art 36(2)); a term report covers the years the board
  names (its first and last calendar year).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .choices import Period, State

# D59 Art 14: each specific inspection plan is sent to MTTQ xã, the UBND Chair and the subject at least
# 5 working days before the board acts (10.N.40).
PLAN_NOTICE_WORKING_DAYS = 5
# Law Art 40(1): UBND xã resolves the board's recommendations and notifies the result within 15 days of
# receipt (10.N.40).
ANSWER_WITHIN_DAYS = 15
# Our reading: a reminder to the commune from 3 days before the answer is due.
REMIND_DAYS_BEFORE = 3
# Satisfaction (Law Art 34(1), Art 35(2)(a)): 1 (very dissatisfied) to 5 (very satisfied).
RATING_MIN, RATING_MAX = 1, 5

OPEN_STATES = frozenset(set(State) - {State.DECLINED, State.CLOSED})
# Which steps may follow which (the board's work in the order of D59 Art 14).
NEXT: dict[str, frozenset[str]] = {
    State.RECEIVED: frozenset({State.ACCEPTED, State.DECLINED}),
    State.ACCEPTED: frozenset({State.ASSIGNED}),
    State.ASSIGNED: frozenset({State.ASSIGNED, State.PLANNED}),
    State.PLANNED: frozenset({State.VERIFIED}),
    State.VERIFIED: frozenset({State.RECOMMENDED, State.CLOSED}),
    State.RECOMMENDED: frozenset({State.SENT}),
    State.SENT: frozenset({State.ANSWERED}),
    State.ANSWERED: frozenset({State.CLOSED}),
}


def may_move(current: str, target: str) -> bool:
    return target in NEXT.get(current, frozenset())


@dataclass(frozen=True)
class WorkingDays:
    """Monday to Friday, less public holidays (Tết included), plus the government's make-up Saturdays."""

    days_off: frozenset[dt.date] = field(default_factory=frozenset)
    days_on: frozenset[dt.date] = field(default_factory=frozenset)

    def counts(self, day: dt.date) -> bool:
        return day in self.days_on or (day.weekday() < 5 and day not in self.days_off)

    def after(self, start: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `start` (`start` not counted)."""
        day = start
        for _step in range(count):
            day += dt.timedelta(days=1)
            while not self.counts(day):
                day += dt.timedelta(days=1)
        return day


def earliest_action(plan_sent_on: dt.date, days: WorkingDays) -> dt.date:
    """D59 Art 14: the first day the board may act on a plan sent on `plan_sent_on` (10.N.40)."""
    return days.after(plan_sent_on, PLAN_NOTICE_WORKING_DAYS)


def plan_in_time(plan_sent_on: dt.date, acting_on: dt.date, days: WorkingDays) -> bool:
    """D59 Art 14: the plan reached MTTQ, the UBND Chair and the subject at least 5 working days before."""
    return acting_on >= earliest_action(plan_sent_on, days)


def answer_due(received_on: dt.date) -> dt.date:
    """Law Art 40(1): the last day for UBND xã to answer a recommendation received on `received_on`."""
    return received_on + dt.timedelta(days=ANSWER_WITHIN_DAYS)


def answer_overdue(received_on: dt.date, answered_on: dt.date | None, today: dt.date) -> bool:
    """Law Art 40(1): not answered and the 15th day has passed, or answered after it."""
    due = answer_due(received_on)
    return answered_on > due if answered_on is not None else today > due


def answered_in_time(received_on: dt.date, answered_on: dt.date) -> bool:
    return answered_on <= answer_due(received_on)


def reminder_due(received_on: dt.date, today: dt.date) -> bool:
    """Our reading: remind the commune from 3 days before the answer is due until it answers."""
    return today >= answer_due(received_on) - dt.timedelta(days=REMIND_DAYS_BEFORE)


def period_bounds(kind: str, year: int, number: int = 1, last_year: int | None = None) -> tuple[dt.date, dt.date]:
    """The first and last day a report to the Front covers (Law Art 39; D59 Art 14): quarter 1–4,
    half 1–2, the year, or a term from `year` to `last_year` (inclusive)."""
    if kind == Period.QUARTER:
        if not 1 <= number <= 4:
            raise ValueError("quarter")
        start = dt.date(year, 3 * number - 2, 1)
        end = dt.date(year + 1, 1, 1) if number == 4 else dt.date(year, 3 * number + 1, 1)
        return start, end - dt.timedelta(days=1)
    if kind == Period.HALF:
        if number not in (1, 2):
            raise ValueError("half")
        return (
            (dt.date(year, 1, 1), dt.date(year, 6, 30)) if number == 1 else (dt.date(year, 7, 1), dt.date(year, 12, 31))
        )
    if kind == Period.YEAR:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if kind == Period.TERM:
        end_year = last_year if last_year is not None else year
        if end_year < year:
            raise ValueError("term")
        return dt.date(year, 1, 1), dt.date(end_year, 12, 31)
    raise ValueError(kind)


def average(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None
