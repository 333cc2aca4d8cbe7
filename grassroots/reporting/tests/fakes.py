"""A fake indicator fed from a list, for the tests of the storage and roll-up (the real ones are tested in their apps)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from grassroots.core.indicators import Indicator, Item
from grassroots.territory.models import Unit

ITEMS: dict[str, list[Item]] = {"fake_a": [], "fake_b": []}


def _items(code: str):
    def items(commune: Unit, start: dt.date, end: dt.date, today: dt.date) -> Iterator[Item]:
        below = set(Unit.objects.descendants_of(commune, include_self=True).values_list("id", flat=True))
        return (i for i in ITEMS[code] if i.unit_id in below and start <= i.day <= end)

    return items


FAKES = (
    Indicator("fake_a", "Fake A", "A", "Law Art 11", "done", "due", _items("fake_a"), order=1),
    Indicator("fake_b", "Fake B", "B", "Law Art 12", "done", "due", _items("fake_b"), order=2),
)
