"""The report's mathematics on planted data: the groups are found, the consensus is what every group
agrees with, small groups are never shown apart, and the same data gives the same report."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from grassroots.opinion_maps import rules
from grassroots.opinion_maps.analysis import build_report

from .conftest import planted_votes


def _members(rows: np.ndarray, report: dict) -> None:  # type: ignore[type-arg]
    assert sum(g["size"] for g in report["groups"]) == report["placed"]


def test_three_planted_groups_with_opposite_views_are_found():
    rows = planted_votes(n=90, statements=12, groups=3)
    report = build_report(rows, list(range(1, 13)))
    assert [g["size"] for g in report["groups"]] == [30, 30, 30]
    _members(rows, report)


def test_the_consensus_statements_are_the_ones_every_group_agrees_with():
    rows = planted_votes(n=90, statements=12, groups=3)
    report = build_report(rows, list(range(1, 13)))
    assert {c["statement"] for c in report["consensus"]} == {1, 2, 3}


def test_each_group_holds_its_own_statements():
    rows = planted_votes(n=90, statements=12, groups=3)
    report = build_report(rows, list(range(1, 13)))
    held = [{r["statement"] for r in g["representative"] if r["direction"] == "agree"} for g in report["groups"]]
    owned = [{j + 1 for j in range(3, 12) if j % 3 == g} for g in range(3)]
    # Each group's agreed representative statements are the statements planted for one group.
    assert sorted(map(sorted, held)) == sorted(map(sorted, owned))


def test_the_same_data_gives_the_same_report_twice_and_in_any_row_order():
    rows = planted_votes(n=120, statements=15, groups=3)
    first = build_report(rows, list(range(1, 16)))
    assert build_report(rows, list(range(1, 16))) == first
    shuffled = rows[np.random.RandomState(1).permutation(len(rows))]
    # Participants renumbered too: the ids play no part.
    renumber = np.random.RandomState(2).permutation(120) + 500
    shuffled[:, 0] = renumber[shuffled[:, 0] - 1]
    assert build_report(shuffled, list(range(15, 0, -1))) == first


def test_with_20_participants_no_group_has_fewer_than_5_people():
    rows = planted_votes(n=20, statements=10, groups=4)
    report = build_report(rows, list(range(1, 11)))
    assert report["groups"] and all(g["size"] >= rules.MIN_GROUP_SIZE for g in report["groups"])


def test_with_9_participants_no_group_is_shown():
    rows = planted_votes(n=9, statements=10, groups=3)
    report = build_report(rows, list(range(1, 11)))
    assert report["groups"] == [] and report["grid"]["cells"] == []
    assert report["participants"] == 9


def test_hidden_statements_are_left_out():
    rows = planted_votes(n=60, statements=12, groups=3)
    report = build_report(rows, [s for s in range(1, 13) if s != 1])
    assert 1 not in {r["statement"] for r in report["per_statement"]}
    assert 1 not in {c["statement"] for c in report["consensus"]}


def test_a_report_without_votes_is_empty():
    report = build_report(np.zeros((0, 3), dtype=np.int64), [1, 2])
    assert report["participants"] == 0 and report["groups"] == []


@settings(max_examples=25, deadline=None)
@given(n=st.integers(min_value=0, max_value=40), statements=st.integers(min_value=1, max_value=8),
       seed=st.integers(min_value=0, max_value=10_000))  # fmt: skip
def test_any_votes_give_groups_of_at_least_5_and_counts_that_add_up(n, statements, seed):  # type: ignore[no-untyped-def]
    rng = np.random.RandomState(seed)
    rows = np.array(
        [(p, s, rng.choice([-1, 0, 1])) for p in range(1, n + 1) for s in range(1, statements + 1) if rng.rand() < 0.7],
        dtype=np.int64,
    ).reshape(-1, 3)
    report = build_report(rows, list(range(1, statements + 1)))
    assert all(g["size"] >= rules.MIN_GROUP_SIZE for g in report["groups"])
    assert len(report["groups"]) != 1
    assert sum(r["agree"] + r["disagree"] + r["pass"] for r in report["per_statement"]) == len(rows)
