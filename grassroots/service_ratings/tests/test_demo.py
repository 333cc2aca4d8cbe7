"""The demo ward's ratings (seed_service_ratings_demo): a quarter of ratings, officials above and below
the floor, comments moderated; the audit chain holds."""

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from grassroots.core.audit import verify_chain
from grassroots.service_ratings import demo, overview
from grassroots.service_ratings.models import Rating
from grassroots.territory.models import Unit

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def seeded(db):  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=HANOI), tick=False):
        call_command("seed_demo", stdout=io.StringIO())
        call_command("seed_service_ratings_demo", stdout=io.StringIO())
        yield


def test_the_demo_holds_a_quarter_of_ratings_with_one_official_shown_and_one_withheld(seeded):
    ward = Unit.objects.get(code=demo.WARD)
    assert Rating.objects.filter(commune=ward, year=2026, quarter=4).count() >= 60
    rows = {r.name: r for r in overview.by_official(ward, overview.Period(2026, 4))}
    assert [r.shown for r in rows.values()].count(True) == 1
    assert any(not r.shown for r in rows.values())
    assert overview.published_comments(ward, overview.Period(2026, 4)).exists()
    assert Rating.objects.filter(commune=ward, comment_status="hidden").count() == 1
    assert verify_chain().ok


def test_the_demo_is_built_once(seeded):
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=HANOI), tick=False):
        call_command("seed_service_ratings_demo", "--if-empty", stdout=io.StringIO())
        with pytest.raises(CommandError):
            call_command("seed_service_ratings_demo", stdout=io.StringIO())
