"""Reminders of the 15-day answer (Law Arts 44–45; D59 Art 18) go to the commune's chair, once a day."""

import datetime as dt

import pytest
from django.core.management import call_command

from grassroots.core.models import Notice
from grassroots.investment_supervision import actions
from grassroots.investment_supervision.reminders import remind

from .conftest import days_ago, supervising

pytestmark = pytest.mark.django_db


def _sent(cast, ago: int):  # type: ignore[no-untyped-def]
    board = supervising(cast)
    rec = actions.draft_recommendation(actor=cast["resident_member"], board=board, kind="fix", findings="Chậm",
                                       text="Đẩy nhanh tiến độ", drafted_on=days_ago(ago))  # fmt: skip
    return actions.send_recommendation(actor=cast["front"], recommendation=rec, sent_on=days_ago(ago))


def test_law_arts44_45_no_reminder_before_the_last_days_then_one_a_day_and_overdue_after_the_15th(cast):
    rec = _sent(cast, 11)
    assert remind(days_ago(0)) == []  # due in 4 days
    [soon] = remind(days_ago(0) + dt.timedelta(days=1))
    assert not soon.overdue and soon.told == 2  # the chair and the commune official
    [late] = remind(days_ago(0) + dt.timedelta(days=5))  # the 16th day
    assert late.overdue
    assert remind(days_ago(0) + dt.timedelta(days=5))[0].told == 0  # once a day
    assert Notice.objects.filter(user=cast["chair"]).count() == 2
    actions.answer_recommendation(actor=cast["chair"], recommendation=rec, answer="Đã xử lý", answered_on=days_ago(0))
    assert remind(days_ago(0) + dt.timedelta(days=6)) == []


def test_the_daily_command_reports_what_it_did(cast, capsys):
    _sent(cast, 20)
    call_command("send_investment_supervision_reminders")
    assert "1 overdue; 2 told" in capsys.readouterr().out
