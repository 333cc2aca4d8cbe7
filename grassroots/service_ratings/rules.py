"""Satisfaction ratings as pure law (no ORM, settings or clock): Law Art 34(1), Art 35(2)(a); law.md §5.1
and checklist 10.N item 37 ("UBND xã must run a continuous satisfaction-rating and feedback channel for
commune services and staff").

Readings where the text leaves room (chosen to protect residents, and said so in the issue's report):
- One rating per resident per procedure occurrence: the platform does not see the one-stop shop's receipt
  numbers, so an occurrence is counted as *one service in one calendar quarter*: a resident rates each
  service at most once a quarter. A second procedure of the same service in the same quarter is not rated
  twice, so nobody can flood a service (or an official) with ratings; the next quarter they may rate again.
- Small counts: an official's results are shown on public pages only from 5 ratings in the period; below
  that an average could point at the few residents who rated (and invite retaliation, Law Art 9, Art
  35(2)(d)). The same floor holds in the console, so nobody reads a single resident's answer there either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .choices import Question

# Law Art 35(2)(a): the scale of every question.
SCORE_MIN, SCORE_MAX = 1, 5
# Our reading of "one rating per procedure": one per resident, per service, per calendar quarter.
QUARTERS_PER_YEAR = 4
# Results about one official are shown only from this many ratings (protects the raters; our reading).
SMALL_COUNT_FLOOR = 5
# The questions about the commune's handling (always asked) and about the official (when one is chosen).
HANDLING_QUESTIONS = (Question.TIMELINESS, Question.GUIDANCE)
OFFICIAL_QUESTIONS = (Question.OFFICIAL,)


def quarter_of(day: dt.date) -> tuple[int, int]:
    """The calendar quarter of a day: (year, 1–4)."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter."""
    if not 1 <= quarter <= QUARTERS_PER_YEAR:
        raise ValueError(quarter)
    first = dt.date(year, 3 * quarter - 2, 1)
    last = dt.date(year + 1, 1, 1) if quarter == QUARTERS_PER_YEAR else dt.date(year, 3 * quarter + 1, 1)
    return first, last - dt.timedelta(days=1)


def score_valid(score: int | None) -> bool:
    """Law Art 35(2)(a): a score is a whole number from 1 to 5."""
    return isinstance(score, int) and not isinstance(score, bool) and SCORE_MIN <= score <= SCORE_MAX


def may_rate(day: dt.date, earlier_days: Iterable[dt.date]) -> bool:
    """The one-rating rule (our reading of Law Art 35(2)(a)): a resident may rate a service on `day`
    unless they already rated the same service on a day of the same quarter."""
    quarter = quarter_of(day)
    return all(quarter_of(earlier) != quarter for earlier in earlier_days)


def shown(count: int) -> bool:
    """Small-count suppression: results about one official are shown from 5 ratings on."""
    return count >= SMALL_COUNT_FLOOR


def average(scores: Iterable[int | None]) -> float | None:
    values = [s for s in scores if s is not None]
    return round(sum(values) / len(values), 2) if values else None


BAR_STEP = 5


def bar_percent(avg: float | None) -> int:
    """The width of a server-rendered bar in steps of 5 % (the CSS classes bar-w-0 … bar-w-100 of
    charts.css; style attributes are forbidden): 1 → 20 %, 5 → 100 %."""
    if avg is None:
        return 0
    return int(BAR_STEP * round(100 * avg / SCORE_MAX / BAR_STEP))
