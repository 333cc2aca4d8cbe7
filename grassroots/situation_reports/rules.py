"""The rules of situation reports (báo cáo nắm tình hình). Pure: no ORM, request, settings or clock.

Situation reports are a practice of the steering committees and the Front / mass-mobilisation (dân vận)
commissions (law.md §8.3: Party structures, not creatures of the Law); no article of the Law or its decrees
sets their periods, deadlines or contents, so nothing here cites one. The steering committee sets the
deadlines of each round; the reminders' lead time is this platform's choice.

A report describes a unit (a village, a commune), never a person: free text that contains a national ID
number (12 digits; the old 9-digit CMND) or a phone number is refused before it is kept
(`personal_number_in`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .choices import Standing, Trend

# Writers are reminded this many days before their deadline, and once on the day after it.
REMINDER_DAYS_BEFORE = 3
# The platform's ceiling on a unit's hot spots in one report (no law sets one): far above any village or
# commune, far below the database column's limit, so a slip of the keyboard is a message and not an error.
MAX_HOT_SPOTS = 10_000

NATIONAL_ID = "national_id"  # 12 digits (số định danh cá nhân, CCCD)
OLD_ID = "old_id"  # 9 digits (the old CMND)
PHONE = "phone"

# How the detector reads a text. It is a guard against carelessness, not against a determined writer (who can
# spell the digits out in words): it finds the numbers people actually type, in the forms they type them, and
# lets pass the numbers a report is full of (amounts, years, dates, counts). Where a run of digits could be
# either, it refuses: a writer can rephrase a count; a resident cannot take back a published phone number.
#
# 1. The text is put in NFKC form (full-width "０９１２" and the odd spaces become ASCII), invisible format
#    characters (zero-width space, soft hyphen) are dropped, and digits of other scripts become 0-9.
# 2. Dates (03/12/2026, 15-03-2026, 2026-03-15, 12/2026) are masked, so a range of two dates is not read
#    as one number.
# 3. A run is digit groups joined by 1 to 3 separator characters (spaces, tabs, . , - – — / _ ( ) [ ]); a
#    newline or a letter ends it ("CCCD038090001234" is found).
# 4. Each stretch of consecutive groups holding at most 13 digits (0084 + 9) is judged on its own, longest
#    first: at most 5 stretches per group have a length that can be a number, so the work is linear in the
#    length of the text.
_MAX_DIGITS = 13
_LENGTHS = frozenset({9, 10, 11, 12, 13})  # old ID; mobile; landline, 84 + 9; ID, 84 + 0 + 9; 0084 + 9
_FORMAT_CHARS = dict.fromkeys(
    map(ord, "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")
)
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
_SEP = r"[\t \-\u2010-\u2015\u2212.\u00b7,/_()\[\]]"
_RUN = re.compile(rf"\d+(?:{_SEP}{{1,3}}\d+)*")
_GROUP = re.compile(r"\d+")
_DAY, _MONTH, _YEAR = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])", r"(?:19|20)\d\d"
_DATE = re.compile(
    rf"(?<!\d)(?:{_DAY}([/.\-]){_MONTH}\1{_YEAR}|{_YEAR}([/.\-]){_MONTH}\2{_DAY}|{_MONTH}([/.\-]){_YEAR})(?!\d)"
)
# Mobile numbers: 0 + 3/5/7/8/9 + 8 digits; landlines since 2017: 02x + 8 digits.
_PHONE = re.compile(r"0[35789]\d{8}|02\d{9}")
# Số định danh cá nhân: the province code 001-096, then the century and sex, the year of birth, 6 digits.
_NATIONAL_ID = re.compile(r"0(?:0[1-9]|[1-8]\d|9[0-6])\d{9}")
_INTERNATIONAL = ("84", "0084")
# A word that says the number is a person's: with it, an amount-like form ("CMND: 186.234.567") is no
# excuse, and the whole number after it is judged however it is grouped: as any personal number after a word
# of identity papers, as a phone number only after a word of telephones ("Vốn ĐT: 150.000.000", investment
# capital, is no identity card). It counts only when nothing but punctuation and the words "số", "là", "cũ",
# "mới" stands between it and the number.
_KEYWORD = re.compile(
    r"(?<![^\W\d_])(?:(?P<id>cmnd|cmtnd|cmt|cccd|căn cước|can cuoc|định danh|dinh danh)"
    r"|sđt|sdt|đt|điện thoại|dien thoai|zalo|số máy|so may)(?![^\W\d_])",
    re.IGNORECASE,
)
_ID_WORD, _PHONE_WORD = "id", "phone"
_FILLER = re.compile(r"(?:[\s:.,#()\-–—+]|(?<![^\W\d_])(?:số|là|cũ|mới|so|la)(?![^\W\d_]))*", re.IGNORECASE)
# A currency word after a number makes it an amount (150000000 đồng, 1 000 000 000 đồng, 5 tr).
# "đ/c" (đồng chí, comrade) is no currency.
_CURRENCY = re.compile(r"[ \t]{0,3}(?:đồng|đ|vnđ|vnd|triệu|tr|tỷ|tỉ|nghìn|ngàn|usd)(?![^\W\d_]|/)", re.IGNORECASE)
# Thousands separators of an amount: 1.500.000, 1,200,000, 3 000 000 000.
_THOUSANDS = frozenset({" ", ".", ","})


def _normalized(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_FORMAT_CHARS)
    if not text.isascii():
        text = _OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)
    return text


def _keyword_ends(text: str) -> dict[int, str]:
    """Where a number right after a keyword starts, and the keyword's kind (_ID_WORD or _PHONE_WORD)."""
    found: dict[int, str] = {}
    for k in _KEYWORD.finditer(text):
        start = _FILLER.match(text, k.end()).end()  # type: ignore[union-attr]
        if found.get(start) != _ID_WORD:
            found[start] = _ID_WORD if k.group("id") else _PHONE_WORD
    return found


def _without_dates(text: str, keyword_ends: dict[int, str]) -> str:
    """The text with its dates masked (same length), except inside a run of digits right after a keyword
    ("CCCD 00100 1900.1.10" is a number typed oddly, not a date)."""
    kept = [m.span() for m in _RUN.finditer(text) if m.start() in keyword_ends] if keyword_ends else []
    starts = [start for start, _end in kept]

    def mask(m: re.Match[str]) -> str:
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and m.end() <= kept[k][1]:
            return m.group()
        return _masked(text, m)

    return _DATE.sub(mask, text)


def _masked(text: str, m: re.Match[str]) -> str:
    """A date is masked unless its own separator carries on into more digits ("09.12.2034.56" is no date)."""
    sep = next(g for g in m.groups() if g)
    start, end = m.span()
    before = text[start - 2 : start] if start >= 2 else ""
    after = text[end : end + 2]
    if (len(before) == 2 and before[1] == sep and before[0].isdigit()) or (
        len(after) == 2 and after[0] == sep and after[1].isdigit()
    ):
        return m.group()
    return "|" * (end - start)


@dataclass
class _Run:
    groups: list[str]
    seps: list[str]  # seps[k] stands between groups[k] and groups[k + 1]
    plus: bool  # a "+" right before the run (+84 …)
    keyword: str  # the kind of keyword right before the run (CMND: …, SĐT: …), or ""
    currency: bool  # a currency word right after the run (… đồng)


def _run(text: str, m: re.Match[str], keyword_ends: dict[int, str]) -> _Run:
    groups, seps, last = [], [], None
    whole = m.group()  # read once: the run is copied on every call
    for g in _GROUP.finditer(whole):
        if last is not None:
            seps.append(whole[last : g.start()])
        groups.append(g.group())
        last = g.end()
    start = m.start()
    return _Run(
        groups=groups,
        seps=seps,
        plus=start > 0 and text[start - 1] == "+",
        keyword=keyword_ends.get(start, ""),
        currency=_CURRENCY.match(text, m.end()) is not None,
    )


def _amounts(run: _Run) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """The amounts in a run: each stretch of groups joined by one and the same thousands separator, its first
    group of 1-3 digits not starting with 0, the others of exactly 3 digits; and the amount a currency word
    follows (the whole run, when it is one amount or one group not starting with 0), or None."""
    groups, seps, n = run.groups, run.seps, len(run.groups)
    found: list[tuple[int, int]] = []
    i = 0
    while i < n - 1:
        sep, j = seps[i], i + 1
        while j < n - 1 and seps[j] == sep:
            j += 1
        first = groups[i]
        if (
            sep in _THOUSANDS
            and 1 <= len(first) <= 3
            and first[0] != "0"
            and not (i == 0 and run.plus)
            and all(len(g) == 3 for g in groups[i + 1 : j + 1])
            and (not found or found[-1][1] < i)
        ):
            found.append((i, j))
        i = j
    # A currency word makes an amount only of a run that reads as one as a whole: "1.500.000 đồng",
    # "150000000 đồng"; never of the last group of a phone number in groups ("+84 912 345 678 đồng").
    paid = None
    if run.currency:
        if found and found[-1] == (0, n - 1):
            paid = found[-1]
        elif n == 1 and groups[0][0] != "0":
            paid = (0, 0)
    return found, paid


def _trunk(subscriber: str) -> str:
    return subscriber if subscriber.startswith("0") else "0" + subscriber


def _span_kind(run: _Run, i: int, j: int) -> str | None:
    """The kind of personal number the groups i..j of the run make, or None."""
    groups = run.groups[i : j + 1]
    digits = "".join(groups)
    # The whole run right after a keyword is judged however it is grouped ("CCCD 0 3 8 …", "SĐT 0 9 1 …").
    loose = bool(run.keyword) and i == 0 and j == len(run.groups) - 1
    single = any(len(g) == 1 for g in groups)
    national = digits
    if digits.startswith("0084"):
        national = _trunk(digits[4:])
    elif digits.startswith("84") and ((run.plus and i == 0) or run.keyword or (len(groups) == 1 and len(digits) == 11)):
        # +84 912 345 678, (+84) 24 3826 1234, +84 (0) 912 345 678, and 84912345678 in one piece. Without
        # the "+" or a keyword, "84 912 345 678" in groups reads as an amount (84 billion) and passes.
        national = _trunk(digits[2:])
    if _PHONE.fullmatch(national):
        # One-digit groups only as the trunk 0: "0 912 345 678", "+84 (0) 912 345 678".
        trunk = {0, 1} if groups[0] in _INTERNATIONAL else {0}
        if loose or all(len(g) > 1 or (g == "0" and k in trunk) for k, g in enumerate(groups)):
            return PHONE
    loose = loose and run.keyword == _ID_WORD  # the identity numbers: only after a word of identity papers
    if single and not loose:
        # Counts are often one digit ("thôn 1 2 3 4 5 6 7 8 9"); an identifier is not typed that way.
        return None
    if len(digits) == 12 and _NATIONAL_ID.fullmatch(digits):
        return NATIONAL_ID
    # The old CMND (no longer valid since 2025, still written down): 9 digits, its province code from 01 to
    # 38. Grouped 9 digits ("123 456 789", "100-200-300") read as amounts or counts as well, so they are
    # refused only after a keyword.
    if len(digits) == 9 and (loose or (len(groups) == 1 and (run.keyword == _ID_WORD or digits[0] in "0123"))):
        return OLD_ID
    return None


def _run_kind(run: _Run) -> str | None:
    """The first personal number in a run: each stretch of its groups, longest first from each group, leaving
    out the amounts (unless a keyword comes before the run); an amount a currency word follows is always one."""
    groups, n = run.groups, len(run.groups)
    ends = list(itertools.accumulate(len(g) for g in groups))
    amounts, paid = _amounts(run)
    amount_of = [-1] * n
    for a, (start, end) in enumerate(amounts):
        for k in range(start, end + 1):
            amount_of[k] = a
    if run.keyword and ends[-1] <= _MAX_DIGITS:  # after a keyword, no currency word is an excuse
        kind = _span_kind(run, 0, n - 1)
        if kind is not None:
            return kind
    stop = paid[0] if paid is not None else n
    for i in range(stop):
        if len(groups[i]) == 1 and groups[i] != "0":
            continue
        before = ends[i] - len(groups[i])
        j = i
        # The groups a span from i may reach: at most 13 digits, no one-digit group past the trunk 0.
        while j + 1 < stop and ends[j + 1] - before <= _MAX_DIGITS:
            nxt = groups[j + 1]
            if len(nxt) == 1 and not (nxt == "0" and j == i and groups[i] in _INTERNATIONAL):
                break
            j += 1
        for end in range(j, i - 1, -1):
            if ends[end] - before not in _LENGTHS:
                continue
            if not run.keyword and not _spans_amounts_whole(amounts, amount_of, i, end):
                continue
            kind = _span_kind(run, i, end)
            if kind is not None:
                return kind
    return None


def _spans_amounts_whole(amounts: list[tuple[int, int]], amount_of: list[int], i: int, j: int) -> bool:
    """Whether the groups i..j take every amount they touch whole, and are more than one amount: part of
    "1.500.000, 2.000.000" is no number, but "(+84) 912 345 678" is more than the amount-like "912 345 678"."""
    first, last = amount_of[i], amount_of[j]
    if first >= 0 and amounts[first][0] != i:
        return False
    if last >= 0 and amounts[last][1] != j:
        return False
    return not (first >= 0 and first == last)


def personal_numbers(text: str) -> list[str]:
    """The kinds of personal numbers found in `text`, in order of appearance (NATIONAL_ID, OLD_ID, PHONE):
    one for each run of digits that holds one. Linear in the length of the text."""
    if not text:
        return []
    text = _normalized(text)
    keyword_ends = _keyword_ends(text)
    text = _without_dates(text, keyword_ends)
    found = []
    for m in _RUN.finditer(text):
        kind = _run_kind(_run(text, m, keyword_ends))
        if kind is not None:
            found.append(kind)
    return found


def personal_number_in(text: str) -> str | None:
    """The kind of the first national ID number or phone number in `text`, or None when there is none."""
    found = personal_numbers(text)
    return found[0] if found else None


def report_deadline(village_deadline: dt.date, commune_deadline: dt.date, *, is_village: bool) -> dt.date:
    return village_deadline if is_village else commune_deadline


def standing(deadline: dt.date, submitted_on: dt.date | None, today: dt.date) -> Standing:
    """Where a unit's report stands: submitted on time (on or before its deadline), submitted late, late
    (not submitted and the deadline has passed), or due (not submitted, the deadline is today or ahead)."""
    if submitted_on is not None:
        return Standing.ON_TIME if submitted_on <= deadline else Standing.SUBMITTED_LATE
    return Standing.LATE if today > deadline else Standing.DUE


def reminder_kind(deadline: dt.date, today: dt.date) -> str | None:
    """ "before" on the day REMINDER_DAYS_BEFORE days before the deadline, "after" on the day after it."""
    if today == deadline - dt.timedelta(days=REMINDER_DAYS_BEFORE):
        return "before"
    if today == deadline + dt.timedelta(days=1):
        return "after"
    return None


def round_dates_problem(
    starts_on: dt.date, ends_on: dt.date, village_deadline: dt.date, commune_deadline: dt.date
) -> tuple[str, str] | None:
    """(field, problem) when the round's dates do not hold together, None when they do."""
    if ends_on < starts_on:
        return "ends_on", "ends_before_start"
    if village_deadline < starts_on:
        return "village_deadline", "deadline_before_start"
    if commune_deadline <= village_deadline:
        return "commune_deadline", "commune_not_after_villages"
    return None


@dataclass(frozen=True)
class Rollup:
    """The villages' reports summed for the commune: how many submitted, trend answers, hot spots."""

    villages: int
    submitted: int
    trends: dict[str, int]
    hot_spots: int


def roll_up(villages: int, answers: Iterable[tuple[str, int]]) -> Rollup:
    """`answers`: (complaints trend, hot spot count) of each submitted village report."""
    trends = {t.value: 0 for t in Trend}
    submitted = hot = 0
    for trend, count in answers:
        submitted += 1
        hot += count
        if trend in trends:
            trends[trend] += 1
    return Rollup(villages=villages, submitted=submitted, trends=trends, hot_spots=hot)
