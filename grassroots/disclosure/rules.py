"""The law of disclosure (Law 10/2022/QH15 Arts 11–14; checklist 10.L), as pure functions of plain values.

Days are local dates. A posting's `ended_on` is the last day the notice was up (inclusive): a notice
put up on 1 March and taken down after 30 March was up for 30 consecutive days. An open posting
(`ended_on` None) is still up; it is counted up to `today`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .choices import Category, Channel

# Law Art 12(3): "trong thời hạn 05 ngày làm việc kể từ ngày ... ban hành quyết định, văn bản", unless
# the law of the field sets another deadline (within 5 working days of the decision or document; 10.L.31).
DISCLOSE_WITHIN_WORKING_DAYS = 5
# Law Art 13: notice boards at the seat and at village points "ít nhất là 30 ngày liên tục" for items
# 1–3 and 5–12 (at least 30 consecutive days from posting; 10.L.32).
POSTING_DAYS = 30
# Law Art 13: the loudspeaker "ít nhất 03 ngày liên tục" for items 7–12 where the commune has a system
# (at least 3 consecutive days of broadcast; 10.L.32).
BROADCAST_DAYS = 3
# Law on Access to Information 2016 Art 28(1): information at hand is provided within 10 working days of a
# valid request. [U] The digest does not give this number; the reading that protects residents is to flag
# a request unanswered after that time (a shorter deadline would flag it sooner, never hide it).
ANSWER_WITHIN_WORKING_DAYS = 10

# Law Art 13: the categories posted for 30 consecutive days at the seat and at village points.
POSTED_FOR_A_PERIOD = frozenset(Category) - {Category.REGULATION, Category.PROCEDURES, Category.OTHER}
# Law Art 13: items 4 and 13 are posted permanently at the seat and kept current.
POSTED_PERMANENTLY = frozenset({Category.REGULATION, Category.PROCEDURES})
# Law Art 13: items 7–12 are broadcast where there is a loudspeaker system.
BROADCAST = frozenset(
    {
        Category.SUPPORT,
        Category.RELIEF,
        Category.SERVICE,
        Category.INSPECTIONS,
        Category.CONSULTATIONS,
        Category.FEES,
    }
)
# Law Art 13: item 3 (projects, land, planning) is relayed through the village heads.
RELAYED_BY_VILLAGE_HEADS = frozenset({Category.PROJECTS_LAND})


@dataclass(frozen=True)
class WorkingDays:
    """Law Art 12(3) counts working days: Monday to Friday, less public holidays (Tết included),
    plus the Saturdays the government made working days. The caller supplies both sets."""

    days_off: frozenset[dt.date] = field(default_factory=frozenset)
    days_on: frozenset[dt.date] = field(default_factory=frozenset)

    def counts(self, day: dt.date) -> bool:
        return day in self.days_on or (day.weekday() < 5 and day not in self.days_off)

    def after(self, start: dt.date, count: int) -> dt.date:
        """The day on which the `count`-th working day after `start` falls (`start` not counted)."""
        day = start
        for _step in range(count):
            day += dt.timedelta(days=1)
            while not self.counts(day):
                day += dt.timedelta(days=1)
        return day


def disclose_by(decided_on: dt.date, days: WorkingDays) -> dt.date:
    """Law Art 12(3): the last day to disclose, 5 working days after the decision or document (10.L.31)."""
    return days.after(decided_on, DISCLOSE_WITHIN_WORKING_DAYS)


def answer_by(asked_on: dt.date, days: WorkingDays) -> dt.date:
    """Law Art 14 (on request, under the Law on Access to Information, Art 28(1)): the last day to answer."""
    return days.after(asked_on, ANSWER_WITHIN_WORKING_DAYS)


@dataclass(frozen=True)
class Requirement:
    """What Art 13 asks of one channel for one item: to be used at all, for at least `min_days`
    consecutive days, or permanently (up at all times, kept current)."""

    channel: Channel
    min_days: int = 0
    permanent: bool = False
    article: str = "Law Art 13"


def required_channels(
    category: Category, *, has_loudspeaker: bool, has_portal: bool = True, is_index: bool = False
) -> list[Requirement]:
    """Law Art 13 (10.L.32): the channels the law makes mandatory for an item of `category`.

    - the web portal for every item where the commune has one (this platform's public pages);
    - the seat and village points for 30 consecutive days: items 1–3 and 5–12;
    - the seat permanently, kept current: items 4 and 13;
    - the loudspeaker for 3 consecutive days: items 7–12, where a system exists;
    - the village heads: item 3.
    Item 14 has only the portal here: what else it needs is set by the law or regulation requiring it.
    The quarterly index (Art 13(2), `is_index`) is posted at the seat and at village points.
    The commune may add channels (Art 13, last paragraph); those are logged but not required.
    """
    needed: list[Requirement] = []
    if has_portal:
        permanent = category in POSTED_PERMANENTLY
        needed.append(Requirement(Channel.WEB_PORTAL, permanent=permanent, article="Law Art 13"))
    if category in POSTED_FOR_A_PERIOD:
        needed.append(Requirement(Channel.COMMUNE_SEAT, min_days=POSTING_DAYS))
        needed.append(Requirement(Channel.VILLAGE_POINTS, min_days=POSTING_DAYS))
    if category in POSTED_PERMANENTLY:
        needed.append(Requirement(Channel.COMMUNE_SEAT, permanent=True))
    if category in BROADCAST and has_loudspeaker:
        needed.append(Requirement(Channel.LOUDSPEAKER, min_days=BROADCAST_DAYS))
    if category in RELAYED_BY_VILLAGE_HEADS:
        needed.append(Requirement(Channel.VILLAGE_HEAD))
    if is_index:
        needed.append(Requirement(Channel.COMMUNE_SEAT, article="Law Art 13(2)"))
        needed.append(Requirement(Channel.VILLAGE_POINTS, article="Law Art 13(2)"))
    return needed


@dataclass(frozen=True)
class Span:
    """One posting: from `started_on` to `ended_on` inclusive (None: still up), at `place` (a village
    point's name, or "" for the channel's one place)."""

    started_on: dt.date
    ended_on: dt.date | None = None
    place: str = ""


def days_up(started_on: dt.date, ended_on: dt.date) -> int:
    """Consecutive days a notice was up, both ends counted: 1–30 March is 30 days (Law Art 13)."""
    return (ended_on - started_on).days + 1


def _runs(spans: Iterable[Span]) -> dict[str, list[tuple[dt.date, dt.date | None]]]:
    """Spans per place, merged where they overlap or follow on the next day: a notice replaced the day
    it was torn down is still one consecutive period."""
    by_place: dict[str, list[Span]] = {}
    for span in spans:
        by_place.setdefault(span.place.strip().casefold(), []).append(span)
    merged: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
    for place, place_spans in by_place.items():
        runs: list[tuple[dt.date, dt.date | None]] = []
        for span in sorted(place_spans, key=lambda s: s.started_on):
            if runs:
                start, end = runs[-1]
                if end is None or span.started_on <= end + dt.timedelta(days=1):
                    later = None if end is None or span.ended_on is None else max(end, span.ended_on)
                    runs[-1] = (start, later)
                    continue
            runs.append((span.started_on, span.ended_on))
        merged[place] = runs
    return merged


class Problem(enum.StrEnum):
    """What is wrong with one required channel."""

    MISSING = "missing"  # never used, and the deadline has passed
    LATE = "late"  # first used after the deadline (Art 12(3))
    TOO_SHORT = "too_short"  # taken down before the minimum period (Art 13)
    ENDS_TOO_EARLY = "ends_too_early"  # a planned end that would fall short: a reminder (Art 13)
    TAKEN_DOWN = "taken_down"  # a permanent posting no longer up (Art 13, items 4 and 13)


@dataclass(frozen=True)
class ChannelCompliance:
    requirement: Requirement
    started_on: dt.date | None
    problems: tuple[Problem, ...]
    # Until when the posting must stay up (the first day it may come down is the day after).
    must_stay_until: dt.date | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def warning_only(self) -> bool:
        return bool(self.problems) and set(self.problems) <= {Problem.ENDS_TOO_EARLY}


def channel_compliance(
    requirement: Requirement, spans: Sequence[Span], *, due_on: dt.date, today: dt.date
) -> ChannelCompliance:
    """Law Arts 12(3) and 13 (10.L.31–32) for one channel of one item: was it used, did it start by
    `due_on`, and did every place keep it up long enough (or for good, for items 4 and 13)?

    A period still running is not short yet; a planned end (`ended_on` after `today`) that falls
    short is a reminder (`ENDS_TOO_EARLY`) until that day comes, then `TOO_SHORT`."""
    if not spans:
        return ChannelCompliance(requirement, None, (Problem.MISSING,) if today > due_on else ())
    problems: list[Problem] = []
    started_on = min(s.started_on for s in spans)
    if started_on > due_on:
        problems.append(Problem.LATE)
    runs = _runs(spans)
    must_stay_until = None
    if requirement.min_days:
        must_stay_until = started_on + dt.timedelta(days=requirement.min_days - 1)
        for place_runs in runs.values():
            start, end = max(place_runs, key=lambda run: days_up(run[0], run[1] or today))
            if end is None or days_up(start, end) >= requirement.min_days:
                continue
            problems.append(Problem.TOO_SHORT if end < today else Problem.ENDS_TOO_EARLY)
    if requirement.permanent and all(run[-1][1] is not None and run[-1][1] < today for run in runs.values()):
        problems.append(Problem.TAKEN_DOWN)
    return ChannelCompliance(requirement, started_on, tuple(dict.fromkeys(problems)), must_stay_until)


def item_compliance(
    category: Category,
    spans_by_channel: Mapping[str, Sequence[Span]],
    *,
    decided_on: dt.date,
    days: WorkingDays,
    today: dt.date,
    has_loudspeaker: bool,
    is_index: bool = False,
) -> list[ChannelCompliance]:
    """Every required channel of an item, each with its problems (Law Arts 12(3), 13; 10.L.31–32)."""
    due_on = disclose_by(decided_on, days)
    return [
        channel_compliance(r, spans_by_channel.get(r.channel, ()), due_on=due_on, today=today)
        for r in required_channels(category, has_loudspeaker=has_loudspeaker, is_index=is_index)
    ]


def quarter_of(day: dt.date) -> tuple[int, int]:
    """Law Art 13(2): the index is compiled every quarter; (year, 1–4)."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a quarter."""
    first = dt.date(year, 3 * (quarter - 1) + 1, 1)
    after = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return first, after - dt.timedelta(days=1)
