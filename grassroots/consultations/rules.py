"""The law of consultation, pure (Law Arts 25–28): no database, so each rule has its boundary tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .choices import Outcome, Stance, TakeUp

# Law Art 28(2): the consultation lasts at least 20 days from the publication of the content, unless
# another law sets another period (then the form records which law and why).
MIN_WINDOW_DAYS = 20
# Law Art 28(1): the consultation plan is sent to the People's Council and the commune Front.
PLAN_RECIPIENTS = ("council", "front")


def window_problem(days: int, other_law: str) -> str | None:
    """Why a window of `days` is refused, or None. Law Art 28(2)."""
    if days < 1:
        return "empty"
    if days < MIN_WINDOW_DAYS and not other_law.strip():
        return "too_short"
    return None


def closes_on(published_on: dt.date, days: int) -> dt.date:
    """The last day opinions are taken. Counted as the Civil Code counts a period in days (Art 147): from
    the day after publication, so the whole `days`-th day after it is inside the window."""
    return published_on + dt.timedelta(days=days)


def is_open(published_on: dt.date | None, last_day: dt.date | None, today: dt.date) -> bool:
    return published_on is not None and last_day is not None and published_on <= today <= last_day


def days_left(last_day: dt.date, today: dt.date) -> int:
    """Days still open, today included (0 once the window has passed)."""
    return max((last_day - today).days + 1, 0)


def missing_recipients(council_on: dt.date | None, front_on: dt.date | None) -> list[str]:
    """Law Art 28(1): who has not been sent the plan yet."""
    sent = {"council": council_on, "front": front_on}
    return [who for who in PLAN_RECIPIENTS if sent[who] is None]


def majority(stances: Iterable[str]) -> str | None:
    """The majority view of the opinions that say agree or disagree; None on a tie or none."""
    agree = disagree = 0
    for stance in stances:
        if stance == Stance.AGREE:
            agree += 1
        elif stance == Stance.DISAGREE:
            disagree += 1
    if agree > disagree:
        return Stance.AGREE
    if disagree > agree:
        return Stance.DISAGREE
    return None


def departs_from_majority(outcome: str, majority_view: str | None) -> bool:
    """Law Art 28(3): does the final decision depart from the majority view? A draft not adopted against
    a majority that agreed departs; a draft adopted (as drafted or changed) against a majority that
    disagreed departs too (the reading that protects residents: changes do not excuse the explanation)."""
    if majority_view == Stance.AGREE:
        return outcome == Outcome.NOT_ADOPTED
    if majority_view == Stance.DISAGREE:
        return outcome in (Outcome.ADOPTED, Outcome.AMENDED)
    return False


def explanation_needed(take_up: str) -> bool:
    """Law Art 28(3): opinions not (or only partly) taken up are answered with an explanation."""
    return take_up in (TakeUp.PARTLY, TakeUp.NOT_TAKEN)
