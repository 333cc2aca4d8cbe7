"""Round trip through the production importer: a generated register → CSV → import_residents → the same data."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grassroots.people.crypto import decrypt_national_id
from grassroots.people.importing import COLUMNS, import_residents
from grassroots.people.models import Household, Membership, Representation
from grassroots.territory.tests.factories import make_tree

AS_OF = dt.date(2026, 1, 15)
LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
NAMES = st.builds(
    lambda parts: " ".join(p.capitalize() for p in parts),
    st.lists(st.text(alphabet=LETTERS, min_size=1, max_size=7), min_size=2, max_size=4),
)
PHONES = st.one_of(st.just(""), st.from_regex(r"\A0[35789][0-9]{8}\Z"))


@st.composite
def residents(draw, *, adult: bool):  # type: ignore[no-untyped-def]
    born = draw(
        st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2000, 1, 1) if adult else dt.date(2025, 12, 31))
    )
    sex = draw(st.sampled_from(["M", "F"]))
    return {"full_name": draw(NAMES), "birth_date": born, "sex": sex, "phone": draw(PHONES)}


@st.composite
def registers(draw):  # type: ignore[no-untyped-def]
    households = []
    for h in range(draw(st.integers(1, 6))):
        members = [draw(residents(adult=True)), *draw(st.lists(residents(adult=False), max_size=3))]
        address = draw(st.text(alphabet=LETTERS + " 0123456789,/", min_size=1, max_size=40).map(str.strip))
        households.append(
            {
                "code": f"H{h + 1}",
                "village": draw(st.sampled_from(["AC-1", "AC-2"])),
                "address": address or "Xóm 1",
                "members": members,
            }
        )
    serial = 0
    for household in households:  # a unique, well-formed national ID that agrees with birth and sex
        for member in household["members"]:
            serial += 1
            born = member["birth_date"]
            digit = (born.year // 100 - 19) * 2 + (0 if member["sex"] == "M" else 1)
            member["national_id"] = f"038{digit}{born.year % 100:02d}{serial:06d}"
    return households


def _write(path: Path, households: list[dict]) -> None:  # type: ignore[type-arg]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for household in households:
            for i, m in enumerate(household["members"]):
                writer.writerow([household["code"], household["village"], household["address"], m["full_name"],
                                 m["birth_date"].isoformat(), m["sex"], m["national_id"], m["phone"],
                                 "1" if i == 0 else "0"])  # fmt: skip


def _read_back() -> list[dict]:  # type: ignore[type-arg]
    found = []
    for household in Household.objects.select_related("unit").order_by("code"):
        reps = set(Representation.objects.filter(household=household).values_list("resident_id", flat=True))
        members = [
            {
                "full_name": r.full_name,
                "birth_date": r.birth_date,
                "sex": r.sex,
                "phone": r.phone or "",
                "national_id": decrypt_national_id(r.national_id_encrypted),
                "representative": r.pk in reps,
            }
            for r in (m.resident for m in Membership.objects.filter(household=household).select_related("resident"))
        ]
        found.append({"code": household.code, "village": household.unit.code, "address": household.address,
                      "members": sorted(members, key=lambda m: m["national_id"])})  # fmt: skip
    return found


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(register=registers())
def test_a_generated_register_comes_back_from_the_database_as_it_was_written(register):  # type: ignore[no-untyped-def]
    with transaction.atomic():
        make_tree("A", villages=2)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "register.csv"
            _write(path, register)
            result = import_residents(path, as_of=AS_OF)
        assert (result.households, result.residents) == (len(register), sum(len(h["members"]) for h in register))
        expected = [
            {
                "code": h["code"],
                "village": h["village"],
                "address": h["address"],
                "members": sorted(
                    ({**m, "representative": i == 0} for i, m in enumerate(h["members"])),
                    key=lambda m: m["national_id"],
                ),
            }
            for h in sorted(register, key=lambda h: h["code"])
        ]
        assert _read_back() == expected
        transaction.set_rollback(True)
