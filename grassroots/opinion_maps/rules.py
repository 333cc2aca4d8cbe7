"""The rules of an opinion map, pure (no database): the consultation period, the size of a statement,
how many statements one resident may write, and the thresholds of the report. The report's own
mathematics is in analysis.py."""

from __future__ import annotations

import datetime as dt

# Law Art 28: the consultation period is at least 20 days from the publication of the content. An
# opinion map is one form of consultation (Law Art 26(f)-(g): the commune's web portal, telecom and
# social networks), so its window is held to the same minimum.
MIN_WINDOW_DAYS = 20
# A short statement, as on Pol.is: one idea, readable on a phone.
STATEMENT_MAX_CHARS = 280
STATEMENT_MIN_CHARS = 10
# Each resident writes at most this many statements on one map, so no one floods it (a choice of the
# platform, not of the law).
STATEMENTS_PER_RESIDENT = 10
# The report: a group of fewer people than this is never shown on its own (they could be recognised).
MIN_GROUP_SIZE = 5
# k is chosen among 2..MAX_GROUPS by silhouette.
MAX_GROUPS = 5
# A resident is placed in a group only after this many votes (fewer votes place a person by chance).
MIN_VOTES_TO_PLACE = 7
# A statement is "held by the group" when most of the group agrees (or disagrees) with it.
REPRESENTATIVE_MIN_SHARE = 0.5
REPRESENTATIVE_PER_GROUP = 5
# Broad agreement across groups: every group agrees with at least this share.
CONSENSUS_MIN_SHARE = 0.6
CONSENSUS_SHOWN = 10


def window_days(opens_on: dt.date, closes_on: dt.date) -> int:
    """Days from opening to closing, both counted (a map open on the 1st and closing on the 20th: 20)."""
    return (closes_on - opens_on).days + 1


def window_long_enough(opens_on: dt.date, closes_on: dt.date) -> bool:
    """Law Art 28: at least 20 days."""
    return window_days(opens_on, closes_on) >= MIN_WINDOW_DAYS


def earliest_close(opens_on: dt.date) -> dt.date:
    return opens_on + dt.timedelta(days=MIN_WINDOW_DAYS - 1)


def accepts_votes(status: str, closes_on: dt.date, today: dt.date) -> bool:
    """Statements and votes are taken while the map is open, up to and including its closing day."""
    return status == "open" and today <= closes_on


def statement_length_ok(text: str) -> bool:
    return STATEMENT_MIN_CHARS <= len(text.strip()) <= STATEMENT_MAX_CHARS


def min_votes_to_place(statements: int) -> int:
    """With few statements, a person who voted on about half of them is placed."""
    return max(1, min(MIN_VOTES_TO_PLACE, (statements + 1) // 2))


def candidate_group_counts(placed: int) -> list[int]:
    """The numbers of groups tried: 2..5, never more than leaves every group MIN_GROUP_SIZE people."""
    return [k for k in range(2, MAX_GROUPS + 1) if k * MIN_GROUP_SIZE <= placed]
