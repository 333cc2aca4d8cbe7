"""Ranking the units below: best first in the indicator's direction, "no data yet" after every unit that has
a figure, and a rank only for those that have one."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from grassroots.core.indicators import Indicator
from grassroots.reporting import dashboard
from grassroots.reporting.figures import Tally
from grassroots.territory.models import Unit

tallies = st.one_of(
    st.none(),
    st.builds(lambda d, n: Tally(min(n, d), d, d), st.integers(0, 50), st.integers(0, 50)),
)


@given(st.lists(tallies, max_size=12), st.booleans())
def test_units_with_a_figure_come_first_in_order_and_no_data_last(values, higher_is_better):
    indicator = Indicator("x", "X", "", "Law Art 11", "n", "d", lambda *a: [], higher_is_better=higher_is_better)
    rows = [
        dashboard.ChildRow(Unit(code=f"U{i}", name=f"Unit {i:02d}"), {} if t is None else {"x": t})
        for i, t in enumerate(values)
    ]
    ranked = dashboard.rank(rows, indicator)
    ratios: list[Fraction | None] = [r.ranked_tally.ratio if r.ranked_tally else None for r in ranked]
    known = [r for r in ratios if r is not None]
    assert ratios[: len(known)] == known  # every unit with a figure before any without
    assert known == sorted(known, reverse=higher_is_better)
    assert [r.rank for r in ranked] == [*range(1, len(known) + 1), *[None] * (len(ranked) - len(known))]
