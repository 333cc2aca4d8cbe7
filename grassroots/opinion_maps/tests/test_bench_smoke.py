"""bench/opinion_map.py on a small map, so its code does not rot: the fill, the baseline and the report
find the latent groups; no timings are asserted."""

import pytest

from bench.opinion_map import LATENT_GROUPS, baseline, fill
from grassroots.opinion_maps import reports
from grassroots.opinion_maps.models import OpinionMap, Vote

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_benchmark_fill_baseline_and_report_run_on_a_small_map():
    map_id = fill(participants=400, statements=40, per_participant=25, seed=5)
    assert Vote.objects.filter(map_id=map_id).count() == 400 * 25
    _seconds, votes = baseline(map_id)
    assert votes == 400 * 25
    report = reports.compute(OpinionMap.objects.get(pk=map_id))
    assert report.data["votes"] == 400 * 25
    assert 2 <= len(report.data["groups"]) <= LATENT_GROUPS
