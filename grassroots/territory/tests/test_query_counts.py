"""The public unit page (issue 9: its units below, current and former, and the link to its decisions)
reads its rows in a fixed number of queries: the same count with 2 units below as with 12."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grassroots.people.tests.factories import make_household
from grassroots.territory.models import Unit, UnitKind
from grassroots.territory.tests.factories import UnitFactory, make_tree

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 12


def _queries(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _villages(commune: Unit, n: int) -> None:
    """n villages below the commune, each with a household, and as many former villages merged into them."""
    for _ in range(n):
        village = UnitFactory(kind=UnitKind.VILLAGE, parent=commune)
        make_household(village, members=1)
        former = UnitFactory(kind=UnitKind.VILLAGE, parent=commune, valid_to=dt.date(2025, 7, 1))
        former.successors.add(village)


def test_the_unit_page_reads_its_units_below_current_and_former_in_fixed_queries():
    commune = make_tree("A", villages=0)["commune"]
    url = reverse("territory:unit-detail", args=[commune.code])
    _villages(commune, SMALL)
    small = _queries(Client(), url)
    _villages(commune, LARGE - SMALL)
    large = _queries(Client(), url)
    assert large == small, f"{small} queries with {SMALL} villages, {large} with {LARGE}"
