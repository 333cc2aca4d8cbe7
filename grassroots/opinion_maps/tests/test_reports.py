"""Loading from the database and storing the report: the same votes give the same report twice, and
under a shuffled insertion order of participants and votes (other ids, same data)."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from grassroots.opinion_maps import actions, reports
from grassroots.opinion_maps.models import OpinionMap

from .conftest import bare_residents, planted_votes, store_votes

pytestmark = pytest.mark.django_db


def _map(cast) -> OpinionMap:  # type: ignore[no-untyped-def]
    return actions.create_map(
        actor=cast["official_a"], unit=cast["a"]["commune"], title="Bản đồ", question="Ưu tiên gì?",
        opens_on=timezone.localdate(), closes_on=timezone.localdate() + dt.timedelta(days=25),
    )  # fmt: skip


def _by_text(opinion_map: OpinionMap, data: dict) -> str:  # type: ignore[type-arg]
    """The report with statement ids replaced by their text, so two maps can be compared."""
    texts = dict(opinion_map.statements.values_list("pk", "text"))

    def walk(value):  # type: ignore[no-untyped-def]
        if isinstance(value, dict):
            return {k: (texts[v] if k == "statement" else walk(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return json.dumps(walk(data), sort_keys=True)


def test_the_same_votes_give_the_same_report_twice_and_shuffled(cast):
    rows = planted_votes(n=80, statements=12, groups=3)
    residents = bare_residents(80)
    first_map, second_map = _map(cast), _map(cast)
    store_votes(first_map, rows, residents)
    store_votes(second_map, rows, residents, order=list(reversed(range(80))))
    first = reports.compute(first_map)
    again = reports.compute(first_map)
    shuffled = reports.compute(second_map)
    assert first.data == again.data
    assert len(first.data["groups"]) == 3
    assert _by_text(first_map, first.data) == _by_text(second_map, shuffled.data)


def test_loading_reads_plain_rows_in_one_query_for_the_votes(cast, django_assert_max_num_queries):
    rows = planted_votes(n=30, statements=8, groups=3)
    m = _map(cast)
    store_votes(m, rows, bare_residents(30))
    with django_assert_max_num_queries(2):
        loaded, statements = reports.load(m)
    assert loaded.shape == rows.shape and sorted(loaded[:, 2].tolist()) == sorted(rows[:, 2].tolist())
    assert len(statements) == 8
