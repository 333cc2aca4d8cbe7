"""The demo's scales: the province scale is Thanh Hóa's real communes and wards; the others are unchanged."""

from collections import Counter

from grassroots.people import demo
from grassroots.people.management.commands.seed_demo import ACCOUNTS, scaled_code
from grassroots.territory.official_list import communes_of

PROVINCE = demo.SCALES["province"]


def _communes(specs: list[demo.UnitSpec]) -> list[demo.UnitSpec]:
    return [s for s in specs if s.kind in {"commune", "ward", "special_zone"} and not s.valid_to]


def test_the_province_demo_is_built_on_the_166_real_communes_of_thanh_hoa():
    communes = _communes(demo.unit_specs(PROVINCE))
    official = {(u.code, u.name, u.kind) for u in communes_of(demo.PROVINCE)}
    assert len(communes) == 166
    assert {(s.code, s.name, s.kind) for s in communes} == official
    assert {s.parent_code for s in communes} == {demo.PROVINCE}
    assert Counter(s.kind for s in communes) == {"commune": 147, "ward": 19}


def test_the_province_demo_keeps_the_demo_ward_under_its_official_code():
    specs = {s.code: s for s in demo.unit_specs(PROVINCE)}
    assert demo.demo_ward(PROVINCE) == "14797"
    assert specs["14797"].name == "Phường Hạc Thành"
    assert specs["14758"].name == "Phường Hàm Rồng"  # the ward demo's code is another ward officially
    assert specs["16000"].name == "Xã Hoằng Thanh"
    assert {s.successor_codes for s in specs.values() if s.valid_to and s.kind == "ward"} == {"14797"}


def test_every_real_commune_gets_generated_villages_of_its_kind():
    specs = demo.unit_specs(PROVINCE)
    kinds = {s.code: s.kind for s in specs}
    villages = [s for s in specs if s.kind in {"village", "residential_group"}]
    assert len(villages) == 166 * PROVINCE.villages_per_commune
    for v in villages:
        assert v.code.startswith(f"{v.parent_code}-")
        assert v.kind == ("residential_group" if kinds[v.parent_code] == "ward" else "village")


def test_the_province_demo_households_live_in_its_villages():
    small = demo.Scale(communes=3, villages_per_commune=2, households_per_village=3, real_communes=True)
    villages = {s.code for s in demo.unit_specs(small) if s.kind in {"village", "residential_group"}}
    rows = list(demo.resident_rows(small, seed=1, today=demo.REGISTERED_ON))
    assert {r[1] for r in rows} == villages
    assert len({r[0] for r in rows}) == 3 * 2 * 3


def test_the_ward_and_city_demos_keep_their_own_codes():
    for name in ("ward", "city"):
        specs = {s.code: s for s in demo.unit_specs(demo.SCALES[name])}
        assert specs[demo.DEMO_WARD].name == "Phường Hạc Thành"
        assert specs[demo.OTHER_COMMUNE].name == "Xã Đông Tiến"
        assert demo.demo_ward(demo.SCALES[name]) == demo.DEMO_WARD


def test_the_demo_accounts_sit_in_the_demo_ward_of_each_scale():
    codes = {username: code for username, _role, code, _name in ACCOUNTS}
    assert scaled_code(codes["official"], PROVINCE) == "14797"
    assert scaled_code(codes["villagehead"], PROVINCE) == "14797-01"
    assert scaled_code(codes["official-b"], PROVINCE) == "16000"
    assert scaled_code(codes["admin"], PROVINCE) == demo.PROVINCE
    assert scaled_code(codes["villagehead"], demo.SCALES["ward"]) == f"{demo.DEMO_WARD}-01"
