"""The casework indicator (core.indicators): the board's recommendations answered by the commune People's
Committee within 15 days of receipt (Law Art 40), counted by hand on a few cases."""

import pytest
from django.urls import reverse
from django.utils import translation

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.library.citations import parse_citations
from grassroots.petitions import actions
from grassroots.petitions.indicators import INDICATORS, recommendations_answered

from .conftest import days_ago, filed, through

pytestmark = pytest.mark.django_db


def _case(cast, *, received: int, answered: int | None = None, village=None):  # type: ignore[no-untyped-def]
    """A recommendation received by the commune `received` days ago, answered `answered` days ago (or not)."""
    if village is None:
        petition = filed(cast)
    else:
        petition = actions.file_petition(actor=cast["petitioner"], commune=cast["commune"], subject="Lấn chiếm đường",
                                         body="Nhà ông X lấn chiếm lối đi chung.", village=village)  # fmt: skip
    petition = through(cast, petition, "recommended")
    petition = actions.certify(actor=cast["front"], petition=petition, certified_on=days_ago(received))
    if answered is not None:
        petition = actions.answer(
            actor=cast["chair"], petition=petition, text="Đã xử lý", answered_on=days_ago(answered)
        )
    return petition


def _commune_b(cast):  # type: ignore[no-untyped-def]
    b = cast["b"]["commune"]
    people = {name: UserFactory(username=f"{name}_b") for name in ("member", "front", "chair", "petitioner")}
    grant(people["member"], b, Role.INSPECTION_BOARD)
    grant(people["front"], b, Role.COMMUNE_FRONT)
    grant(people["chair"], b, Role.COMMUNE_CHAIR)
    grant(people["petitioner"], cast["b"]["village1"], Role.HOUSEHOLD_REPRESENTATIVE)
    return {**cast, **people, "commune": b}


def _cases(cast):  # type: ignore[no-untyped-def]
    """Commune A: five recommendations due in the last 30 days, two answered in time; one due today and
    unanswered; commune B: one due 25 days ago, unanswered."""
    cases = {
        "early": _case(cast, received=40, answered=30),
        "on the day": _case(cast, received=40, answered=25, village=cast["a"]["village1"]),  # due 25 days ago
        "late": _case(cast, received=40, answered=24),
        "missing": _case(cast, received=40),
        "missing since yesterday": _case(cast, received=16),  # due yesterday
        "due today": _case(cast, received=15),
    }
    _case(_commune_b(cast), received=40)
    return cases


def test_five_recommendations_due_two_answered_within_15_days_give_2_of_5(cast):
    """Law Art 40: resolved and notified within 15 days of receipt; the 15th day is still in time."""
    cases = _cases(cast)
    found = {i.url: i for i in recommendations_answered(cast["commune"], days_ago(30), days_ago(0), days_ago(0))}
    by_case = {name: found.get(reverse("petitions:case", args=[p.pk])) for name, p in cases.items()}
    assert {name: (i.numerator, i.denominator) if i else None for name, i in by_case.items()} == {
        "early": (1, 1),
        "on the day": (1, 1),
        "late": (0, 1),
        "missing": (0, 1),
        "missing since yesterday": (0, 1),
        "due today": None,
    }
    assert len(found) == 5
    assert by_case["early"].day == days_ago(25)
    assert by_case["on the day"].unit_id == cast["a"]["village1"].pk
    assert by_case["early"].unit_id == cast["commune"].pk


def test_an_unanswered_recommendation_is_overdue_from_the_day_after_its_deadline(cast):
    cases = _cases(cast)
    with translation.override("en"):
        found = list(recommendations_answered(cast["commune"], days_ago(30), days_ago(0), days_ago(0)))
    overdue = sorted((i.deadline, i.responsible, i.title) for i in found if i.overdue)
    assert overdue == [
        (days_ago(25), "People's Committee of Xã A", f"Recommendation on petition no. {cases['missing'].pk}"),
        (days_ago(1), "People's Committee of Xã A", f"Recommendation on petition no. {cases['missing since yesterday'].pk}"),
    ]  # fmt: skip


def test_the_title_names_the_petition_number_not_its_subject(cast):
    _cases(cast)
    titles = [i.title for i in recommendations_answered(cast["commune"], days_ago(30), days_ago(0), days_ago(0))]
    assert not any("rác" in t or "Lấn chiếm" in t for t in titles)


def test_an_answer_is_counted_only_from_its_day(cast):
    """Looked at 28 days ago, the case answered 25 days ago (on its last day) was still open and not yet
    due: left out; the one answered 30 days ago already counted 1 / 1, before its due day."""
    cases = _cases(cast)
    found = {i.url: i for i in recommendations_answered(cast["commune"], days_ago(40), days_ago(0), days_ago(28))}
    assert reverse("petitions:case", args=[cases["on the day"].pk]) not in found
    assert found[reverse("petitions:case", args=[cases["early"].pk])].numerator == 1


def test_the_items_take_one_query(cast, django_assert_num_queries):
    _cases(cast)
    with django_assert_num_queries(1):
        found = list(recommendations_answered(cast["commune"], days_ago(30), days_ago(0), days_ago(0)))
    assert len(found) == 5


def test_the_indicator_cites_the_article_it_measures():
    (indicator,) = INDICATORS
    assert indicator.code == "recommendations_answered"
    assert [(c.article, c.clause) for c in parse_citations(indicator.citation)] == [(40, "")]
