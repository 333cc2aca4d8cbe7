"""The demo ward's annual conferences (seed_annual_conferences_demo), built through the actions: last
year one group missing and one report overdue; this year (on 3 December) one planned with the Inspection
Board still to agree, two held two days ago."""

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from grassroots.accounts.models import User
from grassroots.annual_conferences import demo, overview
from grassroots.annual_conferences.access import console_villages
from grassroots.annual_conferences.choices import YearStatus
from grassroots.annual_conferences.models import Conference
from grassroots.core.audit import verify_chain

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def seeded(db):  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=HANOI), tick=False):
        call_command("seed_demo", stdout=io.StringIO())
        call_command("seed_decisions_demo", stdout=io.StringIO())  # the leaders of groups 2–7
        call_command("seed_annual_conferences_demo", stdout=io.StringIO())
        yield


def test_the_demo_has_one_group_missing_last_year_and_the_others_held(seeded):
    official = User.objects.get(username="official")
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=HANOI), tick=False):
        rows = {r.village.code: r for r in overview.villages_in_year(console_villages(official), 2025)}
        this_year = {r.village.code: r for r in overview.villages_in_year(console_villages(official), 2026)}
    missing = [code for code, r in rows.items() if r.status == YearStatus.MISSING]
    assert missing == [demo.MISSING_LAST_YEAR]
    assert rows[demo.REPORT_NOT_SENT].report_overdue
    assert this_year[demo.PLANNED].status == YearStatus.PLANNED
    planned = this_year[demo.PLANNED].conference
    assert planned is not None and sorted(planned.agreements.values_list("party", flat=True)) == ["commune", "front"]
    assert [this_year[c].status for c in demo.HELD_THIS_YEAR] == [YearStatus.HELD, YearStatus.HELD]
    assert this_year[f"{demo.WARD}-07"].status == YearStatus.UNSCHEDULED  # warned from 1 December
    assert verify_chain().ok


def test_the_demo_is_built_once(seeded):
    count = Conference.objects.count()
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=HANOI), tick=False):
        call_command("seed_annual_conferences_demo", "--if-empty", stdout=io.StringIO())
        with pytest.raises(CommandError):
            call_command("seed_annual_conferences_demo", stdout=io.StringIO())
    assert Conference.objects.count() == count
