"""The rules of situation reports (báo cáo nắm tình hình). Pure: no ORM, request, settings or clock.

Situation reports are a practice of the steering committees and the Front / mass-mobilisation (dân vận)
commissions (law.md §8.3: Party structures, not creatures of the Law); no article of the Law or its decrees
sets their periods, deadlines or contents, so nothing here cites one. The steering committee sets the
deadlines of each round; the reminders' lead time is this platform's choice.

A report describes a unit (a village, a commune), never a person: free text that contains a national ID
number (12 digits; the old 9-digit CMND) or a phone number is refused before it is kept
(`personal_number_in`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from grassroots.core.phone import normalize_phone

from .choices import Standing, Trend

# Writers are reminded this many days before their deadline, and once on the day after it.
REMINDER_DAYS_BEFORE = 3

NATIONAL_ID = "national_id"  # 12 digits (số định danh cá nhân, CCCD)
OLD_ID = "old_id"  # 9 digits (the old CMND)
PHONE = "phone"

# A run of digits as people type numbers: single separators (space, dot, dash, parentheses) between the
# digits, an optional "+" in front. Letters stop nothing ("CCCD038090001234" is found); a newline does.
_CANDIDATE = re.compile(r"\+?\(?\d(?:[ \u00a0.\-()]{0,2}\d)*")
_SEPARATORS = re.compile(r"[^\d+]")
# An amount written with thousands separators: 150.000.000 (đồng), 1,200,000. Identifiers and phone
# numbers start with 0 or +, amounts never do, so such a run is an amount, not an identifier.
_AMOUNT = re.compile(r"[1-9]\d{0,2}(?:([., \u00a0])\d{3})(?:\1\d{3})*")
_SPACES = re.compile(r"[ \u00a0]+")


def _kind(candidate: str) -> str | None:
    if _AMOUNT.fullmatch(candidate.strip()):
        return None
    compact = _SEPARATORS.sub("", candidate)
    digits = compact.lstrip("+")
    if compact.startswith("+84"):
        national = "0" + compact[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        national = "0" + digits[2:]
    else:
        national = digits
    # Mobile numbers: 0 + 9 digits (core.phone); landlines since 2017: 02x + 8 digits.
    if normalize_phone(national) or (len(national) == 11 and national.startswith("02")):
        return PHONE
    if len(digits) == 12:
        return NATIONAL_ID
    if len(digits) == 9:
        return OLD_ID
    return None


def personal_numbers(text: str) -> list[str]:
    """The kinds of personal numbers found in `text`, in order of appearance (NATIONAL_ID, OLD_ID, PHONE)."""
    found = []
    for match in _CANDIDATE.finditer(text or ""):
        kind = _kind(match.group()) or _kind_within(match.group())
        if kind is not None:
            found.append(kind)
    return found


def _kind_within(candidate: str) -> str | None:
    """Two numbers typed one after the other with a space ("0912345678 0987654321") make one run: look
    at each stretch of its space-separated groups."""
    groups = _SPACES.split(candidate.strip())
    for size in range(len(groups) - 1, 0, -1):
        for start in range(len(groups) - size + 1):
            kind = _kind(" ".join(groups[start : start + size]))
            if kind is not None:
                return kind
    return None


def personal_number_in(text: str) -> str | None:
    """The kind of the first national ID number or phone number in `text`, or None when there is none."""
    found = personal_numbers(text)
    return found[0] if found else None


def report_deadline(village_deadline: dt.date, commune_deadline: dt.date, *, is_village: bool) -> dt.date:
    return village_deadline if is_village else commune_deadline


def standing(deadline: dt.date, submitted_on: dt.date | None, today: dt.date) -> Standing:
    """Where a unit's report stands: submitted on time (on or before its deadline), submitted late, late
    (not submitted and the deadline has passed), or due (not submitted, the deadline is today or ahead)."""
    if submitted_on is not None:
        return Standing.ON_TIME if submitted_on <= deadline else Standing.SUBMITTED_LATE
    return Standing.LATE if today > deadline else Standing.DUE


def reminder_kind(deadline: dt.date, today: dt.date) -> str | None:
    """ "before" on the day REMINDER_DAYS_BEFORE days before the deadline, "after" on the day after it."""
    if today == deadline - dt.timedelta(days=REMINDER_DAYS_BEFORE):
        return "before"
    if today == deadline + dt.timedelta(days=1):
        return "after"
    return None


def round_dates_problem(
    starts_on: dt.date, ends_on: dt.date, village_deadline: dt.date, commune_deadline: dt.date
) -> tuple[str, str] | None:
    """(field, problem) when the round's dates do not hold together, None when they do."""
    if ends_on < starts_on:
        return "ends_on", "ends_before_start"
    if village_deadline < starts_on:
        return "village_deadline", "deadline_before_start"
    if commune_deadline <= village_deadline:
        return "commune_deadline", "commune_not_after_villages"
    return None


@dataclass(frozen=True)
class Rollup:
    """The villages' reports summed for the commune: how many submitted, trend answers, hot spots."""

    villages: int
    submitted: int
    trends: dict[str, int]
    hot_spots: int


def roll_up(villages: int, answers: Iterable[tuple[str, int]]) -> Rollup:
    """`answers`: (complaints trend, hot spot count) of each submitted village report."""
    trends = {t.value: 0 for t in Trend}
    submitted = hot = 0
    for trend, count in answers:
        submitted += 1
        hot += count
        if trend in trends:
            trends[trend] += 1
    return Rollup(villages=villages, submitted=submitted, trends=trends, hot_spots=hot)
