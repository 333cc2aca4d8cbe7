"""The consultation indicator (core.indicators): consultations whose window closed in a period, answered
with the synthesis and the explanation published (Law Art 28), counted by hand."""

import pytest
from django.urls import reverse

from grassroots.consultations import actions
from grassroots.consultations.indicators import INDICATORS, syntheses_published
from grassroots.library.citations import parse_citations

from .conftest import days_ago, published

pytestmark = pytest.mark.django_db


def _synthesis(cast, c):  # type: ignore[no-untyped-def]
    return actions.publish_synthesis(actor=cast["official_a"], consultation=c, summary="Không có ý kiến khác.")


def _consultations(cast):  # type: ignore[no-untyped-def]
    """Commune A: three windows closed in the last 30 days, two of them answered; one still open, one
    closing today; commune B: one closed and unanswered."""
    answered = _synthesis(cast, published(cast, ago=40, title="Quy hoạch sử dụng đất"))  # closed 20 days ago
    in_village = _synthesis(cast, published(cast, ago=30, title="Sáp nhập tổ dân phố", village=cast["a"]["village2"]))
    published(cast, ago=21, title="Dự thảo quy chế dân chủ")  # closed yesterday, no synthesis yet
    published(cast, ago=10, title="Kế hoạch kinh tế - xã hội")  # open 10 more days
    published(cast, ago=20, title="Phí chợ")  # today is its last day for opinions
    b = cast["b"]["commune"]
    other = actions.create_consultation(actor=cast["official_b"], commune=b, kind="land_use", title="Xã B",
                                        summary="Dự thảo", channels=["web"], timeline="Tháng 12", responsible="UBND")  # fmt: skip
    for who in ("council", "front"):
        actions.record_plan_sent(actor=cast["official_b"], consultation=other, recipient=who, sent_on=days_ago(41))
    actions.publish(actor=cast["official_b"], consultation=other, published_on=days_ago(40))
    return {"answered": answered, "in_village": in_village}


def test_three_consultations_closed_two_answered_give_2_of_3(cast):
    """Law Art 28: the synthesis and the explanation are published once the window is over."""
    made = _consultations(cast)
    found = {i.title: i for i in syntheses_published(cast["a"]["commune"], days_ago(30), days_ago(0), days_ago(0))}
    assert {t: (i.numerator, i.denominator) for t, i in found.items()} == {
        "Quy hoạch sử dụng đất": (1, 1),
        "Sáp nhập tổ dân phố": (1, 1),
        "Dự thảo quy chế dân chủ": (0, 1),
    }
    assert found["Quy hoạch sử dụng đất"].day == days_ago(20)
    assert found["Dự thảo quy chế dân chủ"].day == days_ago(1)
    assert found["Quy hoạch sử dụng đất"].unit_id == cast["a"]["commune"].pk
    assert found["Sáp nhập tổ dân phố"].unit_id == cast["a"]["village2"].pk
    assert found["Sáp nhập tổ dân phố"].url == reverse("consultations:public", args=[made["in_village"].pk])


def test_no_consultation_is_overdue_as_the_law_sets_no_days_for_the_synthesis(cast):
    _consultations(cast)
    found = list(syntheses_published(cast["a"]["commune"], days_ago(30), days_ago(0), days_ago(0)))
    assert [(i.overdue, i.deadline) for i in found] == [(False, None)] * 3


def test_a_consultation_counts_from_the_day_after_its_last_day_for_opinions(cast):
    """On its last day residents may still give opinions: left out; the next day it counts 0 / 1."""
    _consultations(cast)
    commune = cast["a"]["commune"]
    tomorrow = days_ago(-1)
    today_titles = [i.title for i in syntheses_published(commune, days_ago(30), tomorrow, days_ago(0))]
    assert "Phí chợ" not in today_titles
    later = {i.title: i.numerator for i in syntheses_published(commune, days_ago(30), tomorrow, tomorrow)}
    assert later["Phí chợ"] == 0


def test_a_synthesis_published_after_the_day_of_the_figure_does_not_count_then(cast):
    made = _consultations(cast)
    before = {i.title: i.numerator for i in syntheses_published(cast["a"]["commune"], days_ago(30), days_ago(19),
                                                                 days_ago(19))}  # fmt: skip
    assert before == {"Quy hoạch sử dụng đất": 0}
    assert made["answered"].synthesis_published_at is not None


def test_the_items_take_one_query(cast, django_assert_num_queries):
    _consultations(cast)
    with django_assert_num_queries(1):
        found = list(syntheses_published(cast["a"]["commune"], days_ago(30), days_ago(0), days_ago(0)))
    assert len(found) == 3


def test_the_indicator_cites_the_article_it_measures():
    (indicator,) = INDICATORS
    assert indicator.code == "consultations_synthesis"
    assert [(c.article, c.clause) for c in parse_citations(indicator.citation)] == [(28, "")]
