"""The refresh with the real registry (every app's INDICATORS), on a little real data written through the apps'
own actions: casework (Law Art 40(1)) and the annual community conferences (Law Art 33(1)), counted by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.annual_conferences.tests.conftest import held
from grassroots.core import audit
from grassroots.people.tests.factories import make_household
from grassroots.petitions import actions as petitions
from grassroots.petitions.tests.conftest import filed, through
from grassroots.reporting import figures, refresh
from grassroots.reporting.models import OverdueItem
from grassroots.reporting.registry import all_indicators

pytestmark = pytest.mark.django_db

CONFERENCE_DAY = dt.date(2025, 12, 8)  # A1 holds its conference of 2025; A2 holds none, in any year
TODAY = dt.date(2026, 6, 20)
RECEIVED = dt.date(2026, 5, 11)  # two recommendations received by the commune People's Committee that day
ANSWERED = dt.date(2026, 5, 21)  # the first answered on the 10th day: in time (15 days, Law Art 40(1))
DUE = dt.date(2026, 5, 26)  # the 15th day: the second, unanswered, is overdue from the 27th


def _at(time_machine, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    time_machine.move_to(timezone.make_aware(dt.datetime(day.year, day.month, day.day, 10)), tick=False)


@pytest.fixture
def cast(world):  # type: ignore[no-untyped-def]
    """Commune A of `world` with the people the two apps' actions need."""
    a = world["a"]
    people = {
        name: UserFactory(username=name)
        for name in ("member", "front", "chair", "petitioner", "front_a1", "inspector_a")
    }
    grant(people["member"], a["commune"], Role.INSPECTION_BOARD)
    grant(people["inspector_a"], a["commune"], Role.INSPECTION_BOARD)
    grant(people["front"], a["commune"], Role.COMMUNE_FRONT)
    grant(people["chair"], a["commune"], Role.COMMUNE_CHAIR)
    grant(people["petitioner"], a["village1"], Role.HOUSEHOLD_REPRESENTATIVE)
    grant(people["front_a1"], a["village1"], Role.VILLAGE_FRONT_HEAD)
    make_household(a["village1"])
    make_household(a["village1"])
    return {
        **world,
        **people,
        "commune": a["commune"],
        "village": a["village1"],
        "chair_a": people["chair"],
        "cfront_a": people["front"],
    }


def _recommendation(cast, *, answered: dt.date | None):  # type: ignore[no-untyped-def]
    petition = through(cast, filed(cast), "recommended")
    petition = petitions.certify(actor=cast["front"], petition=petition, certified_on=RECEIVED)
    if answered is not None:
        petition = petitions.answer(actor=cast["chair"], petition=petition, text="Đã xử lý", answered_on=answered)
    return petition


def test_the_real_indicators_through_the_refresh_give_the_figures_counted_by_hand(cast, time_machine):
    assert {"recommendations_answered", "annual_conferences_held"} <= {i.code for i in all_indicators()}
    a = cast["a"]
    commune, province, a1, a2 = a["commune"], a["province"], a["village1"], a["village2"]
    _at(time_machine, dt.date(2023, 9, 1))  # the commune's first record on the platform: its list looks back to 2023
    audit.record("test.first_record", unit_id=a1.pk)
    _at(time_machine, CONFERENCE_DAY + dt.timedelta(days=2))
    held(cast, ago=2)
    _at(time_machine, TODAY)
    _recommendation(cast, answered=ANSWERED)
    late = _recommendation(cast, answered=None)

    with translation.override("en"):  # the refresh writes in Vietnamese whatever language it is started in
        refresh.refresh_commune(commune, TODAY)

    def tally(unit, kind, start, code):  # type: ignore[no-untyped-def]
        return figures.unit_figures(unit, kind, start).get(code)

    # Casework: the answer due on 26 May (month of May): 1 of 1; the unanswered one due the same day: 0 of 1.
    for unit in (commune, province):
        assert tally(unit, "M", dt.date(2026, 5, 1), "recommendations_answered") == figures.Tally(1, 2, 2)
        assert tally(unit, "Y", dt.date(2026, 1, 1), "recommendations_answered") == figures.Tally(1, 2, 2)
    # Conferences of 2025 (placed on 31 December): A1 held, A2 did not; 2026's deadline has not come.
    assert tally(commune, "Y", dt.date(2025, 1, 1), "annual_conferences_held") == figures.Tally(1, 2, 2)
    assert tally(a1, "M", dt.date(2025, 12, 1), "annual_conferences_held") == figures.Tally(1, 1, 1)
    assert tally(a2, "Q", dt.date(2025, 10, 1), "annual_conferences_held") == figures.Tally(0, 1, 1)
    assert tally(commune, "Y", dt.date(2026, 1, 1), "annual_conferences_held") is None  # no data yet
    # 2023 and 2024 are before the window: in no figure, but their missing conferences are still overdue.
    assert tally(commune, "Y", dt.date(2024, 1, 1), "annual_conferences_held") is None

    overdue = {
        (o.indicator, o.unit_id, o.deadline)
        for o in OverdueItem.objects.filter(indicator__in=["recommendations_answered", "annual_conferences_held"])
    }
    assert overdue == {
        ("recommendations_answered", commune.pk, DUE),
        ("annual_conferences_held", a1.pk, dt.date(2023, 12, 31)),
        ("annual_conferences_held", a1.pk, dt.date(2024, 12, 31)),
        ("annual_conferences_held", a2.pk, dt.date(2023, 12, 31)),
        ("annual_conferences_held", a2.pk, dt.date(2024, 12, 31)),
        ("annual_conferences_held", a2.pk, dt.date(2025, 12, 31)),
    }
    stored = OverdueItem.objects.get(indicator="recommendations_answered")
    with translation.override("vi"):
        from django.utils.translation import gettext

        title = gettext("Recommendation on petition no. %(number)s") % {"number": late.pk}
    assert stored.title == title
    assert stored.path == commune.path

    # Answered late, on the day of the next refresh: off the overdue list, still 0 of 1 (not in time).
    petitions.answer(actor=cast["chair"], petition=late, text="Đã xử lý", answered_on=TODAY)
    refresh.refresh_commune(commune, TODAY)
    assert not OverdueItem.objects.filter(indicator="recommendations_answered").exists()
    assert tally(province, "Y", dt.date(2026, 1, 1), "recommendations_answered") == figures.Tally(1, 2, 2)
