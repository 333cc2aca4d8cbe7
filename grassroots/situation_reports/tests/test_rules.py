"""The rules of situation reports: the personal-number detector (a report describes a unit, never a person),
the standing of a report against its deadline, the reminders' days, the round's dates and the roll-up."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from grassroots.situation_reports import rules
from grassroots.situation_reports.choices import Standing

WORDS = st.lists(st.sampled_from(["Thôn", "có", "điểm", "nóng", "đường", "xã", "hộ", "người", "khiếu", "nại", "ông",
                                  "bà", "gọi", "số", "CCCD", "SĐT", "đt:", "(", ")", ","]), max_size=6).map(" ".join)  # fmt: skip
SEPARATORS = st.sampled_from(["", " ", ".", "-"])


@st.composite
def typed(draw, digits: str) -> str:  # type: ignore[no-untyped-def]
    """The digits as a person might type them: a separator (or none) after some of the digits."""
    out = []
    for i, d in enumerate(digits):
        out.append(d)
        if i < len(digits) - 1:
            out.append(draw(SEPARATORS))
    return "".join(out)


@st.composite
def in_text(draw, number: str) -> str:  # type: ignore[no-untyped-def]
    return f"{draw(WORDS)} {number} {draw(WORDS)}"


@given(st.from_regex(r"0[0-9]{11}", fullmatch=True).flatmap(typed).flatmap(in_text))
def test_a_12_digit_national_id_number_is_found_however_it_is_typed(text):
    assert rules.personal_number_in(text) == rules.NATIONAL_ID


@given(st.from_regex(r"[0-9]{9}", fullmatch=True).map(lambda n: "CMND " + n))
def test_a_9_digit_identity_card_number_written_in_one_run_is_found(text):
    assert rules.personal_number_in(text) in {rules.OLD_ID, rules.PHONE}


@given(
    st.sampled_from(["0", "+84", "84", "+84 ", "(+84) "]),
    st.from_regex(r"[35789][0-9]{8}", fullmatch=True).flatmap(typed),
    WORDS,
)
def test_a_mobile_number_is_found_in_its_national_and_international_forms(prefix, rest, words):
    assert rules.personal_number_in(f"{words} {prefix}{rest}.") == rules.PHONE


@given(st.from_regex(r"02[0-9]{9}", fullmatch=True).flatmap(typed).flatmap(in_text))
def test_a_landline_number_is_found(text):
    assert rules.personal_number_in(text) == rules.PHONE


@given(st.text(alphabet=st.characters(exclude_categories=["Nd"])))
def test_text_without_digits_is_never_refused(text):
    assert rules.personal_number_in(text) is None


@given(st.integers(min_value=1, max_value=10**15), st.sampled_from([".", ","]))
def test_amounts_written_with_thousands_separators_are_not_taken_for_identifiers(amount, sep):
    written = f"{amount:,}".replace(",", sep)
    assert rules.personal_number_in(f"Kinh phí {written} đồng") is None


@given(st.lists(st.integers(min_value=0, max_value=99_999), min_size=1, max_size=8))
def test_counts_and_years_in_prose_are_not_refused(numbers):
    text = ", ".join(f"thôn {n} có {n % 97} hộ" for n in numbers) + ", năm 2025."
    assert rules.personal_number_in(text) is None


def test_two_phone_numbers_typed_one_after_the_other_are_still_found():
    assert rules.personal_number_in("0912345678 0987654321") == rules.PHONE
    assert rules.personal_number_in("CCCD038090001234") == rules.NATIONAL_ID
    assert rules.personal_number_in("(024) 3826 1234") == rules.PHONE


DAY = dt.date(2026, 5, 10)


@given(st.integers(-40, 40), st.one_of(st.none(), st.integers(-40, 40)))
def test_standing_against_the_deadline(today_offset, submitted_offset):
    today = DAY + dt.timedelta(days=today_offset)
    submitted = None if submitted_offset is None else DAY + dt.timedelta(days=submitted_offset)
    got = rules.standing(DAY, submitted, today)
    if submitted is None:
        assert got == (Standing.LATE if today > DAY else Standing.DUE)
    else:
        assert got == (Standing.ON_TIME if submitted <= DAY else Standing.SUBMITTED_LATE)


def test_reminders_go_out_days_before_the_deadline_and_on_the_day_after_it():
    before = DAY - dt.timedelta(days=rules.REMINDER_DAYS_BEFORE)
    assert rules.reminder_kind(DAY, before) == "before"
    assert rules.reminder_kind(DAY, DAY + dt.timedelta(days=1)) == "after"
    assert [d for d in range(-30, 30) if rules.reminder_kind(DAY, DAY + dt.timedelta(days=d))] == [
        -rules.REMINDER_DAYS_BEFORE,
        1,
    ]


def test_the_communes_deadline_comes_after_the_villages():
    start, end = dt.date(2026, 4, 1), dt.date(2026, 4, 30)
    assert rules.round_dates_problem(start, end, DAY, DAY) == ("commune_deadline", "commune_not_after_villages")
    assert rules.round_dates_problem(end, start, DAY, DAY + dt.timedelta(days=3))[0] == "ends_on"  # type: ignore[index]
    assert rules.round_dates_problem(start, end, DAY, DAY + dt.timedelta(days=1)) is None


@given(st.lists(st.tuples(st.sampled_from(["up", "same", "down", ""]), st.integers(0, 50)), max_size=30),
       st.integers(0, 10))  # fmt: skip
def test_the_roll_up_sums_the_villages_answers(answers, missing):
    r = rules.roll_up(len(answers) + missing, answers)
    assert r.villages == len(answers) + missing and r.submitted == len(answers)
    assert r.hot_spots == sum(n for _t, n in answers)
    assert sum(r.trends.values()) == sum(1 for t, _n in answers if t)
    assert r.trends["up"] == sum(1 for t, _n in answers if t == "up")
