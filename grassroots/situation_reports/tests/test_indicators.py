"""The indicator `situation_reports_on_time` on a small dataset counted by hand.

Round R1: villages due 10 days ago, commune due 2 days ago. Village 1 submitted on time (11 days ago),
village 2 submitted late (today), the commune missing: 1/1, 0/1 (late, not overdue), 0/1 (overdue).
Round R2: villages due in 3 days, commune in 8 days. Village 1 submitted (on time, before its deadline): 1/1;
village 2 and the commune missing with the deadline ahead: left out.
Span: the last 30 days to the next 30 days. Expected: 4 items, numerator 2, denominator 4, one overdue
(the commune's report of R1, responsible: the commune's officials / chair).
"""

import datetime as dt

import time_machine
from django.utils import timezone

from grassroots.situation_reports import actions
from grassroots.situation_reports.indicators import INDICATORS
from grassroots.situation_reports.models import SituationReport

from .conftest import FIELDS, open_round, submitted


def test_the_on_time_indicator_counts_the_reports_due_as_computed_by_hand(cast):
    now = timezone.now()
    today = timezone.localdate()
    a = cast["a"]
    with time_machine.travel(now - dt.timedelta(days=20), tick=False):
        r1 = open_round(cast, village_in=10, commune_in=18)  # due 10 and 2 days before today
    with time_machine.travel(now - dt.timedelta(days=11), tick=False):
        submitted(cast, r1, a["village1"], cast["head_a1"])
    submitted(cast, r1, a["village2"], cast["vfront_a2"])
    r2 = open_round(cast, village_in=3, commune_in=8)
    submitted(cast, r2, a["village1"], cast["head_a1"])
    actions.save_report(actor=cast["chair_a"], round_=r2, unit=a["commune"], **FIELDS)  # a draft only

    (indicator,) = INDICATORS
    assert indicator.code == "situation_reports_on_time" and indicator.citation == ""
    items = list(indicator.items(a["commune"], today - dt.timedelta(days=30), today + dt.timedelta(days=30), today))
    assert len(items) == 4
    assert sum(i.numerator for i in items) == 2 and sum(i.denominator for i in items) == 4
    overdue = [i for i in items if i.overdue]
    assert len(overdue) == 1 and overdue[0].unit_id == a["commune"].pk
    assert overdue[0].deadline == today - dt.timedelta(days=2) and a["commune"].name in overdue[0].responsible
    late = [i for i in items if i.unit_id == a["village2"].pk]
    assert [(i.numerator, i.overdue) for i in late] == [(0, False)]
    assert SituationReport.objects.filter(round=r2, status="draft").count() == 1


def test_a_span_that_holds_no_deadline_gives_no_items(cast):
    r = open_round(cast, village_in=3, commune_in=8)
    today = timezone.localdate()
    submitted(cast, r, cast["a"]["village1"], cast["head_a1"])
    (indicator,) = INDICATORS
    assert list(indicator.items(cast["a"]["commune"], today - dt.timedelta(days=60), today, today)) == []
    assert list(indicator.items(cast["b"]["commune"], today, today + dt.timedelta(days=60), today)) == []
