import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grassroots.core.csvimport import parse_date
from grassroots.people import rules
from grassroots.people.rules import Sex


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (dt.date(2008, 1, 15), dt.date(2026, 1, 14), 17),  # the day before the 18th birthday
        (dt.date(2008, 1, 15), dt.date(2026, 1, 15), 18),  # the birthday itself
        (dt.date(2008, 1, 15), dt.date(2026, 1, 16), 18),
        (dt.date(2008, 2, 29), dt.date(2026, 2, 28), 17),  # leap-day births come of age on 1 March
        (dt.date(2008, 2, 29), dt.date(2026, 3, 1), 18),
    ],
)
def test_age_on(birth, day, age):
    assert rules.age_on(birth, day) == age


def test_civil_code_art_20_adult_is_18_or_over():
    assert rules.ADULT_AGE == 18
    assert not rules.is_adult(dt.date(2008, 1, 16), dt.date(2026, 1, 15))
    assert rules.is_adult(dt.date(2008, 1, 15), dt.date(2026, 1, 15))


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("038070000001", True),
        ("03807000000", False),
        ("0380700000011", False),
        ("03807000000a", False),
        ("０３８０７０００００１", False),
    ],
)
def test_national_id_has_exactly_12_ascii_digits(value, ok):
    assert rules.is_well_formed_national_id(value) is ok


@pytest.mark.parametrize(
    ("digit", "century", "sex"),
    [
        ("0", 1900, Sex.MALE),
        ("1", 1900, Sex.FEMALE),
        ("2", 2000, Sex.MALE),
        ("3", 2000, Sex.FEMALE),
        ("4", 2100, Sex.MALE),
    ],
)
def test_circular_59_2021_century_and_sex_digit(digit, century, sex):
    assert rules.national_id_century_and_sex(f"038{digit}70000001") == (century, sex)


def test_national_id_mismatches():
    assert rules.national_id_mismatches("038070000001", dt.date(1970, 1, 1), Sex.MALE) == []
    assert rules.national_id_mismatches("038070000001", dt.date(1970, 1, 1), Sex.FEMALE) == ["sex"]
    assert rules.national_id_mismatches("038070000001", dt.date(2070, 1, 1), Sex.MALE) == ["birth_year"]


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_parse_date_reads_both_written_forms(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d/%m/%Y")) == day


@given(st.text(max_size=12))
def test_parse_date_never_fails_with_anything_but_value_error(text):
    with contextlib.suppress(ValueError):
        parse_date(text)


@given(st.dates(min_value=dt.date(1900, 1, 1)), st.dates(min_value=dt.date(1900, 1, 1)))
def test_age_is_monotonic_in_the_day(birth, day):
    later = day + dt.timedelta(days=1) if day < dt.date.max else day
    assert rules.age_on(birth, later) >= rules.age_on(birth, day)


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2299, 12, 31)), st.sampled_from([Sex.MALE, Sex.FEMALE])
)
def test_a_generated_id_agrees_with_its_holder(birth, sex):
    digit = (birth.year // 100 - 19) * 2 + (0 if sex is Sex.MALE else 1)
    number = f"038{digit}{birth.year % 100:02d}000001"
    assert rules.is_well_formed_national_id(number)
    assert rules.national_id_mismatches(number, birth, sex) == []
