"""load_national_units: the official map since 1 July 2025, loaded once and reconciled on every rerun."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from grassroots.core.models import AuditEvent
from grassroots.territory.models import Unit, UnitKind
from grassroots.territory.national import (
    COMMUNE_ENDED,
    COMMUNE_MOVED,
    COMMUNE_UPDATED,
    REFORM_DAY,
    communes_of,
    load_national_units,
    official_units,
)
from grassroots.territory.tests.factories import UnitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

RUN_DAY = dt.date(2026, 3, 1)
WRITES = ("INSERT", "UPDATE", "DELETE")


def _writes(ctx: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]


def _snapshot() -> list[tuple]:
    return list(
        Unit.objects.order_by("code").values_list(
            "id", "code", "name", "name_folded", "kind", "parent_id", "path", "valid_from", "valid_to"
        )
    )


def test_the_official_list_has_34_provinces_and_3321_commune_level_units():
    units = official_units()
    kinds = [u.kind for u in units]
    assert kinds.count(UnitKind.PROVINCE) == 34
    assert (kinds.count(UnitKind.COMMUNE), kinds.count(UnitKind.WARD), kinds.count(UnitKind.SPECIAL_ZONE)) == (
        2621,
        687,
        13,
    )
    assert len({u.code for u in units}) == len(units)


def test_codes_are_the_official_ones_two_digits_for_a_province_five_for_a_commune():
    by_code = {u.code: u for u in official_units()}
    assert by_code["38"].name == "Tỉnh Thanh Hóa"
    assert by_code["01"].name == "Thành phố Hà Nội"
    assert (by_code["14797"].name, by_code["14797"].kind, by_code["14797"].parent_code) == (
        "Phường Hạc Thành",
        UnitKind.WARD,
        "38",
    )
    thanh_hoa = communes_of("38")
    assert len(thanh_hoa) == 166
    assert sum(u.kind == UnitKind.WARD for u in thanh_hoa) == 19


def test_two_runs_on_an_empty_database_load_the_map_once_and_the_second_writes_nothing(capsys):
    call_command("load_national_units", "--as-of", RUN_DAY.isoformat())
    assert "3355 created, 0 updated, 0 ended" in capsys.readouterr().out
    for day in (REFORM_DAY, timezone.localdate()):
        current = Unit.objects.valid_on(day)
        assert current.filter(kind=UnitKind.PROVINCE).count() == 34
        assert current.communes().count() == 3321
    hac_thanh = Unit.objects.get(code="14797")
    assert (hac_thanh.parent.code, hac_thanh.path, hac_thanh.name_folded) == ("38", "/38/14797/", "phuong hac thanh")
    assert AuditEvent.objects.filter(verb="territory.national_units_loaded").count() == 1
    before = _snapshot()

    with CaptureQueriesContext(connection) as ctx:
        call_command("load_national_units", "--as-of", RUN_DAY.isoformat())

    assert "0 created, 0 updated, 0 ended, 3355 unchanged" in capsys.readouterr().out
    assert _writes(ctx) == []
    assert _snapshot() == before
    assert AuditEvent.objects.filter(verb="territory.national_units_loaded").count() == 1


def test_the_load_is_a_few_bulk_inserts_not_one_per_unit():
    with CaptureQueriesContext(connection) as ctx:
        load_national_units(as_of=RUN_DAY)
    inserts = [sql for sql in _writes(ctx) if "territory_unit" in sql and sql.lstrip().upper().startswith("INSERT")]
    # Batches as large as the database takes (SQLite: 999 parameters, about 120 units a statement).
    assert 2 <= len(inserts) <= 3355 // 100


def test_a_village_under_a_commune_survives_a_rerun():
    load_national_units(as_of=RUN_DAY)
    ward = Unit.objects.get(code="14797")
    group = UnitFactory(code="14797-01", name="Tổ dân phố 1", kind=UnitKind.RESIDENTIAL_GROUP, parent=ward)
    before = Unit.objects.filter(pk=group.pk).values().get()

    result = load_national_units(as_of=RUN_DAY)

    assert (result.created, result.updated, result.ended) == (0, 0, 0)
    assert Unit.objects.filter(pk=group.pk).values().get() == before


def test_a_commune_not_in_the_list_is_ended_on_the_day_not_deleted():
    load_national_units(as_of=RUN_DAY)
    gone = UnitFactory(code="99999", name="Xã Đã Sáp Nhập", kind=UnitKind.COMMUNE, parent=Unit.objects.get(code="38"))
    village = UnitFactory(code="99999-01", name="Thôn 1", kind=UnitKind.VILLAGE, parent=gone)

    result = load_national_units(as_of=RUN_DAY)

    assert (result.created, result.updated, result.ended) == (0, 0, 1)
    gone.refresh_from_db()
    village.refresh_from_db()
    assert gone.valid_to == RUN_DAY
    assert village.valid_to is None  # the commune's own units are its business
    event = AuditEvent.objects.filter(verb="territory.national_units_loaded").latest("seq")
    assert (event.data["ended"], event.data["as_of"]) == (1, RUN_DAY.isoformat())
    [ended] = AuditEvent.objects.filter(verb=COMMUNE_ENDED)
    assert (ended.unit_id, ended.data["code"]) == (gone.pk, "99999")


def test_historical_units_and_districts_are_left_alone():
    province = UnitFactory(code="38", name="Tỉnh Thanh Hóa", kind=UnitKind.PROVINCE)
    district = UnitFactory(
        code="380", name="Thành phố Thanh Hóa", kind=UnitKind.DISTRICT, parent=province, valid_to=REFORM_DAY
    )
    former = UnitFactory(
        code="14755", name="Phường Điện Biên", kind=UnitKind.WARD, parent=district, valid_to=REFORM_DAY
    )
    open_district = UnitFactory(code="381", name="Huyện Cũ", kind=UnitKind.DISTRICT, parent=province)
    before = list(Unit.objects.filter(pk__in=[district.pk, former.pk, open_district.pk]).values())

    load_national_units(as_of=RUN_DAY)

    assert list(Unit.objects.filter(pk__in=[district.pk, former.pk, open_district.pk]).values()) == before


def test_a_commune_whose_name_or_kind_differs_is_updated_and_keeps_its_villages():
    province = UnitFactory(code="38", name="Tỉnh Thanh Hóa", kind=UnitKind.PROVINCE)
    commune = UnitFactory(code="14797", name="Xã Tên Cũ", kind=UnitKind.COMMUNE, parent=province)
    village = UnitFactory(code="14797-01", name="Thôn 1", kind=UnitKind.VILLAGE, parent=commune)

    result = load_national_units(as_of=RUN_DAY)

    # The province is as the list has it: unchanged, its start kept (it existed before 1 July 2025).
    assert (result.created, result.updated, result.ended) == (3355 - 2, 1, 0)
    commune.refresh_from_db()
    assert (commune.pk, commune.name, commune.name_folded, commune.kind, commune.valid_from) == (
        commune.pk,
        "Phường Hạc Thành",
        "phuong hac thanh",
        UnitKind.WARD,
        None,
    )
    assert Unit.objects.get(pk=village.pk).parent_id == commune.pk
    event = AuditEvent.objects.get(verb=COMMUNE_UPDATED)
    assert (event.unit_id, event.data["code"], event.data["to_parent"]) == (commune.pk, "14797", "38")


def test_a_commune_under_the_wrong_parent_moves_with_its_villages():
    old_province = UnitFactory(code="40", name="Tỉnh Nghệ An", kind=UnitKind.PROVINCE)
    commune = UnitFactory(code="14797", name="Phường Hạc Thành", kind=UnitKind.WARD, parent=old_province)
    group = UnitFactory(code="14797-01", name="Tổ dân phố 1", kind=UnitKind.RESIDENTIAL_GROUP, parent=commune)

    load_national_units(as_of=RUN_DAY)

    commune.refresh_from_db()
    group.refresh_from_db()
    assert (commune.parent.code, commune.path, group.path) == ("38", "/38/14797/", "/38/14797/14797-01/")
    # One event names the moved commune (the reporting refresh recomputes it and the provinces' sums).
    [event] = AuditEvent.objects.filter(verb=COMMUNE_MOVED)
    assert event.unit_id == commune.pk
    assert {k: event.data[k] for k in ("code", "from_parent", "to_parent", "from_path", "to_path")} == {
        "code": "14797",
        "from_parent": "40",
        "to_parent": "38",
        "from_path": "/40/14797/",
        "to_path": "/38/14797/",
    }
    assert AuditEvent.objects.filter(verb="territory.national_units_loaded").count() == 1


def test_a_province_the_reform_left_as_it_was_keeps_its_start_above_its_former_units():
    """Thanh Hóa ("38") existed before 1 July 2025: loading the list must not make it start on that day, or it
    would vanish from the map of earlier days above its own former district and ward."""
    province = UnitFactory(code="38", name="Tỉnh Thanh Hóa", kind=UnitKind.PROVINCE, valid_from=dt.date(1831, 1, 1))
    district = UnitFactory(
        code="380", name="Thành phố Thanh Hóa", kind=UnitKind.DISTRICT, parent=province, valid_to=REFORM_DAY
    )
    UnitFactory(code="14755", name="Phường Điện Biên", kind=UnitKind.WARD, parent=district, valid_to=REFORM_DAY)

    load_national_units(as_of=RUN_DAY)

    province.refresh_from_db()
    assert province.valid_from == dt.date(1831, 1, 1)
    before = Unit.objects.valid_on(dt.date(2024, 6, 1))
    assert set(before.values_list("code", flat=True)) >= {"38", "380", "14755"}
    assert Unit.objects.get(code="14797").valid_from == REFORM_DAY  # a unit the load creates starts that day
    events = AuditEvent.objects.count()
    assert load_national_units(as_of=RUN_DAY).updated == 0
    assert AuditEvent.objects.count() == events


def test_an_ended_unit_holding_an_official_code_stops_the_load_and_nothing_is_written():
    province = UnitFactory(code="38", name="Tỉnh Thanh Hóa", kind=UnitKind.PROVINCE)
    UnitFactory(code="14797", name="Phường Đông Hải", kind=UnitKind.WARD, parent=province, valid_to=REFORM_DAY)

    with pytest.raises(CommandError, match="14797"):
        call_command("load_national_units")

    assert Unit.objects.count() == 2
    assert not AuditEvent.objects.exists()
