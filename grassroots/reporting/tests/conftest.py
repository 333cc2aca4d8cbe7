from __future__ import annotations

from collections.abc import Iterator

import pytest

from grassroots.core.indicators import Item

from .fakes import FAKES, ITEMS


@pytest.fixture
def fake_indicators(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[Item]]]:
    from grassroots.reporting import refresh

    for items in ITEMS.values():
        items.clear()
    monkeypatch.setattr(refresh, "all_indicators", lambda: FAKES)
    yield ITEMS
    for items in ITEMS.values():
        items.clear()
