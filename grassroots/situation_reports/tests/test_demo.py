"""The demo province's round (seed_situation_reports_demo): groups 1 and 2 on time, group 3 late, group 4 a
draft, the ward's own report a draft; at the ward scale and at the province scale (where the ward has its
official code); every submission through the action and audited; a second run with --if-empty keeps it; the
audit chain holds; a failure half-way leaves nothing."""

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from grassroots.core.audit import verify_chain
from grassroots.core.models import AuditEvent
from grassroots.people import demo as people_demo
from grassroots.situation_reports import actions, demo, overview
from grassroots.situation_reports.choices import Standing
from grassroots.situation_reports.models import ReportRound, SituationReport

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=HANOI)
# The province scale on its real communes, small enough for a test: the demo ward and one other commune.
SMALL_PROVINCE = people_demo.Scale(communes=2, villages_per_commune=5, households_per_village=2, real_communes=True)


def _seed(*args: str) -> None:
    with time_machine.travel(NOW, tick=False):
        call_command("seed_demo", *args, stdout=io.StringIO())
        call_command("seed_situation_reports_demo", stdout=io.StringIO())


def _check_round(ward: str) -> None:
    round_ = ReportRound.objects.get(unit__code=demo.PROVINCE)
    with time_machine.travel(NOW, tick=False):
        rows = {r.unit.code: r.standing for r in overview.flat(overview.all_rows(round_, timezone.localdate()))}
    assert rows[f"{ward}-01"] == rows[f"{ward}-02"] == Standing.ON_TIME
    assert rows[f"{ward}-03"] == Standing.SUBMITTED_LATE
    assert rows[f"{ward}-04"] == rows[f"{ward}-05"] == Standing.LATE
    assert rows[ward] == Standing.DUE
    # The submissions went through the action: three audit events, the two on time with their moment.
    events = AuditEvent.objects.filter(verb="situation_reports.report_submitted").order_by("pk")
    assert [e.data["late"] for e in events] == [False, False, True]
    early = SituationReport.objects.get(unit__code=f"{ward}-01").submitted_at
    assert events[0].data["submitted_at"] == early.isoformat() and "submitted_at" not in events[2].data
    assert verify_chain().ok


def test_the_demo_round_has_groups_on_time_one_late_and_the_rest_missing(db):
    _seed()
    assert demo.ward().code == people_demo.DEMO_WARD  # type: ignore[union-attr]
    _check_round(people_demo.DEMO_WARD)
    call_command("seed_situation_reports_demo", "--if-empty", stdout=io.StringIO())
    assert ReportRound.objects.count() == 1


def test_the_demo_round_at_the_province_scale_is_in_the_ward_under_its_official_code(db, monkeypatch):
    monkeypatch.setitem(people_demo.SCALES, "province", SMALL_PROVINCE)
    _seed("--scale", "province")
    assert demo.ward().code == people_demo.REAL_DEMO_WARD  # type: ignore[union-attr]
    _check_round(people_demo.REAL_DEMO_WARD)


def test_a_failure_half_way_leaves_no_round(db, monkeypatch):
    with time_machine.travel(NOW, tick=False):
        call_command("seed_demo", stdout=io.StringIO())

    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("the ward's report failed")

    monkeypatch.setattr(actions, "submit_report", broken)
    with time_machine.travel(NOW, tick=False), pytest.raises(RuntimeError):
        call_command("seed_situation_reports_demo", stdout=io.StringIO())
    assert not ReportRound.objects.exists() and not SituationReport.objects.exists()
    assert not AuditEvent.objects.filter(verb__startswith="situation_reports.").exists()
