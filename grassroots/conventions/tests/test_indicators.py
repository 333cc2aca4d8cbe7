"""The convention indicator (core.indicators), checked on conventions built through the actions, with the clock
set to a known year so the review day (18 November, D61 Art 15) is where the test says."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.conventions import actions
from grassroots.conventions.indicators import INDICATORS, conventions_reviewed
from grassroots.conventions.models import RulingKind
from grassroots.conventions.tests.conftest import in_force
from grassroots.library.citations import parse_citations

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

YEAR = 2026
REVIEW_DAY = dt.date(YEAR, 11, 18)


def _at(time_machine, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    time_machine.move_to(timezone.make_aware(dt.datetime.combine(day, dt.time(10))), tick=False)


def _ratio(items):  # type: ignore[no-untyped-def]
    return sum(i.numerator for i in items), sum(i.denominator for i in items)


def _village(village, unit, head, chair):  # type: ignore[no-untyped-def]
    """The conftest's cast, pointed at another village (its own head and Front head)."""
    front = UserFactory(username=f"front_{unit.code}")
    grant(front, unit, Role.VILLAGE_FRONT_HEAD)
    return {**village, "a1": unit, "head": head, "front": front, "chair": chair}


def test_the_indicator_cites_d61_art_15():
    """The article only: the digest and the library give no clause number for the yearly review."""
    [indicator] = INDICATORS
    assert indicator.code == "conventions_in_force_reviewed"
    assert [tuple(c) for c in parse_citations(indicator.citation)] == [("decree-61-2023", 15, "", "")]


def test_d61_art_15_conventions_in_force_are_reviewed_every_year(village, time_machine):
    """Two villages of commune A with a convention in force since March: A1 reviews it on 18 November (1/1),
    A2 does not (0/1, overdue from 19 November; left out on the 18th itself) → 1/2. Commune B's unreviewed
    convention is B's own."""
    _at(time_machine, dt.date(YEAR, 3, 2))
    a1 = in_force(village).convention
    head_a2 = UserFactory(username="head_a2")
    grant(head_a2, village["a"]["village2"], Role.VILLAGE_HEAD)
    a2 = in_force(_village(village, village["a"]["village2"], head_a2, village["chair"]), present=1, agree=1).convention
    in_force(_village(village, village["b"]["village1"], village["head_b1"], village["chair_b"]), present=1, agree=1)
    commune, commune_b = village["a"]["commune"], village["b"]["commune"]
    year = (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))

    _at(time_machine, REVIEW_DAY)
    actions.record_review(a1, actor=village["head"], held_on=REVIEW_DAY, summary="Các hộ thực hiện tốt.")
    # On the review day itself A2's review is not late yet: left out.
    items = conventions_reviewed(commune, *year, REVIEW_DAY)
    assert [(i.unit_id, i.numerator, i.denominator) for i in items] == [(village["a1"].pk, 1, 1)]

    after = REVIEW_DAY + dt.timedelta(days=1)
    items = conventions_reviewed(commune, *year, after)
    assert _ratio(items) == (1, 2)
    missing = next(i for i in items if i.unit_id == village["a"]["village2"].pk)
    assert missing.overdue and missing.deadline == REVIEW_DAY and missing.day == REVIEW_DAY
    assert missing.responsible == f"{Role.VILLAGE_HEAD.label}, {village['a']['village2'].name}"
    assert missing.url == f"/en/conventions/{a2.pk}/"
    assert _ratio(conventions_reviewed(commune_b, *year, after)) == (0, 1)
    # A span that ends before the review day holds nothing; nor does the year before it came into force.
    assert conventions_reviewed(commune, dt.date(YEAR, 1, 1), REVIEW_DAY - dt.timedelta(days=1), after) == []
    assert conventions_reviewed(commune, dt.date(YEAR - 1, 1, 1), dt.date(YEAR - 1, 12, 31), after) == []


def test_d61_art_15_a_convention_in_force_after_the_review_day_is_reviewed_from_the_next_year(village, time_machine):
    """In force from 1 December: nothing owed that year; the next year's review day counts."""
    _at(time_machine, dt.date(YEAR, 12, 1))
    in_force(village)
    commune = village["a"]["commune"]
    assert conventions_reviewed(commune, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31), dt.date(YEAR, 12, 31)) == []
    items = conventions_reviewed(commune, dt.date(YEAR + 1, 11, 1), dt.date(YEAR + 1, 11, 30), dt.date(YEAR + 1, 12, 1))
    assert [(i.numerator, i.overdue, i.day) for i in items] == [(0, True, dt.date(YEAR + 1, 11, 18))]


def test_d61_art_15_the_review_day_the_community_chose_is_the_deadline(village, time_machine):
    """A community that reviews on 20 December: on 19 November nothing is late yet."""
    _at(time_machine, dt.date(YEAR, 3, 2))
    convention = in_force(village).convention
    actions.set_review_day(convention, actor=village["head"], month=12, day=20)
    commune = village["a"]["commune"]
    year = (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
    assert conventions_reviewed(commune, *year, dt.date(YEAR, 11, 19)) == []
    [item] = conventions_reviewed(commune, *year, dt.date(YEAR, 12, 21))
    assert item.overdue and item.deadline == dt.date(YEAR, 12, 20)


def test_the_indicator_reads_a_commune_in_two_queries(village, time_machine, django_assert_num_queries):
    """The versions in force with their whole suspensions, then the first review of each year: two queries."""
    _at(time_machine, dt.date(YEAR, 3, 2))
    in_force(village)
    head_a2 = UserFactory(username="head_a2")
    grant(head_a2, village["a"]["village2"], Role.VILLAGE_HEAD)
    in_force(_village(village, village["a"]["village2"], head_a2, village["chair"]), present=1, agree=1)
    with django_assert_num_queries(2):
        items = conventions_reviewed(village["a"]["commune"], dt.date(YEAR, 1, 1), dt.date(YEAR + 1, 12, 31),
                                     dt.date(YEAR + 2, 1, 1))  # fmt: skip
    assert len(items) == 4  # two conventions, two review days each


def test_d61_art_15_a_review_after_the_review_day_is_late_not_on_time(village, time_machine):
    """Reviewed on 20 December for the review day of 18 November: 0/1, late, and off the overdue list once
    recorded (overdue from 19 November until then)."""
    _at(time_machine, dt.date(YEAR, 3, 2))
    convention = in_force(village).convention
    commune, year = village["a"]["commune"], (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
    [before] = conventions_reviewed(commune, *year, dt.date(YEAR, 12, 19))
    assert (before.numerator, before.overdue) == (0, True)
    late_day = dt.date(YEAR, 12, 20)
    _at(time_machine, late_day)
    actions.record_review(convention, actor=village["head"], held_on=late_day, summary="Đánh giá muộn.")
    [item] = conventions_reviewed(commune, *year, late_day)
    assert (item.numerator, item.denominator, item.overdue, item.deadline, item.responsible) == (
        0,
        1,
        False,
        REVIEW_DAY,
        "",
    )


def test_d61_art_15_a_review_before_the_review_day_counts_at_once(village, time_machine):
    """Reviewed at the community conference on 10 November: 1/1, already on 10 November."""
    _at(time_machine, dt.date(YEAR, 3, 2))
    convention = in_force(village).convention
    _at(time_machine, dt.date(YEAR, 11, 10))
    actions.record_review(convention, actor=village["head"], held_on=dt.date(YEAR, 11, 10), summary="Tốt.")
    items = conventions_reviewed(village["a"]["commune"], dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31),
                                 dt.date(YEAR, 11, 10))  # fmt: skip
    assert [(i.numerator, i.denominator, i.deadline) for i in items] == [(1, 1, REVIEW_DAY)]


@pytest.mark.parametrize("kind", [RulingKind.SUSPENSION, RulingKind.ABOLITION])
def test_d61_arts_12_14_a_convention_suspended_or_abolished_later_still_owes_the_review_it_missed(
    village, time_machine, kind
):
    """In force from March 2026, not reviewed on 18 November 2026, wholly suspended (or abolished) in
    February 2027: 2026 still counts it 0/1 overdue; on 18 November 2027 it is not in force, so 2027 owes
    nothing."""
    _at(time_machine, dt.date(YEAR, 3, 2))
    convention = in_force(village).convention
    _at(time_machine, dt.date(YEAR + 1, 2, 1))
    ruling = actions.receive_report(convention, actor=village["chair"], kind=kind, whole=True, articles="",
                                    report="Trái quy định.", reported_by="Hội nông dân xã",
                                    received_on=dt.date(YEAR + 1, 2, 1))  # fmt: skip
    actions.answer_report(ruling, actor=village["chair"], founded=True, reasons="Vi phạm trình tự.",
                          fix_by=dt.date(YEAR + 1, 3, 1) if kind == RulingKind.SUSPENSION else None)  # fmt: skip
    commune, today = village["a"]["commune"], dt.date(YEAR + 2, 1, 1)
    [item] = conventions_reviewed(commune, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31), today)
    assert (item.numerator, item.overdue, item.deadline) == (0, True, REVIEW_DAY)
    assert conventions_reviewed(commune, dt.date(YEAR + 1, 1, 1), dt.date(YEAR + 1, 12, 31), today) == []
