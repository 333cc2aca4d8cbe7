"""Pure rules of training: lateness, quiz passing, coverage. These are project policies, not law."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

# Project policy (not a legal threshold): a test is passed with at least 70% correct answers.
QUIZ_PASS_SHARE = Fraction(7, 10)
# Project policy (not law): a delegate who fails the test after the course may take it again, up to this
# many attempts in all unless the conference says otherwise (Conference.after_test_attempts); the best counts.
AFTER_TEST_ATTEMPTS = 3
MAX_AFTER_TEST_ATTEMPTS = 10
# Project policy: arriving more than 15 minutes after the first session starts counts as late.
LATE_AFTER = dt.timedelta(minutes=15)


def passes_quiz(score: int, total: int) -> bool:
    return total > 0 and Fraction(score, total) >= QUIZ_PASS_SHARE


def is_late(arrived_at: dt.datetime, first_session_starts_at: dt.datetime | None) -> bool:
    return first_session_starts_at is not None and arrived_at > first_session_starts_at + LATE_AFTER


def left_early(left_at: dt.datetime | None, last_session_ends_at: dt.datetime | None) -> bool:
    return left_at is not None and last_session_ends_at is not None and left_at < last_session_ends_at


def on_conference_days(day: dt.date, starts_on: dt.date, ends_on: dt.date | None) -> bool:
    """A session takes place on one of the days of its conference (a one-day conference: that day)."""
    return starts_on <= day <= (ends_on or starts_on)


def after_test_opens_at(
    sessions: list[tuple[dt.datetime | None, dt.datetime | None]], last_day_begins_at: dt.datetime
) -> dt.datetime:
    """The test after the course opens once the last session has ended. `sessions` are (starts at, ends
    at) pairs: the latest end, a session with no end counting from its start; with no time set at all,
    the beginning of the conference's last day."""
    times = [end or start for start, end in sessions if (end or start) is not None]
    return max(t for t in times if t is not None) if times else last_day_begins_at


def attempts_left(taken: int, allowed: int, *, passed: bool) -> int:
    """Attempts a delegate still has at the test after the course: none once passed."""
    return 0 if passed else max(allowed - taken, 0)
