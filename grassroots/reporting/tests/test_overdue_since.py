"""The day a commune's overdue list looks back to is read from the audit trail once, then kept (`CommuneStart`):
the trail grows with every vote, and the incremental refresh runs every few minutes. It is read again when the
commune's units change (a village moved in brings its older events)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grassroots.core.indicators import Item
from grassroots.core.models import AuditEvent
from grassroots.reporting import figures, refresh
from grassroots.reporting.models import CommuneStart
from grassroots.territory.models import Unit, UnitKind
from grassroots.territory.tests.factories import UnitFactory, make_tree

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 5, 20)
WINDOW_START = dt.date(2025, 1, 1)


def _record(unit: Unit, day: dt.date) -> None:
    from grassroots.core import audit

    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC), tick=False):
        audit.record("test.touched", unit_id=unit.pk)


def _below(commune: Unit) -> list[int]:
    return list(Unit.objects.descendants_of(commune).values_list("id", flat=True))


def _since(commune: Unit) -> dt.date:
    return refresh.overdue_since(commune.pk, _below(commune), TODAY)


def _reads_the_trail(queries: CaptureQueriesContext) -> bool:
    return any(AuditEvent._meta.db_table in q["sql"] for q in queries.captured_queries)


def test_after_the_first_refresh_the_kept_day_is_used_and_the_trail_is_not_read(no_indicators):
    tree = make_tree("A")
    _record(tree["village1"], dt.date(2024, 3, 5))
    with CaptureQueriesContext(connection) as first:
        refresh.refresh_commune(tree["commune"], TODAY)
    assert _reads_the_trail(first)
    assert CommuneStart.objects.get().first_recorded_on == dt.date(2024, 3, 5)
    _record(tree["village2"], dt.date(2026, 5, 1))  # today's votes: later, they change nothing

    below = _below(tree["commune"])
    with CaptureQueriesContext(connection) as again:
        since = refresh.overdue_since(tree["commune"].pk, below, TODAY)
    assert since == dt.date(2024, 1, 1)
    assert not _reads_the_trail(again)
    assert len(again) == 1  # the kept day


def test_a_commune_with_nothing_recorded_keeps_nothing_and_the_next_refresh_looks_again(fake_indicators):
    tree = make_tree("A")
    commune, village = tree["commune"], tree["village1"]
    fake_indicators["fake_a"].append(
        Item(village.pk, dt.date(2024, 6, 3), "late", 0, 1, deadline=dt.date(2024, 6, 3), overdue=True)
    )
    refresh.refresh_commune(commune, TODAY)
    assert not CommuneStart.objects.exists()
    assert list(figures.overdue_below(commune)) == []  # 2024 is before the window and before any record

    _record(village, dt.date(2024, 2, 1))
    refresh.refresh_commune(commune, TODAY)
    assert CommuneStart.objects.get().first_recorded_on == dt.date(2024, 2, 1)
    assert [o.title for o in figures.overdue_below(commune)] == ["late"]


def test_the_day_is_the_local_one(no_indicators):
    """23:30 UTC on 31 December 2023 is already 1 January 2024 in Hà Nội: the commune starts in 2024."""
    from grassroots.core import audit

    commune = make_tree("A")["commune"]
    with time_machine.travel(dt.datetime(2023, 12, 31, 23, 30, tzinfo=dt.UTC), tick=False):
        audit.record("test.touched", unit_id=commune.pk)
    assert _since(commune) == dt.date(2024, 1, 1)
    assert CommuneStart.objects.get().first_recorded_on == dt.date(2024, 1, 1)


def test_a_village_moved_into_a_commune_brings_its_older_records_and_the_day_is_found_again(no_indicators):
    """The village's first record (2023) is older than its new commune's (2025): the new commune looks back to
    2023, and the one it left no longer does."""
    a, b = make_tree("A"), make_tree("B")
    _record(a["commune"], dt.date(2025, 3, 1))
    _record(b["village1"], dt.date(2023, 9, 1))
    _record(b["commune"], dt.date(2024, 4, 1))
    # B looks back to 1 January 2023, never before the Law took effect (1 July 2023).
    assert (_since(a["commune"]), _since(b["commune"])) == (WINDOW_START, dt.date(2023, 7, 1))

    village = b["village1"]
    village.parent = a["commune"]
    village.save()

    with CaptureQueriesContext(connection) as queries:
        assert _since(a["commune"]) == dt.date(2023, 7, 1)
    assert _reads_the_trail(queries)
    assert _since(b["commune"]) == dt.date(2024, 1, 1)
    assert dict(CommuneStart.objects.values_list("commune__code", "first_recorded_on")) == {
        "AC": dt.date(2023, 9, 1),
        "BC": dt.date(2024, 4, 1),
    }


def test_a_commune_moved_by_the_national_map_keeps_its_day(no_indicators):
    """A commune moved to another province keeps its id and its villages: its first record is the same, and
    the refresh the move's audit event starts does not read the trail for it again."""
    from grassroots.territory.national import load_national_units

    wrong = UnitFactory(code="40", name="Tỉnh Nghệ An", kind=UnitKind.PROVINCE)
    ward = UnitFactory(code="14797", name="Phường Hạc Thành", kind=UnitKind.WARD, parent=wrong)
    UnitFactory(code="14797-01", name="Tổ dân phố 1", kind=UnitKind.RESIDENTIAL_GROUP, parent=ward)
    _record(ward, dt.date(2024, 8, 1))
    refresh.refresh_changed(TODAY)
    assert CommuneStart.objects.get().first_recorded_on == dt.date(2024, 8, 1)

    load_national_units(as_of=TODAY)
    ward.refresh_from_db()
    assert ward.path == "/38/14797/"
    with CaptureQueriesContext(connection) as queries:
        assert _since(ward) == dt.date(2024, 1, 1)
    assert not _reads_the_trail(queries)
    refresh.refresh_changed(TODAY)
    assert CommuneStart.objects.get().first_recorded_on == dt.date(2024, 8, 1)


def test_asked_twice_it_answers_the_same_and_keeps_one_row(no_indicators):
    commune = make_tree("A")["commune"]
    _record(commune, dt.date(2024, 5, 5))
    assert _since(commune) == _since(commune) == dt.date(2024, 1, 1)
    assert CommuneStart.objects.count() == 1


def test_a_refresh_that_stored_the_day_meanwhile_is_no_error(no_indicators, monkeypatch):
    """Two refreshes of one commune at once: the other stores the day between this one's look and its write."""
    tree = make_tree("A")
    commune = tree["commune"]
    _record(commune, dt.date(2024, 5, 5))
    units = sorted([commune.pk, *_below(commune)])
    read = refresh.first_recorded

    def read_while_another_stores(unit_ids: list[int]) -> dt.date | None:
        CommuneStart.objects.create(
            commune=commune, first_recorded_on=dt.date(2024, 5, 5), units_digest=refresh.units_digest(units)
        )
        return read(unit_ids)

    monkeypatch.setattr(refresh, "first_recorded", read_while_another_stores)
    assert _since(commune) == dt.date(2024, 1, 1)
    assert CommuneStart.objects.values_list("commune_id", "first_recorded_on").get() == (
        commune.pk,
        dt.date(2024, 5, 5),
    )
