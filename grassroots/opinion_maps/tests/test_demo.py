"""The demo: one map in the demo ward with a few hundred residents' votes and a published report."""

import io

import pytest
from django.core.management import call_command

from grassroots.opinion_maps.models import OpinionMap

pytestmark = pytest.mark.django_db


def test_the_demo_map_has_votes_groups_and_a_published_report():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_opinion_maps_demo", stdout=io.StringIO())
    opinion_map = OpinionMap.objects.get()
    data = opinion_map.reports.first().data
    assert opinion_map.is_published and opinion_map.status == "closed"
    assert data["participants"] >= 200 and len(data["groups"]) >= 2
    assert data["consensus"]
    call_command("seed_opinion_maps_demo", "--if-empty", stdout=io.StringIO())
    assert OpinionMap.objects.count() == 1
