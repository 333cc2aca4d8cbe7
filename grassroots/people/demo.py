"""Deterministic demo data: a Thanh Hóa ward with residential groups and households.

Generated as CSV files and loaded through the same importers that officials use, so the demo
also exercises the validation and the fast write path. Same seed, same data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from grassroots.core import csvexport
from grassroots.territory.official_list import communes_of

SURNAMES = [
    ("Nguyễn", 31),
    ("Trần", 11),
    ("Lê", 10),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Vũ", 4),
    ("Đặng", 3),
    ("Bùi", 3),
    ("Đỗ", 3),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 2),
    ("Lý", 1),
    ("Phan", 4),
    ("Trịnh", 3),
    ("Mai", 2),
    ("Lương", 1),
    ("Đinh", 2),
    ("Hà", 2),
    ("Cao", 1),
    ("Lại", 1),
    ("Tô", 1),
]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Đình", "Trọng", "Công", "Thành", "Anh"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Minh", "Phương", "Kim", "Bảo"]
GIVEN_M = [
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khánh",
    "Long",
    "Mạnh",
    "Minh",
    "Nam",
    "Phong",
    "Phúc",
    "Quân",
    "Sơn",
    "Tài",
    "Thắng",
    "Thành",
    "Tiến",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Lâm",
    "Kiên",
    "Đông",
    "Hậu",
    "Lợi",
    "Nghĩa",
    "Tùng",
]
GIVEN_F = [
    "An",
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hương",
    "Huyền",
    "Lan",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Quỳnh",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuyết",
    "Vân",
    "Yến",
    "Hiền",
    "Lụa",
    "Nhàn",
    "Xuân",
    "Duyên",
]
STREETS = [
    "Lê Lợi",
    "Trần Phú",
    "Quang Trung",
    "Lê Hoàn",
    "Nguyễn Trãi",
    "Bà Triệu",
    "Hàm Nghi",
    "Phan Chu Trinh",
    "Lý Thường Kiệt",
    "Hạc Thành",
    "Tống Duy Tân",
    "Đào Duy Từ",
    "Cao Thắng",
    "Triệu Quốc Đạt",
    "Hải Thượng Lãn Ông",
]
PROVINCE_ID_CODE = "038"  # Thanh Hóa in the national ID numbering (Circular 59/2021/TT-BCA, annex)


@dataclass(frozen=True)
class Scale:
    communes: int
    villages_per_commune: int
    households_per_village: int
    # The province's real communes and wards (official codes, names and kinds, territory.official_list)
    # instead of communes named by number.
    real_communes: bool = False


SCALES = {
    "ward": Scale(communes=1, villages_per_commune=12, households_per_village=250),
    "city": Scale(communes=30, villages_per_commune=14, households_per_village=240),
    # Thanh Hóa as it is: its 166 communes and wards, each with 30 generated villages or residential groups.
    "province": Scale(communes=166, villages_per_commune=30, households_per_village=201, real_communes=True),
}


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str
    parent_code: str
    valid_from: str = ""
    valid_to: str = ""
    successor_codes: str = ""


PROVINCE = "38"
DEMO_WARD = "14758"
OTHER_COMMUNE = "16000"
# The official codes (territory.official_list) differ from the ward and city demos' own: there Phường
# Hạc Thành is 14797 (14758 is Phường Hàm Rồng) and 16000 is Xã Hoằng Thanh (there is no Xã Đông Tiến
# since July 2025). The ward and city demos keep their codes, which pages, tests and the other apps'
# demos name; the province demo, built on the real communes, uses the real ones.
REAL_DEMO_WARD = "14797"
REAL_OTHER_COMMUNE = "16000"
REFORM_DAY = "2025-07-01"
# The register of the new units starts on the day of the 2025 reorganization.
REGISTERED_ON = dt.date(2025, 7, 1)


def demo_ward(scale: Scale) -> str:
    """The code of Phường Hạc Thành, the ward the demo accounts work in, at this scale."""
    return REAL_DEMO_WARD if scale.real_communes else DEMO_WARD


def other_commune(scale: Scale) -> str:
    """The code of the commune of `official-b` (refused the demo ward's register), at this scale."""
    return REAL_OTHER_COMMUNE if scale.real_communes else OTHER_COMMUNE


@dataclass(frozen=True)
class DemoCommune:
    code: str
    name: str
    kind: str
    villages: int
    households_per_village: int


def demo_communes(scale: Scale) -> list[DemoCommune]:
    """The communes of the demo, the demo ward first, then the other commune of the ward demo."""
    size = (scale.villages_per_commune, scale.households_per_village)
    if scale.real_communes:
        official = {u.code: u for u in communes_of(PROVINCE)}
        if scale.communes > len(official):
            raise ValueError(f"Thanh Hóa has {len(official)} communes and wards, not {scale.communes}")
        first = [official[REAL_DEMO_WARD], official[REAL_OTHER_COMMUNE]]
        order = first + [u for u in official.values() if u not in first]
        return [DemoCommune(u.code, u.name, u.kind, *size) for u in order[: scale.communes]]
    communes = [
        DemoCommune(DEMO_WARD, "Phường Hạc Thành", "ward", *size),
        DemoCommune(OTHER_COMMUNE, "Xã Đông Tiến", "commune", 5, 60),
    ]
    for c in range(2, scale.communes + 1):
        kind, prefix = ("ward", "Phường") if c % 5 == 0 else ("commune", "Xã")
        communes.append(DemoCommune(f"{16000 + c:05d}", f"{prefix} số {c}", kind, *size))
    return communes


def village_codes(commune: DemoCommune) -> list[str]:
    return [f"{commune.code}-{i:02d}" for i in range(1, commune.villages + 1)]


def unit_specs(scale: Scale) -> list[UnitSpec]:
    """Thanh Hóa: the demo ward (a merger of three former wards of the former city), a rural commune
    for contrast, and, at larger scales, further communes: named by number for the city scale, the
    province's real ones for the province scale. Villages and residential groups are generated."""
    ward = demo_ward(scale)
    specs = [
        UnitSpec(PROVINCE, "Tỉnh Thanh Hóa", "province", ""),
        UnitSpec("380", "Thành phố Thanh Hóa", "district", PROVINCE, "", REFORM_DAY),
    ]
    for code, name in [("14755", "Phường Điện Biên"), ("14756", "Phường Ba Đình"), ("14757", "Phường Lam Sơn")]:
        specs.append(UnitSpec(code, name, "ward", "380", "", REFORM_DAY, ward))
    for commune in demo_communes(scale):
        specs.append(UnitSpec(commune.code, commune.name, commune.kind, PROVINCE, REFORM_DAY))
        village_kind, prefix = ("residential_group", "Tổ dân phố") if commune.kind == "ward" else ("village", "Thôn")
        for i, code in enumerate(village_codes(commune), start=1):
            specs.append(UnitSpec(code, f"{prefix} {i}", village_kind, commune.code, REFORM_DAY))
    return specs


def write_units_csv(path: Path, specs: list[UnitSpec]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csvexport.writer(handle)
        writer.writerow(["code", "name", "kind", "parent_code", "valid_from", "valid_to", "successor_codes"])
        for s in specs:
            writer.writerow([s.code, s.name, s.kind, s.parent_code, s.valid_from, s.valid_to, s.successor_codes])


class PersonMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.serials: dict[tuple[int, int], int] = {}
        self.surnames = [s for s, _w in SURNAMES]
        self.weights = [w for _s, w in SURNAMES]

    def name(self, sex: str, surname: str | None = None) -> str:
        rng = self.rng
        surname = surname or rng.choices(self.surnames, self.weights)[0]
        if sex == "M":
            return f"{surname} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
        return f"{surname} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"

    def national_id(self, birth: dt.date, sex: str) -> str:
        """A well-formed number: province, century/sex digit, birth year, then a unique serial."""
        century_digit = (birth.year // 100 - 19) * 2 + (0 if sex == "M" else 1)
        key = (century_digit, birth.year % 100)
        self.serials[key] = serial = self.serials.get(key, 0) + 1
        return f"{PROVINCE_ID_CODE}{century_digit}{birth.year % 100:02d}{serial:06d}"

    def birth(self, today: dt.date, min_age: int, max_age: int) -> dt.date:
        age = self.rng.randint(min_age, max_age)
        return today - dt.timedelta(days=age * 365 + self.rng.randint(0, 364))

    def phone(self) -> str:
        return f"0{self.rng.choice(['9', '8', '3', '7'])}{self.rng.randint(10_000_000, 99_999_999)}"


def resident_rows(scale: Scale, *, seed: int, today: dt.date) -> Iterator[list[str]]:
    """Households of 1–6 people: a representative (adult), often a spouse, children, a grandparent."""
    rng = random.Random(seed)
    people = PersonMaker(rng)
    ward = demo_ward(scale)
    villages = [
        (code, commune.households_per_village, commune.code == ward)
        for commune in demo_communes(scale)
        for code in village_codes(commune)
    ]
    for village_code, count, in_town in villages:
        for n in range(1, count + 1):
            hh_code = f"{village_code.replace('-', '')}{n:04d}"
            if in_town:
                address = f"Số {rng.randint(1, 199)}, ngõ {rng.randint(1, 60)}, đường {rng.choice(STREETS)}"
            else:
                address = f"Xóm {rng.randint(1, 9)}, {village_code[-2:].lstrip('0')}"
            size = rng.choices([1, 2, 3, 4, 5, 6], [8, 18, 22, 30, 15, 7])[0]
            head_sex = rng.choices(["M", "F"], [75, 25])[0]
            surname = rng.choices(people.surnames, people.weights)[0]
            members: list[tuple[str, dt.date, str, bool]] = []
            head_birth = people.birth(today, 24, 80)
            members.append((people.name(head_sex, surname), head_birth, head_sex, True))
            if size >= 2:
                sex = "F" if head_sex == "M" else "M"
                members.append((people.name(sex), people.birth(today, 22, 78), sex, False))
            for _ in range(size - len(members)):
                sex = rng.choice(["M", "F"])
                members.append((people.name(sex, surname), people.birth(today, 0, 40), sex, False))
            for name, birth, sex, is_rep in members:
                phone = people.phone() if (today.year - birth.year) >= 16 and rng.random() < 0.7 else ""
                yield [
                    hh_code,
                    village_code,
                    address,
                    name,
                    birth.isoformat(),
                    sex,
                    people.national_id(birth, sex),
                    phone,
                    "1" if is_rep else "0",
                ]


def write_residents_csv(path: Path, scale: Scale, *, seed: int, today: dt.date) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csvexport.writer(handle)
        writer.writerow(
            [
                "household_code",
                "unit_code",
                "address",
                "full_name",
                "birth_date",
                "sex",
                "national_id",
                "phone",
                "is_representative",
            ]
        )
        for row in resident_rows(scale, seed=seed, today=today):
            writer.writerow(row)
            count += 1
    return count
