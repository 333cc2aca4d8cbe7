"""Overdue and too-short items, and late answers, are flagged to the responsible officials (issue 12, item 3)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from grassroots.core.models import Notice
from grassroots.disclosure import actions
from grassroots.disclosure.choices import Channel
from grassroots.disclosure.reminders import remind

from .factories import make_item

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_officials_of_the_commune_are_reminded_once_a_day(world):
    official = world["official_a"]
    item = make_item(official, world["a"]["commune"], category=12, decided_on=D(2026, 3, 2), published_on=D(2026, 3, 3))
    actions.log_posting(item, actor=official, channel=Channel.COMMUNE_SEAT, started_on=D(2026, 3, 3),
                        ended_on=D(2026, 3, 20))  # fmt: skip
    sent = remind(D(2026, 5, 1))
    assert [(r.commune, r.flagged) for r in sent] == [(world["a"]["commune"], 1)]
    notice = Notice.objects.get(user=official)
    assert notice.url == "/disclosure/manage/"
    assert not Notice.objects.filter(user=world["official_b"]).exists()
    assert not Notice.objects.filter(user=world["head_a1"]).exists()
    remind(D(2026, 5, 1))
    assert Notice.objects.filter(user=official).count() == 1  # once a day


def test_a_posting_planned_to_end_too_early_is_a_reminder(world):
    official = world["official_a"]
    item = make_item(official, world["a"]["commune"], category=14, decided_on=D(2026, 3, 2), published_on=D(2026, 3, 3))
    actions.log_posting(item, actor=official, channel=Channel.COMMUNE_SEAT, started_on=D(2026, 3, 3),
                        ended_on=D(2026, 3, 10))  # fmt: skip
    # Item 14 needs only the portal: a short board posting is not a breach.
    assert remind(D(2026, 3, 5), dry_run=True) == []
    budget = make_item(
        official, world["a"]["commune"], category=2, decided_on=D(2026, 3, 2), published_on=D(2026, 3, 3)
    )
    for channel in (Channel.COMMUNE_SEAT, Channel.VILLAGE_POINTS):
        actions.log_posting(budget, actor=official, channel=channel, started_on=D(2026, 3, 3), ended_on=D(2026, 3, 20))
    [reminder] = remind(D(2026, 3, 5), dry_run=True)
    assert (reminder.flagged, reminder.ending_early, reminder.told) == (0, 1, 0)


def test_the_command_runs_dry(world):
    make_item(world["official_a"], world["a"]["commune"], publish=False, decided_on=D(2020, 1, 6))
    out = io.StringIO()
    call_command("send_disclosure_reminders", "--dry-run", stdout=out)
    assert "AC: 1 flagged" in out.getvalue()
    assert not Notice.objects.exists()
