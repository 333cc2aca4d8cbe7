"""Figures are sums of items, kept per unit and period, and rolled up by adding each commune's change."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grassroots.core.indicators import Item
from grassroots.reporting import figures, refresh
from grassroots.reporting.models import Figure, OverdueItem, PeriodKind
from grassroots.territory.models import UnitKind
from grassroots.territory.tests.factories import UnitFactory, make_tree

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 5, 20)


def test_a_commune_counts_its_villages_items_and_its_own(fake_indicators):
    tree = make_tree("A")
    v1, v2, commune = tree["village1"], tree["village2"], tree["commune"]
    fake_indicators["fake_a"] += [
        Item(v1.pk, dt.date(2026, 3, 2), "m1", 1, 1),
        Item(v1.pk, dt.date(2026, 3, 30), "m2", 0, 1),
        Item(v2.pk, dt.date(2026, 4, 1), "m3", 1, 1),
        Item(commune.pk, dt.date(2026, 1, 5), "m4", 1, 1),
    ]
    refresh.refresh_commune(commune, TODAY)
    march = dt.date(2026, 3, 1)
    assert figures.unit_figures(v1, PeriodKind.MONTH, march)["fake_a"] == figures.Tally(1, 2, 2)
    assert "fake_a" not in figures.unit_figures(v2, PeriodKind.MONTH, march)  # no data yet, not zero
    q1 = dt.date(2026, 1, 1)
    # Quarter I: m1, m2 (village 1) and m4 (the commune's own) = 2 of 3.
    assert figures.unit_figures(commune, PeriodKind.QUARTER, q1)["fake_a"] == figures.Tally(2, 3, 3)
    assert figures.unit_figures(commune, PeriodKind.YEAR, q1)["fake_a"] == figures.Tally(3, 4, 4)
    assert figures.unit_figures(tree["province"], PeriodKind.YEAR, q1)["fake_a"] == figures.Tally(3, 4, 4)
    assert figures.unit_figures(commune, PeriodKind.YEAR, q1)["fake_a"].percent == 75.0


def test_a_change_is_added_to_the_province_and_a_vanished_figure_goes(fake_indicators):
    tree = make_tree("A")
    commune, province = tree["commune"], tree["province"]
    item = Item(tree["village1"].pk, dt.date(2026, 2, 2), "x", 0, 1)
    fake_indicators["fake_b"].append(item)
    refresh.refresh_commune(commune, TODAY)
    year = dt.date(2026, 1, 1)
    assert figures.unit_figures(province, "Y", year)["fake_b"] == figures.Tally(0, 1, 1)
    fake_indicators["fake_b"][0] = Item(item.unit_id, item.day, "x", 1, 1)
    refresh.refresh_commune(commune, TODAY)
    assert figures.unit_figures(province, "Y", year)["fake_b"] == figures.Tally(1, 1, 1)
    fake_indicators["fake_b"].clear()
    refresh.refresh_commune(commune, TODAY)
    assert figures.unit_figures(province, "Y", year) == {}
    assert not Figure.objects.filter(indicator="fake_b").exists()


def test_overdue_items_are_kept_per_commune_and_found_below_any_unit(fake_indicators):
    a, b = make_tree("A"), make_tree("B")
    for tree in (a, b):
        fake_indicators["fake_a"].append(
            Item(tree["village1"].pk, dt.date(2026, 4, 1), "late", 0, 1, deadline=dt.date(2026, 4, 1), overdue=True)
        )
        refresh.refresh_commune(tree["commune"], TODAY)
    assert [o.unit for o in figures.overdue_below(a["province"])] == [a["village1"]]
    assert OverdueItem.objects.count() == 2
    fake_indicators["fake_a"].clear()
    refresh.refresh_commune(a["commune"], TODAY)
    assert list(figures.overdue_below(a["province"])) == []


def test_the_changed_communes_come_from_the_audit_trail(fake_indicators):
    from grassroots.core import audit

    a, b = make_tree("A"), make_tree("B")
    fake_indicators["fake_a"] += [Item(a["village1"].pk, dt.date(2026, 4, 1), "x", 1, 1)]
    fake_indicators["fake_a"] += [Item(b["village1"].pk, dt.date(2026, 4, 1), "y", 1, 1)]
    refresh.refresh_changed(TODAY)  # nothing in the trail yet: nothing refreshed
    assert not Figure.objects.exists()
    audit.record("test.touched", unit_id=a["village2"].pk)
    outcome = refresh.refresh_changed(TODAY)
    assert outcome.communes == 1
    assert figures.unit_figures(a["province"], "Y", dt.date(2026, 1, 1))["fake_a"] == figures.Tally(1, 1, 1)
    assert figures.unit_figures(b["province"], "Y", dt.date(2026, 1, 1)) == {}
    assert refresh.refresh_changed(TODAY).communes == 0  # the cursor moved on


def test_before_july_2025_a_commune_rolls_up_through_its_district(fake_indicators):
    province = UnitFactory(code="P", kind=UnitKind.PROVINCE)
    district = UnitFactory(code="D", kind=UnitKind.DISTRICT, parent=province, valid_to=dt.date(2025, 7, 1))
    old = UnitFactory(code="C1", kind=UnitKind.COMMUNE, parent=district, valid_to=dt.date(2025, 7, 1))
    new = UnitFactory(code="C2", kind=UnitKind.COMMUNE, parent=province, valid_from=dt.date(2025, 7, 1))
    fake_indicators["fake_a"] += [Item(old.pk, dt.date(2025, 3, 1), "old", 1, 1)]
    fake_indicators["fake_a"] += [Item(new.pk, dt.date(2025, 9, 1), "new", 0, 1)]
    for commune in (old, new):
        refresh.refresh_commune(commune, TODAY)
    year = dt.date(2025, 1, 1)
    assert figures.unit_figures(district, "Y", year)["fake_a"] == figures.Tally(1, 1, 1)
    assert figures.unit_figures(province, "Y", year)["fake_a"] == figures.Tally(1, 2, 2)


items_strategy = st.lists(
    st.tuples(
        st.integers(0, 5),  # which unit (index into the tree's units)
        st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31)),
        st.integers(0, 3),
        st.integers(0, 3),
        st.sampled_from(["fake_a", "fake_b"]),
    ),
    max_size=30,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=items_strategy, second=items_strategy)
def test_a_province_figure_is_the_sum_of_its_communes_after_any_changes(fake_indicators, first, second):
    """Every additive figure of the province equals the sum of its communes', however the items change,
    whether it was kept by adding changes (incremental) or rebuilt nightly."""
    Figure.objects.all().delete()
    province = UnitFactory(kind=UnitKind.PROVINCE)
    communes = [UnitFactory(kind=UnitKind.COMMUNE, parent=province) for _ in range(2)]
    units = [*communes]
    for commune in communes:
        units += [UnitFactory(kind=UnitKind.VILLAGE, parent=commune) for _ in range(2)]
    for batch in (first, second):
        for items in fake_indicators.values():
            items.clear()
        for index, day, n, d, code in batch:
            fake_indicators[code].append(Item(units[index].pk, day, "x", n, d))
        for commune in communes:
            refresh.refresh_commune(commune, TODAY)
        _assert_province_is_the_sum(province, communes)
    refresh.rebuild_rollups(TODAY)
    _assert_province_is_the_sum(province, communes)


def _assert_province_is_the_sum(province, communes) -> None:
    def sums(unit_ids):
        out: dict = {}
        for f in Figure.objects.filter(unit_id__in=unit_ids):
            key = (f.kind, f.start, f.indicator)
            n, d, c = out.get(key, (0, 0, 0))
            out[key] = (n + f.numerator, d + f.denominator, c + f.items)
        return out

    assert sums([province.pk]) == sums([c.pk for c in communes])
