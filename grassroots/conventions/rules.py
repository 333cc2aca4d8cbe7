"""The law of village conventions (hương ước, quy ước) as pure functions: Decree 61/2023/ND-CP ("D61"),
law.md §3.10 and checklist 10.J (items 28–29).

No ORM, settings or clock: callers pass plain values, `today` and the working-day calendar
(`decisions.calendar.work_calendar`). Working days are counted by `decisions.rules.add_working_days`;
the adoption thresholds (D61 Art 10) and the 10% of households behind a citizen's proposal (D61 Art 7)
are community-decision thresholds and live in `decisions.rules`, never here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from grassroots.decisions.rules import ALLOW, Verdict, WorkCalendar, add_working_days

# --- Numbers fixed by the decree, with their source ------------------------------------------------
# D61 Art 9(1): the draft is posted at the culture house or another public point for at least 30 days.
POSTING_MIN_DAYS = 30
# D61 Art 11(1): the village head sends the dossier to UBND xã within 5 working days after the meeting
# or the end of the ballot.
DOSSIER_WORKING_DAYS = 5
# D61 Art 11(2)-(3): UBND xã recognizes (Form 03), or refuses in writing with reasons, within 5 working
# days of a complete dossier.
RECOGNITION_WORKING_DAYS = 5
# D61 Art 18(1)(a): UBND xã sends the recognized text to the village head and MTTQ xã within 2 working days.
DISTRIBUTION_WORKING_DAYS = 2
# D61 Art 12(2): UBND xã answers a written report asking for a suspension within 3 working days (Form 04).
SUSPENSION_WORKING_DAYS = 3
# D61 Art 14(3): UBND xã decides an abolition within 5 working days of the report (Form 05).
ABOLITION_WORKING_DAYS = 5
# D61 Art 15(2): the yearly review on National Great Unity Day, 18 November, unless the community
# chooses another day.
REVIEW_MONTH, REVIEW_DAY = 11, 18
# D61 Art 16: the province reports its statistics to the Ministry of Culture, Sports and Tourism
# "trước ngày 30 tháng 11" (before 30 November): the last day allowed is 29 November.
STATISTICS_MONTH, STATISTICS_BEFORE_DAY = 11, 30

ARTICLE_POSTING = "D61 Art 9(1)"
ARTICLE_DOSSIER = "D61 Art 11(1)"
ARTICLE_RECOGNITION = "D61 Art 11(3)"
ARTICLE_EFFECTIVE = "D61 Art 11(4)"
ARTICLE_DISTRIBUTION = "D61 Art 18(1)(a)"
ARTICLE_SUSPENSION = "D61 Art 12(2)"
ARTICLE_ABOLITION = "D61 Art 14(3)"
ARTICLE_REVIEW = "D61 Art 15(2)"
ARTICLE_STATISTICS = "D61 Art 16"
ARTICLE_DRAFTING_TEAM = "D61 Art 8(2)"
ARTICLE_PROPOSAL = "D61 Art 7(1)"


# --- 10.J.28: the lifecycle's dates ------------------------------------------------------------------
def posting_ends_earliest(posted_on: dt.date) -> dt.date:
    """D61 Art 9(1): the first day the posting period may end, and so the first day of the adoption
    meeting or ballot. Read to protect residents: 30 whole days after the day of posting (the day of
    posting itself not counted), so a draft posted on 1 March may be put to the vote from 31 March."""
    return posted_on + dt.timedelta(days=POSTING_MIN_DAYS)


def posting_long_enough(posted_on: dt.date, vote_on: dt.date) -> bool:
    """D61 Art 9(1): the draft was posted for at least 30 days before it is put to the vote."""
    return vote_on >= posting_ends_earliest(posted_on)


def posting_verdict(posted_on: dt.date | None, vote_on: dt.date) -> Verdict:
    if posted_on is None:
        return Verdict(False, _("The draft has not been posted for comment yet."), ARTICLE_POSTING)
    if not posting_long_enough(posted_on, vote_on):
        return Verdict(
            False,
            _("The draft must stay posted for comment for at least 30 days before it is put to the vote."),
            ARTICLE_POSTING,
        )
    return ALLOW


def dossier_due_on(adopted_on: dt.date, calendar: WorkCalendar) -> dt.date:
    """D61 Art 11(1): the dossier (Form 01, Form 02, the adopted text) reaches UBND xã within 5 working days."""
    return add_working_days(adopted_on, DOSSIER_WORKING_DAYS, calendar)


def recognition_due_on(dossier_complete_on: dt.date, calendar: WorkCalendar) -> dt.date:
    """D61 Art 11(3): recognition (Form 03) or a written, reasoned refusal within 5 working days of a
    complete dossier."""
    return add_working_days(dossier_complete_on, RECOGNITION_WORKING_DAYS, calendar)


def effective_on(recognized_on: dt.date) -> dt.date:
    """D61 Art 11(4): the convention takes effect on the date of the recognition decision, never later
    or earlier."""
    return recognized_on


def distribution_due_on(recognized_on: dt.date, calendar: WorkCalendar) -> dt.date:
    """D61 Art 18(1)(a): the recognized text reaches the village head and MTTQ xã within 2 working days."""
    return add_working_days(recognized_on, DISTRIBUTION_WORKING_DAYS, calendar)


def suspension_due_on(report_received_on: dt.date, calendar: WorkCalendar) -> dt.date:
    """D61 Art 12(2): the answer to a written report (unfounded, or a suspension with Form 04) within 3
    working days of receiving it."""
    return add_working_days(report_received_on, SUSPENSION_WORKING_DAYS, calendar)


def abolition_due_on(report_received_on: dt.date, calendar: WorkCalendar) -> dt.date:
    """D61 Art 14(3): the abolition decision (Form 05) within 5 working days of the report."""
    return add_working_days(report_received_on, ABOLITION_WORKING_DAYS, calendar)


def review_day(year: int, chosen: tuple[int, int] | None = None) -> dt.date:
    """D61 Art 15(2): the yearly review, on 18 November (National Great Unity Day) unless the community
    chose another day (month, day)."""
    month, day = chosen or (REVIEW_MONTH, REVIEW_DAY)
    return dt.date(year, month, day)


def statistics_due_on(year: int) -> dt.date:
    """D61 Art 16: the province's statistics reach the Ministry "before 30 November": 29 November at the latest."""
    return dt.date(year, STATISTICS_MONTH, STATISTICS_BEFORE_DAY) - dt.timedelta(days=1)


def is_late(due_on: dt.date | None, done_on: dt.date | None, today: dt.date) -> bool:
    """A step is late when it was done after its due day, or is still not done once the day has passed."""
    if due_on is None:
        return False
    return (done_on or today) > due_on


# --- 10.J.29: the drafting team ------------------------------------------------------------------
@dataclass(frozen=True)
class TeamMember:
    name: str
    is_elder: bool = False  # a village elder or a village chief (già làng, trưởng bản)
    speaks_language: bool = False  # speaks the ethnic-minority language of the community


def drafting_team_verdict(members: list[TeamMember], *, ethnic_minority: bool) -> Verdict:
    """D61 Art 8(2): a drafting team (Tổ soạn thảo) has members; in an ethnic-minority community it must
    include elders or village chiefs and someone who speaks the ethnic language (10.J.29)."""
    if not members:
        return Verdict(False, _("The drafting team needs at least one member."), "D61 Art 8(1)")
    if ethnic_minority and not any(m.is_elder for m in members):
        return Verdict(
            False,
            _("In an ethnic-minority community the drafting team must include village elders or village chiefs."),
            ARTICLE_DRAFTING_TEAM,
        )
    if ethnic_minority and not any(m.speaks_language for m in members):
        return Verdict(
            False,
            _("In an ethnic-minority community the drafting team must include a speaker of the ethnic language."),
            ARTICLE_DRAFTING_TEAM,
        )
    return ALLOW


# --- The text, split into articles (Điều) ----------------------------------------------------------
_ARTICLE_HEAD = re.compile(r"^\s*Điều\s+(\d+)\s*[.:]?\s*(.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Clause:
    number: int
    title: str
    body: str


def split_articles(text: str) -> list[Clause]:
    """The articles of a convention's text: each begins on a line "Điều N. Title"; text before the first
    article (a preamble, a chapter heading) is kept as article 0."""
    clauses: list[Clause] = []
    number, title = 0, ""
    body: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        head = _ARTICLE_HEAD.match(line)
        if head:
            if number or "".join(body).strip():
                clauses.append(Clause(number, title, "\n".join(body).strip()))
            number, title, body = int(head.group(1)), head.group(2).strip(), []
        else:
            body.append(line)
    if number or "".join(body).strip():
        clauses.append(Clause(number, title, "\n".join(body).strip()))
    return clauses


@dataclass(frozen=True)
class ArticleChange:
    number: int
    status: str  # "added", "removed", "changed", "same"
    old: str
    new: str
    lines: tuple[str, ...]  # a unified diff of the article's text, for "changed"


def compare(old: list[Clause], new: list[Clause]) -> list[ArticleChange]:
    """A per-article comparison of two versions (difflib): which articles were added, removed or changed."""
    before = {c.number: f"{c.title}\n{c.body}".strip() for c in old}
    after = {c.number: f"{c.title}\n{c.body}".strip() for c in new}
    changes = []
    for number in sorted(set(before) | set(after)):
        a, b = before.get(number), after.get(number)
        if a is None:
            changes.append(ArticleChange(number, "added", "", b or "", ()))
        elif b is None:
            changes.append(ArticleChange(number, "removed", a, "", ()))
        elif a == b:
            changes.append(ArticleChange(number, "same", a, b, ()))
        else:
            diff = difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=1)
            changes.append(ArticleChange(number, "changed", a, b, tuple(list(diff)[2:])))
    return changes
