"""The annual-conference indicator (core.indicators), checked on conferences held through the actions, with
the clock set in December of a known year so its deadline (31 December, Law Art 33) is where the test says."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.annual_conferences.indicators import INDICATORS, conferences_held
from grassroots.annual_conferences.tests.conftest import held
from grassroots.library.citations import parse_citations
from grassroots.territory.models import UnitKind
from grassroots.territory.tests.factories import UnitFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

YEAR = 2026
DEADLINE = dt.date(YEAR, 12, 31)
THE_YEAR = (dt.date(YEAR, 1, 1), DEADLINE)


def _ratio(items):  # type: ignore[no-untyped-def]
    return sum(i.numerator for i in items), sum(i.denominator for i in items)


def test_the_indicator_cites_law_art_33():
    [indicator] = INDICATORS
    assert indicator.code == "annual_conferences_held"
    # The article only: neither the digest nor the library gives the clause of "once a year".
    assert [(c.document_code, c.article, c.clause) for c in parse_citations(indicator.citation)] == [
        ("law-10-2022", 33, ""),
        ("decree-59-2023", 10, ""),
    ]


def test_law_art_33_every_village_holds_its_conference_once_a_year(cast, time_machine):
    """Commune A has two villages: A1 held its conference on 8 December (1/1), A2 did not. On 31 December A2 is
    not late yet (left out: 1/1); from 1 January it is missing and overdue (1/2). Commune B's village is B's."""
    time_machine.move_to(timezone.make_aware(dt.datetime(YEAR, 12, 10, 10)), tick=False)
    conference = held(cast, ago=2)
    commune = cast["a"]["commune"]
    a1, a2 = cast["a"]["village1"], cast["a"]["village2"]

    items = conferences_held(commune, *THE_YEAR, DEADLINE)
    assert [(i.unit_id, i.numerator, i.denominator, i.day) for i in items] == [(a1.pk, 1, 1, DEADLINE)]
    assert items[0].url == f"/en/annual-conferences/{conference.pk}/" and not items[0].overdue

    new_year = DEADLINE + dt.timedelta(days=1)
    items = conferences_held(commune, *THE_YEAR, new_year)
    assert _ratio(items) == (1, 2)
    missing = next(i for i in items if i.unit_id == a2.pk)
    assert missing.overdue and missing.deadline == DEADLINE
    assert missing.responsible == f"{Role.VILLAGE_HEAD.label}, {a2.name}"
    assert missing.url == f"/en/annual-conferences/villages/{a2.code}/"
    assert _ratio(conferences_held(cast["b"]["commune"], *THE_YEAR, new_year)) == (0, 1)
    # A span without 31 December holds nothing; the year before, neither village held one: 0/2.
    assert conferences_held(commune, dt.date(YEAR, 1, 1), DEADLINE - dt.timedelta(days=1), new_year) == []
    assert _ratio(conferences_held(commune, dt.date(YEAR - 1, 1, 1), dt.date(YEAR - 1, 12, 31), new_year)) == (0, 2)


def test_law_art_33_a_village_gone_before_the_year_end_owes_no_conference(cast):
    """A village merged away on 1 July (its households now elsewhere) is not counted for that year."""
    commune = cast["a"]["commune"]
    UnitFactory(code="AC-9", name="Thôn cũ", kind=UnitKind.VILLAGE, parent=commune, valid_to=dt.date(YEAR, 7, 1))
    items = conferences_held(commune, *THE_YEAR, DEADLINE + dt.timedelta(days=1))
    assert {i.unit_id for i in items} == {cast["a"]["village1"].pk, cast["a"]["village2"].pk}


def test_the_indicator_reads_a_commune_in_two_queries(cast, django_assert_num_queries):
    """The villages, then the conferences of the years asked: two queries for any number of years and villages."""
    with django_assert_num_queries(2):
        items = conferences_held(
            cast["a"]["commune"], dt.date(YEAR - 2, 1, 1), DEADLINE, DEADLINE + dt.timedelta(days=1)
        )
    assert _ratio(items) == (0, 6)  # two villages, three years
