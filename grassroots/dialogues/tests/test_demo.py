"""The demo ward's dialogues (seed_dialogues_demo): this year's held with every answer published and its
minutes closed, next year's scheduled; the audit chain holds."""

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from grassroots.core.audit import verify_chain
from grassroots.dialogues import demo, overview
from grassroots.dialogues.choices import YearStatus
from grassroots.dialogues.models import Dialogue
from grassroots.territory.models import Unit

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def seeded(db):  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=HANOI), tick=False):
        call_command("seed_demo", stdout=io.StringIO())
        call_command("seed_service_ratings_demo", stdout=io.StringIO())
        call_command("seed_dialogues_demo", stdout=io.StringIO())
        yield


def test_the_demo_holds_this_years_dialogue_and_schedules_next_years(seeded):
    ward = Unit.objects.get(code=demo.WARD)
    held, upcoming = Dialogue.objects.filter(commune=ward).order_by("planned_on")
    assert held.is_closed and held.questions.count() == 6
    assert set(held.questions.values_list("status", flat=True)) == {"published"}
    assert set(held.questions.values_list("channel", flat=True)) == {
        "online",
        "paper",
        "phone",
        "village",
        "conference",
    }
    assert upcoming.planned_on == dt.date(2027, 11, 20) and upcoming.front_agreed_on is not None
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=HANOI), tick=False):
        assert overview.communes_in_year([ward], 2026)[0].status == YearStatus.HELD
    assert verify_chain().ok


def test_the_demo_is_built_once(seeded):
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=HANOI), tick=False):
        call_command("seed_dialogues_demo", "--if-empty", stdout=io.StringIO())
        with pytest.raises(CommandError):
            call_command("seed_dialogues_demo", stdout=io.StringIO())
