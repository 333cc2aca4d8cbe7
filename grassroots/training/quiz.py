"""Tests before and after the course, scores, certificates of completion, and the feedback form
(issue 5, items 7 and 8).

The questions come from the law library's bank (library.QuizQuestion), drawn deterministically per
conference: every delegate of a conference gets the same questions, in the same order. The two tests
take different questions when the bank is large enough, so reading the explanations after the first
test does not give away the second. Correct answers are read only when scoring.

The certificate is an official-looking Vietnamese document, so its text is Vietnamese on purpose and
not in the gettext catalogs; it is built with the official-document toolkit (core.official).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

import datetime as dt
import math
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.core.official import MOTTO, NATIONAL_NAME, nfc, vn_date
from grassroots.core.official import pdf as official_pdf
from grassroots.library.models import QuizOption, QuizQuestion
from grassroots.library.models import Topic as BankTopic

from . import rules
from .access import INACTIVE_DELEGATE, my_delegation
from .models import Conference, Delegate, Feedback, QuizAttempt

QUESTIONS_PER_TEST = 10
# The four topics of the conference, in the order the draw takes them (10 questions: 3, 3, 2, 2).
TOPIC_ORDER = [BankTopic.LAW, BankTopic.DECREE_59, BankTopic.TASKS, BankTopic.METHODS]
RATINGS = ("content", "speakers", "organization")
RATING_SCALE = range(1, 6)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: StrOrPromise = ""  # a lazy translation: str() it where it is shown


# --- The draw ----------------------------------------------------------------------------------
def _sequence(conference: Conference) -> list[int]:
    """Every question of the bank, shuffled per topic with the conference's id as the seed, then dealt
    one topic after another (law, Decree 59, tasks, methods, law, …)."""
    by_topic: dict[str, list[int]] = defaultdict(list)
    for pk, topic in QuizQuestion.objects.filter(topic__in=TOPIC_ORDER).order_by("code").values_list("pk", "topic"):
        by_topic[topic].append(pk)
    # Deterministic on purpose (same conference, same questions): this is not a secret.
    shuffler = random.Random(conference.pk)  # noqa: S311
    decks = []
    for topic in TOPIC_ORDER:
        deck = by_topic[topic]
        shuffler.shuffle(deck)
        decks.append(deck)
    sequence: list[Any] = []
    for i in range(max((len(d) for d in decks), default=0)):
        sequence.extend(deck[i] for deck in decks if i < len(deck))
    return sequence


def draw(conference: Conference, kind: str, count: int = QUESTIONS_PER_TEST) -> list[int]:
    """The ids of the test's questions: the first `count` of the sequence before the course, the next
    `count` after it (wrapping round when the bank is small)."""
    sequence = _sequence(conference)
    if not sequence:
        return []
    count = min(count, len(sequence))
    start = 0 if kind == QuizAttempt.Kind.BEFORE else count
    return [sequence[(start + i) % len(sequence)] for i in range(count)]


def load_questions(ids: list[int]) -> list[QuizQuestion]:
    """The questions in the order given, with their options and the article each one cites."""
    options = Prefetch("options", queryset=QuizOption.objects.order_by("order", "pk"))
    found = {
        q.pk: q
        for q in QuizQuestion.objects.filter(pk__in=ids).select_related("article__document").prefetch_related(options)
    }
    return [found[pk] for pk in ids if pk in found]


def score_answers(question_ids: list[int], chosen: Mapping[int, int | None]) -> tuple[int, int]:
    """(correct answers, questions). An unanswered question or an option of another question is wrong."""
    correct = dict(
        QuizOption.objects.filter(question_id__in=question_ids, is_correct=True).values_list("question_id", "pk")
    )
    score = sum(1 for pk in question_ids if chosen.get(pk) is not None and chosen.get(pk) == correct.get(pk))
    return score, len(question_ids)


# --- Taking a test --------------------------------------------------------------------------------
def active_delegate(user: User, conference: Conference) -> Delegate | None:
    delegate = my_delegation(user, conference) if user.is_authenticated else None
    return delegate if delegate is not None and delegate.status not in INACTIVE_DELEGATE else None


def after_test_opens_at(conference: Conference) -> dt.datetime:
    """When the test after the course opens: once the last session of the conference has ended."""
    last_day = conference.ends_on or conference.starts_on
    begins = timezone.make_aware(dt.datetime.combine(last_day, dt.time.min))
    return rules.after_test_opens_at(list(conference.sessions.values_list("starts_at", "ends_at")), begins)


def best(attempts: Iterable[QuizAttempt]) -> QuizAttempt | None:
    """The attempt that counts: the best share of correct answers (the earliest of equal ones)."""
    chosen: QuizAttempt | None = None
    for attempt in sorted(attempts, key=lambda a: a.number):
        if chosen is None or Fraction(attempt.score, attempt.total or 1) > Fraction(chosen.score, chosen.total or 1):
            chosen = attempt
    return chosen


def attempts_left(delegate: Delegate, attempts: list[QuizAttempt]) -> int:
    """How many more times the delegate may take the test after the course (none once passed)."""
    after = [a for a in attempts if a.kind == QuizAttempt.Kind.AFTER]
    passed = any(rules.passes_quiz(a.score, a.total) for a in after)
    return rules.attempts_left(len(after), delegate.conference.after_test_attempts, passed=passed)


def opening_text(opens_at: dt.datetime) -> StrOrPromise:
    local = timezone.localtime(opens_at)
    return _("The test after the course opens once the last session has ended: at %(time)s, %(date)s.") % {
        "time": formats.time_format(local, "TIME_FORMAT"),
        "date": formats.date_format(local, "DATE_FORMAT"),
    }


def attempt_allowed(delegate: Delegate, kind: str, now: dt.datetime) -> Verdict:
    """Whether the delegate may take the test now: the test before the course once, and not after the
    test after it; the test after the course once the last session has ended, again until passed, up to
    the conference's number of attempts."""
    attempts = list(QuizAttempt.objects.filter(delegate=delegate))
    kinds = {a.kind for a in attempts}
    if kind == QuizAttempt.Kind.BEFORE:
        if QuizAttempt.Kind.BEFORE in kinds:
            return Verdict(False, _("You have already taken this test."))
        if QuizAttempt.Kind.AFTER in kinds:
            return Verdict(False, _("The test before the course closes once the test after it is taken."))
        return Verdict(True)
    opens_at = after_test_opens_at(delegate.conference)
    if now < opens_at:
        return Verdict(False, opening_text(opens_at))
    after = [a for a in attempts if a.kind == QuizAttempt.Kind.AFTER]
    if any(rules.passes_quiz(a.score, a.total) for a in after):
        return Verdict(False, _("You have passed this test."))
    if attempts_left(delegate, attempts) == 0:
        return Verdict(
            False,
            _("You have used all %(count)s attempts at this test; your best result counts.")
            % {"count": delegate.conference.after_test_attempts},
        )
    return Verdict(True)


@dataclass(frozen=True)
class ReviewItem:
    question: QuizQuestion
    chosen: int | None
    correct: int | None

    @property
    def right(self) -> bool:
        return self.chosen is not None and self.chosen == self.correct


def review(attempt: QuizAttempt) -> list[ReviewItem]:
    """After submitting: each question with the chosen and the correct option (for explanations)."""
    ids = [int(pk) for pk in attempt.answers.get("questions", [])]
    chosen = {int(k): v for k, v in attempt.answers.get("chosen", {}).items()}
    items = []
    for question in load_questions(ids):
        correct = next((o.pk for o in question.options.all() if o.is_correct), None)
        items.append(ReviewItem(question=question, chosen=chosen.get(question.pk), correct=correct))
    return items


# --- Scores for the organizers -----------------------------------------------------------------
def percent(share: Fraction | None) -> int | None:
    """Whole percent, rounded down (73.9% is 73%), so a shown 70% never hides a fail."""
    return None if share is None else share.numerator * 100 // share.denominator


@dataclass(frozen=True)
class Result:
    score: int
    total: int

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.score, self.total) if self.total else None

    @property
    def percent(self) -> int | None:
        return percent(self.share)

    @property
    def passed(self) -> bool:
        return rules.passes_quiz(self.score, self.total)


@dataclass(frozen=True)
class DelegateScore:
    delegate: Delegate
    before: Result | None
    after: Result | None

    @property
    def certified(self) -> bool:
        return self.delegate.checked_in_at is not None and self.after is not None and self.after.passed


@dataclass(frozen=True)
class UnitScore:
    unit: Any
    delegates: int
    before_takers: int
    after_takers: int
    before: Fraction | None
    after: Fraction | None
    passed: int

    @property
    def before_percent(self) -> int | None:
        return percent(self.before)

    @property
    def after_percent(self) -> int | None:
        return percent(self.after)


def scores_by_delegate(conference: Conference) -> list[DelegateScore]:
    """Every delegate (but those withdrawn) with their two results, the best attempt of each: two queries."""
    results: dict[tuple[int, str], Result] = {}
    # The best attempt of each test counts (the test after the course may be taken again until passed).
    for delegate_id, kind, score, total in QuizAttempt.objects.filter(conference=conference).values_list(
        "delegate_id", "kind", "score", "total"
    ):
        known = results.get((delegate_id, kind))
        if known is None or (known.share or 0) < Fraction(score, total or 1):
            results[(delegate_id, kind)] = Result(score, total)
    delegates = (
        conference.delegates.exclude(status=Delegate.Status.WITHDRAWN)
        .select_related("user", "unit")
        .order_by("unit__path", "role", "user__last_name", "user__first_name", "pk")
    )
    return [
        DelegateScore(d, results.get((d.pk, QuizAttempt.Kind.BEFORE)), results.get((d.pk, QuizAttempt.Kind.AFTER)))
        for d in delegates
    ]


def _share(results: list[Result]) -> Fraction | None:
    total = sum(r.total for r in results)
    return Fraction(sum(r.score for r in results), total) if total else None


def scores_by_unit(rows: list[DelegateScore]) -> list[UnitScore]:
    """Per unit: the share of correct answers over all its attempts, before and after, and who passed."""
    by_unit: dict[int, list[DelegateScore]] = defaultdict(list)
    for row in rows:
        by_unit[row.delegate.unit_id].append(row)
    units = []
    for unit_rows in by_unit.values():
        before = [r.before for r in unit_rows if r.before is not None]
        after = [r.after for r in unit_rows if r.after is not None]
        units.append(
            UnitScore(
                unit=unit_rows[0].delegate.unit,
                delegates=len(unit_rows),
                before_takers=len(before),
                after_takers=len(after),
                before=_share(before),
                after=_share(after),
                passed=sum(1 for r in after if r.passed),
            )
        )
    return sorted(units, key=lambda u: u.unit.path)


# --- Certificates of completion ----------------------------------------------------------------
def certificate_verdict(delegate: Delegate) -> Verdict:
    """A certificate for a delegate who checked in and passed the test after the course."""
    if delegate.checked_in_at is None:
        return Verdict(False, _("The delegate did not check in at the conference."))
    after = best(QuizAttempt.objects.filter(delegate=delegate, kind=QuizAttempt.Kind.AFTER))
    if after is None:
        return Verdict(False, _("The delegate has not taken the test after the course."))
    if not rules.passes_quiz(after.score, after.total):
        return Verdict(False, _("The delegate did not pass the test after the course."))
    return Verdict(True)


def certificate_number(delegate: Delegate) -> str:
    """Stable and unique: year of the conference, conference, delegate ("2026/0007-000123")."""
    return f"{delegate.conference.starts_on.year}/{delegate.conference_id:04d}-{delegate.pk:06d}"


STEERING_COMMITTEE = "BAN CHỈ ĐẠO XÂY DỰNG CƠ SỞ VÀ THỰC HIỆN QUY CHẾ DÂN CHỦ"
STEERING_COMMITTEE_SENTENCE = "Ban Chỉ đạo xây dựng cơ sở và thực hiện Quy chế dân chủ"


def certificate_pdf(delegate: Delegate) -> bytes:
    """The certificate as an A4 landscape PDF with the national heading."""
    conference = delegate.conference
    name = delegate.user.get_full_name() or delegate.user.username
    organizer = conference.organizer_unit
    pdf = official_pdf.new_pdf("A4", nfc(f"Giấy chứng nhận: {name}"), orientation="L")
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 15, 20)
    pdf.add_page()
    pdf.set_line_width(0.8)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.2)
    width = pdf.w - 40
    half = width / 2

    def line(
        text: str, size: float, *, bold: bool = False, w: float = width, x: float | None = None, h: float = 7
    ) -> None:
        official_pdf.set_text(pdf, size, bold)
        if x is not None:
            pdf.set_x(x)
        pdf.multi_cell(w, h, nfc(text), align="C", new_x="LEFT" if x is not None else "LMARGIN", new_y="NEXT")

    top = 18
    pdf.set_xy(20, top)
    line(STEERING_COMMITTEE, 9.5, w=half, x=20, h=5)
    line(organizer.name.upper(), 10, bold=True, w=half, x=20, h=5)
    pdf.set_xy(20 + half, top)
    line(NATIONAL_NAME, 11, bold=True, w=half, x=20 + half, h=6)
    line(MOTTO, 11.5, bold=True, w=half, x=20 + half, h=6)
    official_pdf.set_text(pdf, 11.5, bold=True)
    motto_w = pdf.get_string_width(MOTTO)
    y = pdf.get_y() + 0.5
    pdf.line(20 + half + (half - motto_w) / 2, y, 20 + half + (half + motto_w) / 2, y)
    pdf.set_xy(20, 52)
    line("GIẤY CHỨNG NHẬN", 26, bold=True, h=12)
    line("HOÀN THÀNH CHƯƠNG TRÌNH TẬP HUẤN", 15, bold=True, h=9)
    line(f"Số: {certificate_number(delegate)}", 10, h=6)
    pdf.ln(6)
    line(f"{STEERING_COMMITTEE_SENTENCE} {organizer.name} chứng nhận", 12)
    line(f"Ông/Bà: {name}", 18, bold=True, h=10)
    line(f"Đơn vị: {delegate.unit.name}", 13)
    line("đã tham dự và hoàn thành chương trình tập huấn", 13)
    line(conference.title, 14, bold=True, h=8)
    line(f"tổ chức {vn_date(conference.starts_on)}.", 13)
    pdf.set_xy(20 + half, pdf.h - 55)
    line(f"{organizer.name}, {vn_date(conference.starts_on)}", 11, w=half, x=20 + half, h=6)
    line("TM. BAN CHỈ ĐẠO", 11, bold=True, w=half, x=20 + half, h=6)
    return bytes(pdf.output())


# --- Feedback (evaluation of the conference) ------------------------------------------------------
@dataclass(frozen=True)
class Bar:
    value: int  # the rating, 1 to 5
    count: int
    width_class: str


@dataclass(frozen=True)
class RatingSummary:
    key: str
    label: str
    responses: int
    average: Fraction | None
    bars: list[Bar]

    @property
    def average_text(self) -> str:
        """One decimal, rounded half up ("4.3")."""
        if self.average is None:
            return ""
        tenths = math.floor(self.average * 10 + Fraction(1, 2))
        return f"{tenths // 10}.{tenths % 10}"


def feedback_summary(conference: Conference) -> tuple[list[RatingSummary], list[str]]:
    """The distribution and average of each rating, and the comments (without names)."""
    from .stats import bar_width_class

    rows = list(Feedback.objects.filter(conference=conference).values_list(*RATINGS, "comment"))
    labels = {field: str(getattr(Feedback._meta.get_field(field), "verbose_name", field)) for field in RATINGS}
    summaries = []
    for i, key in enumerate(RATINGS):
        values = [row[i] for row in rows]
        counts = {v: values.count(v) for v in RATING_SCALE}
        most = max(counts.values(), default=0)
        bars = [Bar(v, counts[v], bar_width_class(counts[v], most)) for v in reversed(RATING_SCALE)]
        average = Fraction(sum(values), len(values)) if values else None
        summaries.append(RatingSummary(key, str(labels[key]), len(values), average, bars))
    comments = [row[3] for row in rows if row[3].strip()]
    return summaries, comments
