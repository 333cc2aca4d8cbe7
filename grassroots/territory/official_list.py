"""The official list of administrative units in force since 1 July 2025, read from `vietnam-provinces`.

Pure Python (no Django), so the demo generator and the benchmarks can use it without the project
loaded. Codes are the General Statistics Office's: two digits for a province ("38" Thanh Hóa, "01" Hà
Nội), five for a commune, ward or special zone ("14797" Phường Hạc Thành). Kinds are the values of
territory.models.UnitKind. The package has no mapping from the units before the 2025 reorganization to
their successors.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import vietnam_provinces
from vietnam_provinces import Province, VietNamDivisionType, Ward

SOURCE = f"vietnam-provinces {vietnam_provinces.__version__} (data {vietnam_provinces.__data_version__})"

# VietNamDivisionType → UnitKind value.
KINDS: dict[VietNamDivisionType, str] = {
    VietNamDivisionType.TINH: "province",
    # A centrally-run city (thành phố trực thuộc trung ương) is a province-level unit.
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: "province",
    VietNamDivisionType.XA: "commune",
    VietNamDivisionType.PHUONG: "ward",
    VietNamDivisionType.DAC_KHU: "special_zone",
}


@dataclass(frozen=True)
class OfficialUnit:
    code: str
    name: str
    kind: str
    parent_code: str  # "" for a province


def province_code(code: int) -> str:
    return f"{int(code):02d}"


def commune_code(code: int) -> str:
    return f"{int(code):05d}"


def _province_name(province: Province) -> str:
    # The package names a centrally-run city "Thành phố Hà Nội" but a province just "Thanh Hóa";
    # the official name is "Tỉnh Thanh Hóa".
    if province.division_type == VietNamDivisionType.TINH:
        return f"Tỉnh {province.name}"
    return province.name


@cache
def official_units() -> tuple[OfficialUnit, ...]:
    """The whole list: provinces first (by code), then their communes (by province, then code)."""
    provinces = sorted(Province.iter_all(), key=lambda p: int(p.code))
    wards = sorted(Ward.iter_all(), key=lambda w: (int(w.province_code), int(w.code)))
    return (
        *(OfficialUnit(province_code(p.code), _province_name(p), KINDS[p.division_type], "") for p in provinces),
        *(
            OfficialUnit(commune_code(w.code), w.name, KINDS[w.division_type], province_code(w.province_code))
            for w in wards
        ),
    )


def communes_of(province: str) -> list[OfficialUnit]:
    """The commune-level units of a province (its two-digit code), in code order."""
    return [u for u in official_units() if u.parent_code == province]
