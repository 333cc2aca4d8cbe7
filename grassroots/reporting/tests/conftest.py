from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from grassroots.core.indicators import Item

from .fakes import FAKES, ITEMS


@pytest.fixture
def fake_indicators(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[Item]]]:
    from grassroots.reporting import refresh, registry

    for items in ITEMS.values():
        items.clear()
    monkeypatch.setattr(refresh, "all_indicators", lambda: FAKES)
    monkeypatch.setattr(registry, "all_indicators", lambda: FAKES)
    yield ITEMS
    for items in ITEMS.values():
        items.clear()


@pytest.fixture
def no_indicators(monkeypatch: pytest.MonkeyPatch) -> None:
    from grassroots.reporting import refresh, registry

    monkeypatch.setattr(refresh, "all_indicators", lambda: ())
    monkeypatch.setattr(registry, "all_indicators", lambda: ())


@pytest.fixture
def cast(db: Any) -> dict[str, Any]:
    """Province A (communes AC and AD), province B (commune BC); a steering member of each province and of
    commune AC, an official of AC, the chair of AD, the head of village AC-1, a household representative."""
    from grassroots.accounts.models import Role
    from grassroots.accounts.tests.factories import UserFactory, grant
    from grassroots.territory.models import UnitKind
    from grassroots.territory.tests.factories import UnitFactory, make_tree

    a, b = make_tree("A"), make_tree("B", villages=1)
    ad = UnitFactory(code="AD", name="Xã AD", kind=UnitKind.COMMUNE, parent=a["province"])
    ad1 = UnitFactory(code="AD-1", name="Thôn AD1", kind=UnitKind.VILLAGE, parent=ad)
    users = {}
    for name, unit, role in [
        ("steering_a", a["province"], Role.STEERING_MEMBER),
        ("steering_b", b["province"], Role.STEERING_MEMBER),
        ("steering_ac", a["commune"], Role.STEERING_MEMBER),
        ("official_ac", a["commune"], Role.COMMUNE_OFFICIAL),
        ("chair_ad", ad, Role.COMMUNE_CHAIR),
        ("head_ac1", a["village1"], Role.VILLAGE_HEAD),
        ("resident", a["village1"], Role.HOUSEHOLD_REPRESENTATIVE),
    ]:
        users[name] = UserFactory(username=name)
        grant(users[name], unit, role, valid_from=dt.date(2020, 1, 1))
    return {"a": a, "b": b, "ad": ad, "ad1": ad1, **users}
