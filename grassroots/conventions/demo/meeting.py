"""The adoption meeting of a convention, run through community decisions' actions (D61 Art 10; D59 Art 3):
the agreements, the notice 3 days ahead with the draft delivered, attendance, the secretary, the show of
hands, the count and the close. Used by the demo, the tests and the browser journey, which stand in for the
village head working through the decisions console."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.decisions import actions as decisions_actions
from grassroots.decisions.models import Form, Matter, Meeting
from grassroots.people.models import Household

from ..models import Version


def hold_adoption_meeting(version: Version, *, head: User, front: User, present: int, agree: int) -> Matter:
    """The item-3 matter of `version` decided at a meeting three hours ago, with `present` households
    attending and `agree` of them agreeing (the rest disagree); closed and counted by decisions."""
    matter = version.matter
    if matter is None:
        raise ValueError("The version was not put to the vote.")
    decisions_actions.record_agreement(matter, actor=head, who="head")
    decisions_actions.record_agreement(matter, actor=front, who="front")
    decisions_actions.open_matter(matter, actor=head, form=Form.MEETING)
    starts_at = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(hours=3)
    sent = timezone.localtime(starts_at).date() - dt.timedelta(days=3)
    meeting = decisions_actions.schedule_meeting(matter, actor=head, starts_at=starts_at,
                                                 place=f"Nhà văn hóa {matter.unit.name}", notice_sent_on=sent,
                                                 documents_delivered_on=sent)  # fmt: skip
    meeting.matter = matter
    households = Household.objects.filter(locations__unit=matter.unit, locations__valid_to__isnull=True).order_by(
        "code"
    )
    for household in households[:present]:
        decisions_actions.record_attendance(meeting, actor=head, household=household)
    decisions_actions.elect_secretary(meeting, actor=head, name="Nguyễn Thị Thư Ký", yes=present)
    decisions_actions.choose_method(meeting, actor=head, method=Meeting.Method.HANDS, yes=present)
    decisions_actions.record_meeting_count(meeting, actor=head, method=Meeting.Method.HANDS, agree=agree,
                                           disagree=present - agree, other=0)  # fmt: skip
    decisions_actions.close_matter(matter, actor=head)
    matter.refresh_from_db()
    return matter
