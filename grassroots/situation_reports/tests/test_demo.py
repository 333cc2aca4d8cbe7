"""The demo province's round (seed_situation_reports_demo): groups 1 and 2 on time, group 3 late, group 4 a
draft, the ward's own report a draft; a second run with --if-empty keeps it; the audit chain holds."""

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from grassroots.core.audit import verify_chain
from grassroots.situation_reports import demo, overview
from grassroots.situation_reports.choices import Standing
from grassroots.situation_reports.models import ReportRound

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def seeded(db):  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 0, tzinfo=HANOI), tick=False):
        call_command("seed_demo", stdout=io.StringIO())
        call_command("seed_situation_reports_demo", stdout=io.StringIO())
        yield


def test_the_demo_round_has_groups_on_time_one_late_and_the_rest_missing(seeded):
    round_ = ReportRound.objects.get(unit__code=demo.PROVINCE)
    rows = {r.unit.code: r.standing for r in overview.flat(overview.all_rows(round_, timezone.localdate()))}
    assert rows[f"{demo.WARD}-01"] == rows[f"{demo.WARD}-02"] == Standing.ON_TIME
    assert rows[f"{demo.WARD}-03"] == Standing.SUBMITTED_LATE
    assert rows[f"{demo.WARD}-04"] == rows[f"{demo.WARD}-05"] == Standing.LATE
    assert rows[demo.WARD] == Standing.DUE
    call_command("seed_situation_reports_demo", "--if-empty", stdout=io.StringIO())
    assert ReportRound.objects.count() == 1
    assert verify_chain().ok
