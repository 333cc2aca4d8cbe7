"""`overdue_below` narrows a commune's or a village's rows by an indexed column: the rows are exactly those
whose unit lies in the unit or below it, at every level."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.core.indicators import Item
from grassroots.reporting import figures, refresh
from grassroots.reporting.models import OverdueItem
from grassroots.territory.tests.factories import make_tree

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 5, 20)


def test_the_overdue_items_below_any_unit_are_those_under_its_path(fake_indicators):
    trees = [make_tree("A"), make_tree("B", villages=3)]
    for tree in trees:
        for key, unit in tree.items():
            if key != "province":
                fake_indicators["fake_a"].append(
                    Item(unit.pk, dt.date(2026, 4, 1), f"late {unit.code}", 0, 1, deadline=dt.date(2026, 4, 1),
                         overdue=True)
                )  # fmt: skip
        refresh.refresh_commune(tree["commune"], TODAY)
    for tree in trees:
        for unit in tree.values():
            expected = {o.pk for o in OverdueItem.objects.all() if o.path.startswith(unit.path)}
            assert {o.pk for o in figures.overdue_below(unit)} == expected
            assert figures.overdue_below(unit).count() == len(expected) > 0
    # A village's list is its own item only; a commune's holds its own and its villages'.
    assert [o.title for o in figures.overdue_below(trees[1]["village2"])] == ["late BC-2"]
    assert figures.overdue_below(trees[1]["commune"]).count() == 4
