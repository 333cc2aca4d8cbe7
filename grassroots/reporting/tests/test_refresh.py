"""Figures are sums of items, kept per unit and period, and rolled up by adding each commune's change."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grassroots.core.indicators import Item
from grassroots.reporting import figures, refresh
from grassroots.reporting.models import Figure, OverdueItem, PeriodKind
from grassroots.territory.models import Unit, UnitKind
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


def test_an_item_overdue_since_two_years_ago_stays_on_the_list_until_it_is_done(fake_indicators):
    """On 1 January 2026 the window starts in 2025; a recommendation due in March 2024 and still unanswered
    stays overdue (from the Law's taking effect, Law Art 90(1), on), without counting in the figures; once it
    is done it leaves the list. A thing "due" before 1 July 2023 was never the Law's."""
    tree = make_tree("A")
    commune, village = tree["commune"], tree["village1"]
    new_year = dt.date(2026, 1, 1)
    old = dt.date(2024, 3, 18)
    _first_record(village, dt.date(2023, 8, 1))
    fake_indicators["fake_a"] += [
        Item(village.pk, old, "recommendation of 2024", 0, 1, deadline=old, overdue=True, responsible="UBND"),
        Item(village.pk, dt.date(2023, 6, 30), "before the Law", 0, 1, deadline=dt.date(2023, 6, 30), overdue=True),
    ]
    refresh.refresh_commune(commune, new_year)
    assert [(o.title, o.deadline, o.path) for o in figures.overdue_below(tree["province"])] == [
        ("recommendation of 2024", old, village.path)
    ]
    assert not Figure.objects.exists()  # 2024 is before the window: the figures of 2024 are not touched

    fake_indicators["fake_a"][0] = Item(village.pk, old, "recommendation of 2024", 0, 1, deadline=old)
    refresh.refresh_commune(commune, new_year)
    assert not OverdueItem.objects.exists()


def _first_record(unit, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    """The platform's first record about the unit, on that day."""
    from grassroots.core import audit

    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC), tick=False):
        audit.record("test.first_record", unit_id=unit.pk)


@pytest.mark.parametrize(
    ("first_record", "listed"),
    [
        (None, ["due 2025-02"]),  # nothing recorded before: only the window's
        (dt.date(2026, 3, 1), ["due 2025-02"]),  # first recorded this year: the window still counts
        (dt.date(2024, 11, 5), ["due 2024-02", "due 2025-02"]),  # from 1 January of the first record's year
        (dt.date(2023, 8, 1), ["due 2023-09", "due 2024-02", "due 2025-02"]),  # never before the Law (1 Jul 2023)
    ],
)
def test_the_overdue_list_looks_back_to_the_year_the_platform_first_recorded_the_commune(
    fake_indicators, first_record, listed
):
    """A conference missing from before a commune used the platform is no proof none was held: the list looks
    back to 1 January of the year of the commune's first record, never before the Law took effect, never less
    than the window (last year and this)."""
    tree = make_tree("A")
    commune, village = tree["commune"], tree["village2"]
    if first_record is not None:
        _first_record(village, first_record)
    fake_indicators["fake_a"] += [
        Item(village.pk, day, f"due {day:%Y-%m}", 0, 1, deadline=day, overdue=True)
        for day in (dt.date(2023, 6, 1), dt.date(2023, 9, 1), dt.date(2024, 2, 1), dt.date(2025, 2, 1))
    ]
    refresh.refresh_commune(commune, dt.date(2026, 6, 1))
    assert sorted(o.title for o in figures.overdue_below(tree["province"])) == listed


def test_in_2024_a_thing_due_before_the_law_counts_in_the_figures_but_is_never_overdue(fake_indicators):
    """In 2024 the window starts on 1 January 2023, before the Law took effect (1 July 2023, Law Art 90(1)):
    an item of March 2023 counts in its month's figure, but nothing the Law asks was due then."""
    tree = make_tree("A")
    commune, village = tree["commune"], tree["village1"]
    _first_record(village, dt.date(2023, 1, 5))
    fake_indicators["fake_a"] += [
        Item(village.pk, dt.date(2023, 3, 1), "before", 0, 1, deadline=dt.date(2023, 3, 1), overdue=True),
        Item(village.pk, dt.date(2023, 8, 1), "after", 0, 1, deadline=dt.date(2023, 8, 1), overdue=True),
    ]
    refresh.refresh_commune(commune, dt.date(2024, 5, 1))
    assert [o.title for o in figures.overdue_below(tree["province"])] == ["after"]
    assert figures.unit_figures(village, "M", dt.date(2023, 3, 1))["fake_a"] == figures.Tally(0, 1, 1)


def test_the_overdue_list_is_stored_in_the_installations_language_whoever_runs_the_refresh(monkeypatch):
    """The titles and the responsible are written at the refresh: in Vietnamese (settings.LANGUAGE_CODE),
    even when the refresh runs in a request or a command in English."""
    from django.utils import translation
    from django.utils.translation import gettext

    from grassroots.core.indicators import Indicator

    tree = make_tree("A")
    village = tree["village1"]

    def late(commune, start, end, today):  # type: ignore[no-untyped-def]
        day = dt.date(2026, 4, 1)
        return [
            Item(village.pk, day, gettext("village"), 0, 1, deadline=day, overdue=True, responsible=gettext("commune"))
        ]

    monkeypatch.setattr(refresh, "all_indicators", lambda: (Indicator("late", "L", "L", "Law Art 11", "d", "n", late),))
    with translation.override("en"):
        refresh.refresh_commune(tree["commune"], TODAY)
    with translation.override("vi"):
        wanted = (gettext("village"), gettext("commune"))
    assert wanted != ("village", "commune")  # the catalogue has them: the test would prove nothing otherwise
    assert OverdueItem.objects.values_list("title", "responsible").get() == wanted


def test_the_move_verb_is_the_one_territory_records():
    from grassroots.territory import national

    assert refresh.COMMUNE_MOVED == national.COMMUNE_MOVED


def test_a_commune_moved_by_the_national_map_leaves_its_former_province_and_its_items_follow(fake_indicators):
    """Ward 14797 sits under province 40 by mistake; loading the official map moves it under 38 (Thanh Hóa).
    The load's audit event names it: the next incremental refresh gives its overdue items their new path,
    takes its figures out of province 40 and puts them into 38."""
    from grassroots.territory.national import load_national_units

    wrong = UnitFactory(code="40", name="Tỉnh Nghệ An", kind=UnitKind.PROVINCE)
    ward = UnitFactory(code="14797", name="Phường Hạc Thành", kind=UnitKind.WARD, parent=wrong)
    group = UnitFactory(code="14797-01", name="Tổ dân phố 1", kind=UnitKind.RESIDENTIAL_GROUP, parent=ward)
    day = dt.date(2026, 4, 1)
    fake_indicators["fake_a"] += [
        Item(group.pk, day, "late", 0, 1, deadline=day, overdue=True),
        Item(ward.pk, day, "done", 1, 1),
    ]
    refresh.refresh_changed(TODAY)  # the cursor past the units' creation
    refresh.refresh_commune(ward, TODAY)
    year = dt.date(2026, 1, 1)
    assert figures.unit_figures(wrong, "Y", year)["fake_a"] == figures.Tally(1, 2, 2)

    load_national_units(as_of=TODAY)
    outcome = refresh.refresh_changed(TODAY)

    assert outcome.communes == 1
    right = Unit.objects.get(code="38")
    assert figures.unit_figures(wrong, "Y", year) == {}
    assert figures.unit_figures(right, "Y", year)["fake_a"] == figures.Tally(1, 2, 2)
    assert [o.path for o in figures.overdue_below(right)] == ["/38/14797/14797-01/"]
    assert list(figures.overdue_below(wrong)) == []


# Units of the property test's tree: province P > district D > communes 0 and 1 (the tier before July 2025),
# and commune 2 right under P; each commune with two villages. An item names a unit by its index here.
COMMUNES = 3
UNIT_COUNT = COMMUNES * 3
WINDOW = refresh.window(TODAY)
SINCE = refresh.LAW_IN_FORCE_ART_90


def _unit_tree() -> dict:
    from grassroots.core import audit

    province = UnitFactory(kind=UnitKind.PROVINCE)
    district = UnitFactory(kind=UnitKind.DISTRICT, parent=province)
    communes = [UnitFactory(kind=UnitKind.COMMUNE, parent=district if i < 2 else province) for i in range(COMMUNES)]
    for commune in communes:  # recorded on the platform since 2023: the overdue list looks back to the Law's start
        with time_machine.travel(dt.datetime(2023, 1, 2, tzinfo=dt.UTC), tick=False):
            audit.record("test.first_record", unit_id=commune.pk)
    villages = [UnitFactory(kind=UnitKind.VILLAGE, parent=c) for c in communes for _ in range(2)]
    units = [*communes, *villages]
    commune_of = {u.pk: communes[i] if i < COMMUNES else communes[(i - COMMUNES) // 2] for i, u in enumerate(units)}
    return {"province": province, "district": district, "communes": communes, "units": units, "commune_of": commune_of}


items_strategy = st.lists(
    st.tuples(
        st.integers(0, UNIT_COUNT - 1),  # which unit (index into the tree's units)
        st.dates(dt.date(2023, 1, 1), dt.date(2027, 12, 31)),  # before the Law, before, in and after the window
        st.integers(0, 3),
        st.integers(0, 3),
        st.sampled_from(["fake_a", "fake_b"]),
        st.booleans(),  # overdue
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=items_strategy, second=items_strategy, third=items_strategy)
def test_every_figure_is_the_sum_of_its_items_after_any_changes(sloppy_indicators, first, second, third):
    """Every figure of a village, a commune, the district and the province is the sum, counted here by hand,
    of the items of the window below it; the overdue list holds the overdue items since the Law took effect.
    The indicators here return every item whatever the span asked: the refresh itself keeps the span. It holds
    after incremental refreshes, after the nightly rebuild, and after the next day's changes read from the
    audit trail."""
    from grassroots.core import audit

    Figure.objects.all().delete()
    OverdueItem.objects.all().delete()
    tree = _unit_tree()
    for number, batch in enumerate((first, second, third)):
        _feed(sloppy_indicators, tree, batch, number)
        if number < 2:
            for commune in tree["communes"]:
                refresh.refresh_commune(commune, TODAY)
        else:  # the next day: what was written names its unit in the trail
            for index, *_rest in (*second, *third):
                audit.record("test.touched", unit_id=tree["units"][index].pk)
            refresh.refresh_changed(TODAY)
        _assert_sums(tree, batch, number)
        if number == 1:  # the nightly run: sums above communes rebuilt, the trail read up to here
            refresh.rebuild_rollups(TODAY)
            refresh._advance_cursor(refresh._last_seq())
            _assert_sums(tree, batch, number)


@pytest.fixture
def sloppy_indicators(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Item]]:
    """Two indicators fed from lists that give every item of the commune, in the span asked or not."""
    from grassroots.core.indicators import Indicator

    fed: dict[str, list[Item]] = {"fake_a": [], "fake_b": []}

    def items_of(code):  # type: ignore[no-untyped-def]
        def items(commune, start, end, today):  # type: ignore[no-untyped-def]
            return [i for i in fed[code] if i.unit_id in below(commune)]

        return items

    def below(commune):  # type: ignore[no-untyped-def]
        return set(Unit.objects.descendants_of(commune, include_self=True).values_list("id", flat=True))

    fakes = tuple(Indicator(code, code, code, "Law Art 11", "d", "n", items_of(code)) for code in fed)
    monkeypatch.setattr(refresh, "all_indicators", lambda: fakes)
    return fed


def _feed(fed: dict[str, list[Item]], tree: dict, batch: list, number: int) -> None:
    for items in fed.values():
        items.clear()
    for k, (index, day, n, d, code, overdue) in enumerate(batch):
        fed[code].append(Item(tree["units"][index].pk, day, f"{number}-{k}", n, d, deadline=day, overdue=overdue))


def _by_hand(batch: list, unit_of) -> dict:  # type: ignore[no-untyped-def]
    """unit id → (kind, start, code) → (numerator, denominator, items), for the items of the window."""
    out: dict = {}
    for index, day, n, d, code, _overdue in batch:
        if not WINDOW[0] <= day <= WINDOW[1]:
            continue
        starts = [
            ("M", dt.date(day.year, day.month, 1)),
            ("Q", dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)),
            ("Y", dt.date(day.year, 1, 1)),
        ]
        for unit_id in unit_of(index):
            for kind, start in starts:
                sums = out.setdefault(unit_id, {}).setdefault((kind, start, code), (0, 0, 0))
                out[unit_id][(kind, start, code)] = (sums[0] + n, sums[1] + d, sums[2] + 1)
    return out


def _assert_sums(tree: dict, batch: list, number: int) -> None:
    units, communes = tree["units"], tree["communes"]
    province, district = tree["province"], tree["district"]

    def unit_of(index):  # type: ignore[no-untyped-def]
        unit = units[index]
        commune = tree["commune_of"][unit.pk]
        above = [province] + ([district] if commune in communes[:2] else [])
        return {unit.pk, commune.pk, *(u.pk for u in above)}

    expected = _by_hand(batch, unit_of)
    stored: dict = {}
    for f in Figure.objects.filter(unit__in=[province, district, *units]):
        stored.setdefault(f.unit_id, {})[(f.kind, f.start, f.indicator)] = (f.numerator, f.denominator, f.items)
    assert stored == expected
    overdue = sorted(
        (units[index].pk, f"{number}-{k}")
        for k, (index, day, _n, _d, _code, late) in enumerate(batch)
        if late and SINCE <= day <= WINDOW[1]
    )
    found = OverdueItem.objects.filter(commune__in=communes).values_list("unit_id", "title")
    assert sorted(found) == overdue
