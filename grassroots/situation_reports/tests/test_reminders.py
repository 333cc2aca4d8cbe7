"""Reminders: the writers of a unit that has not submitted are told 3 days before its deadline and on the day
after it, once; a unit that submitted is not reminded; the command runs them daily."""

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from grassroots.core.models import Notice
from grassroots.situation_reports import reminders, rules

from .conftest import open_round, submitted


def test_writers_are_reminded_before_the_deadline_and_the_day_after_it_once(cast):
    days = rules.REMINDER_DAYS_BEFORE
    round_ = open_round(cast, village_in=days, commune_in=days + 5)
    submitted(cast, round_, cast["a"]["village1"], cast["head_a1"])
    today = timezone.localdate()
    sent = reminders.remind(today)
    # Village 2 of A (its Front head) and A2's village (nobody writes there: none told).
    assert {(r.unit_code, r.kind) for r in sent} == {("AC-2", "before"), ("A2C-1", "before")}
    assert list(Notice.objects.values_list("user_id", flat=True)) == [cast["vfront_a2"].pk]
    assert reminders.remind(today)  # the same day again: nobody told twice
    assert Notice.objects.count() == 1
    after = reminders.remind(today + dt.timedelta(days=days + 1))
    assert {r.unit_code for r in after} == {"AC-2", "A2C-1"}
    assert Notice.objects.filter(user=cast["head_a1"]).count() == 0
    assert Notice.objects.filter(user=cast["vfront_a2"]).count() == 2


def test_the_daily_command_reminds(cast):
    open_round(cast, village_in=rules.REMINDER_DAYS_BEFORE, commune_in=10)
    out = io.StringIO()
    call_command("send_situation_report_reminders", "--dry-run", stdout=out)
    assert "unit AC-1: before" in out.getvalue() and not Notice.objects.exists()
    call_command("send_situation_report_reminders", stdout=io.StringIO())
    assert Notice.objects.filter(user=cast["head_a1"]).exists()
