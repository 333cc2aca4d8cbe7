"""The disclosure indicator (core.indicators): disclosures due in a period, made on time (Law Art 12(3))
and kept up for the full period (Law Art 13), counted by hand on a small register."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from grassroots.disclosure import actions
from grassroots.disclosure.choices import Channel
from grassroots.disclosure.indicators import INDICATORS, LONGEST_WAY_TO_THE_DEADLINE, disclosures_on_time
from grassroots.library.citations import parse_citations

from .factories import make_item

pytestmark = pytest.mark.django_db
D = dt.date
# A document of Monday 2 March 2026 is due 5 working days later, on Monday 9 March (no holiday between).
DECIDED, DUE = D(2026, 3, 2), D(2026, 3, 9)
MARCH = (D(2026, 3, 1), D(2026, 3, 31))
BUDGET = 2  # Law Art 11 item 2: web page, commune seat and village points for 30 days (Art 13)


def _posted(official, item, start, end=None):  # type: ignore[no-untyped-def]
    for channel in (Channel.COMMUNE_SEAT, Channel.VILLAGE_POINTS):
        actions.log_posting(item, actor=official, channel=channel, started_on=start, ended_on=end)


def _register(world):  # type: ignore[no-untyped-def]
    """Five disclosures of commune A due on 9 March, each judged by hand, plus two that do not count."""
    official, a = world["official_a"], world["a"]

    def make(title, *, unit=None, decided_on=DECIDED, **kw):  # type: ignore[no-untyped-def]
        return make_item(official, unit or a["commune"], title=title, category=BUDGET, decided_on=decided_on, **kw)

    # On time (published the next day) and still up at the seat and the village points: counts.
    on_time = make("Dự toán thôn", unit=a["village1"], published_on=D(2026, 3, 3))
    _posted(official, on_time, D(2026, 3, 3))
    # Published on the deadline day itself, up for exactly 30 days (9 March – 7 April): counts.
    last_day = make("Quyết toán", published_on=DUE)
    _posted(official, last_day, DUE, D(2026, 4, 7))
    # Published the day after the deadline: late.
    late = make("Thu chi quý I", published_on=DUE + dt.timedelta(days=1))
    _posted(official, late, DUE + dt.timedelta(days=1))
    # On time, but taken down from the notice boards after 10 days: too short.
    short = make("Kế hoạch tài chính", published_on=D(2026, 3, 3))
    _posted(official, short, D(2026, 3, 3), D(2026, 3, 12))
    # Never published: overdue.
    draft = make("Dự toán chưa công khai", publish=False)
    # Due in April: not in March.
    make("Dự toán bổ sung", decided_on=D(2026, 3, 25), publish=False)
    # Commune B's draft due the same day: not commune A's.
    make_item(world["official_b"], world["b"]["commune"], category=BUDGET, decided_on=DECIDED, publish=False)
    return {"on_time": on_time, "last_day": last_day, "late": late, "short": short, "draft": draft}


def test_five_disclosures_due_two_on_time_for_the_full_period_give_2_of_5(world):
    """Law Arts 12(3), 13: on time on every required channel and up for 30 days, or not."""
    items = _register(world)
    found = {i.title: i for i in disclosures_on_time(world["a"]["commune"], *MARCH, today=D(2026, 5, 1))}
    assert {t: (i.numerator, i.denominator) for t, i in found.items()} == {
        "Dự toán thôn": (1, 1),
        "Quyết toán": (1, 1),
        "Thu chi quý I": (0, 1),
        "Kế hoạch tài chính": (0, 1),
        "Dự toán chưa công khai": (0, 1),
    }
    assert sum(i.numerator for i in found.values()) == 2
    assert {i.day for i in found.values()} == {DUE}
    assert found["Dự toán thôn"].unit_id == world["a"]["village1"].pk
    assert found["Quyết toán"].unit_id == world["a"]["commune"].pk
    assert found["Quyết toán"].url == reverse("disclosure:item", args=[items["last_day"].pk])


def test_only_the_unpublished_disclosure_is_overdue_with_the_committee_responsible(world):
    _register(world)
    with translation.override("en"):
        found = list(disclosures_on_time(world["a"]["commune"], *MARCH, today=D(2026, 5, 1)))
    overdue = [i for i in found if i.overdue]
    assert [(i.title, i.deadline, i.responsible) for i in overdue] == [
        ("Dự toán chưa công khai", DUE, "People's Committee of Xã A")
    ]


def test_a_disclosure_is_left_out_until_its_deadline_has_passed(world):
    """On the deadline day nothing is late yet; the day after, the draft counts 0 / 1 and is overdue."""
    _register(world)
    commune = world["a"]["commune"]
    assert list(disclosures_on_time(commune, *MARCH, today=DUE)) == []
    after = list(disclosures_on_time(commune, *MARCH, today=DUE + dt.timedelta(days=1)))
    assert len(after) == 5
    assert [i.title for i in after if i.overdue] == ["Dự toán chưa công khai"]


def test_the_items_take_three_queries_however_many_disclosures(world, django_assert_num_queries):
    _register(world)
    for n in range(5):
        make_item(world["official_a"], world["a"]["village2"], title=f"Thêm {n}", category=BUDGET, decided_on=DECIDED)
    with django_assert_num_queries(3):
        found = list(disclosures_on_time(world["a"]["commune"], *MARCH, today=D(2026, 5, 1)))
    assert len(found) == 10


def test_the_indicator_cites_the_articles_it_measures():
    (indicator,) = INDICATORS
    assert indicator.code == "disclosure_on_time"
    assert [(c.article, c.clause) for c in parse_citations(indicator.citation)] == [(12, "3"), (13, "")]


def _on_time(world, title, decided_on, published_on):  # type: ignore[no-untyped-def]
    item = make_item(world["official_a"], world["a"]["commune"], title=title, category=BUDGET, decided_on=decided_on,
                     published_on=published_on)  # fmt: skip
    _posted(world["official_a"], item, published_on)
    return item


def test_a_document_of_late_february_is_due_and_counted_in_march(world):
    """Thursday 26 February 2026 + 5 working days (27 Feb, 2, 3, 4, 5 March) = Thursday 5 March: a March
    item, published that day; February holds nothing."""
    _on_time(world, "Tháng hai", D(2026, 2, 26), D(2026, 3, 5))
    commune = world["a"]["commune"]
    found = list(disclosures_on_time(commune, *MARCH, today=D(2026, 5, 1)))
    assert [(i.title, i.day, i.deadline, i.numerator) for i in found] == [
        ("Tháng hai", D(2026, 3, 5), D(2026, 3, 5), 1)
    ]
    assert list(disclosures_on_time(commune, D(2026, 2, 1), D(2026, 2, 28), today=D(2026, 5, 1))) == []


def test_a_document_before_tet_is_due_two_weeks_later_and_still_found(world, time_machine):
    """Friday 29 January 2027 + 5 working days across the Tết holiday (4–10 February 2027) and two weekends:
    1, 2, 3, 11 and 12 February, so it is due on Friday 12 February, 14 days after the document: a span
    that starts on its due day finds it only because LONGEST_WAY_TO_THE_DEADLINE looks back a month (a week
    would miss it). Published on 11 February: 1/1; its twin never published: 0/1, overdue from 13 February."""
    time_machine.move_to(dt.datetime(2027, 3, 20, 3, tzinfo=dt.UTC), tick=False)
    assert (D(2027, 2, 12) - D(2027, 1, 29)).days == 14 and LONGEST_WAY_TO_THE_DEADLINE.days >= 14
    _on_time(world, "Trước Tết", D(2027, 1, 29), D(2027, 2, 11))
    make_item(world["official_a"], world["a"]["commune"], title="Chưa công khai", category=BUDGET,
              decided_on=D(2027, 1, 29), publish=False)  # fmt: skip
    february = (D(2027, 2, 1), D(2027, 2, 28))
    found = {i.title: i for i in disclosures_on_time(world["a"]["commune"], *february, today=D(2027, 3, 20))}
    assert {t: (i.day, i.numerator, i.overdue) for t, i in found.items()} == {
        "Trước Tết": (D(2027, 2, 12), 1, False),
        "Chưa công khai": (D(2027, 2, 12), 0, True),
    }
    due_day = (D(2027, 2, 12), D(2027, 2, 12))
    assert sorted(i.title for i in disclosures_on_time(world["a"]["commune"], *due_day, today=D(2027, 3, 20))) == [
        "Chưa công khai",
        "Trước Tết",
    ]
    assert list(disclosures_on_time(world["a"]["commune"], *february, today=D(2027, 2, 12))) == []
