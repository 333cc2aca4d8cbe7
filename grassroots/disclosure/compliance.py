"""Compliance of published items, read from the database and judged by `rules` (Law Arts 12(3), 13):
one row per item with each required channel's verdict, for the officials' console and the reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from . import rules
from .calendar import working_days
from .choices import Category
from .models import Item, Posting, Setup
from .rules import ChannelCompliance, Span, WorkingDays


@dataclass(frozen=True)
class ItemCompliance:
    item: Item
    due_on: dt.date
    channels: list[ChannelCompliance]

    @property
    def problems(self) -> list[ChannelCompliance]:
        return [c for c in self.channels if c.problems and not c.warning_only]

    @property
    def reminders(self) -> list[ChannelCompliance]:
        return [c for c in self.channels if c.warning_only]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def overdue(self) -> bool:
        return any(rules.Problem.LATE in c.problems or rules.Problem.MISSING in c.problems for c in self.channels)

    @property
    def too_short(self) -> bool:
        return any(
            rules.Problem.TOO_SHORT in c.problems or rules.Problem.TAKEN_DOWN in c.problems for c in self.channels
        )


def has_loudspeaker(commune_id: int) -> bool:
    """Law Art 13: without a record, the commune is taken to have a loudspeaker system (models.Setup)."""
    setup = Setup.objects.filter(commune_id=commune_id).first()
    return True if setup is None else setup.has_loudspeaker


def spans_of(postings: Iterable[Posting]) -> dict[str, list[Span]]:
    spans: dict[str, list[Span]] = {}
    for p in postings:
        spans.setdefault(p.channel, []).append(Span(p.started_on, p.ended_on, p.place))
    return spans


def judge(
    item: Item, postings: Iterable[Posting], *, today: dt.date, days: WorkingDays, loudspeaker: bool
) -> ItemCompliance:
    """One item's verdict per required channel (Law Arts 12(3), 13)."""
    channels = rules.item_compliance(
        Category(item.category), spans_of(postings), decided_on=item.decided_on, days=days, today=today,
        has_loudspeaker=loudspeaker, is_index=bool(item.index_of),
    )  # fmt: skip
    return ItemCompliance(item, rules.disclose_by(item.decided_on, days), channels)


def for_items(items: list[Item], *, commune_id: int, today: dt.date) -> list[ItemCompliance]:
    """Verdicts for the items of one commune (their postings prefetched by the caller). A draft has no
    posting: once its deadline has passed, each required channel is flagged as not used (overdue)."""
    days = working_days(today)
    loudspeaker = has_loudspeaker(commune_id)
    return [judge(item, item.postings.all(), today=today, days=days, loudspeaker=loudspeaker) for item in items]
