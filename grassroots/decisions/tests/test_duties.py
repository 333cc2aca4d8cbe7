"""Separated duties and steps that stay done (issue 8): each role records its own step, a matter is
tabled only in a way its proposer may use, the preparation is frozen once open (corrections are new
entries), slips are not counted early without the village head's reason, the filing deadline runs
from the meeting or the end of the period, a meeting short of households decides nothing, and the
commune counts the villages and households of the day."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.decisions import actions, rules
from grassroots.decisions.calendar import SWAPPED_WORKING_DAYS, work_calendar
from grassroots.decisions.models import Form, Matter, NonWorkingDay, StepCorrection, TabledVia, TeamMember
from grassroots.decisions.tests.conftest import BALLOT_TEAM, ONLINE_TEAM, WITNESSES, ballot_teams, end_voting
from grassroots.people.models import Household
from grassroots.people.tests.factories import make_household

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _new(village, item=6, **kw):  # type: ignore[no-untyped-def]
    return actions.create_matter(actor=kw.pop("actor", village["head"]), unit=kw.pop("unit", village["a1"]),
                                 item=item, title="T", question="Q",
                                 tabled_via=kw.pop("tabled_via", TabledVia.VILLAGE_HEAD))  # fmt: skip


def _agreed(village, item=6):  # type: ignore[no-untyped-def]
    matter = _new(village, item=item)
    actions.record_agreement(matter, actor=village["head"], who="head")
    actions.record_agreement(matter, actor=village["front"], who="front")
    return matter


def _households(village):  # type: ignore[no-untyped-def]
    return list(Household.objects.filter(unit=village["a1"]).order_by("code"))


# --- Each role records its own agreement (Law Art 16(2)) ----------------------------------------
def test_the_village_head_cannot_record_the_front_work_committee_heads_agreement(village):
    matter = _new(village)
    with pytest.raises(DomainError, match="Front work committee"):
        actions.record_agreement(matter, actor=village["head"], who="front")
    with pytest.raises(DomainError, match="village head"):
        actions.record_agreement(matter, actor=village["front"], who="head")
    matter.refresh_from_db()
    assert matter.head_agreed_at is None and matter.front_agreed_at is None
    actions.record_agreement(matter, actor=village["front"], who="front")
    actions.record_agreement(matter, actor=village["head"], who="head")
    matter.refresh_from_db()
    assert matter.head_agreed_at and matter.front_agreed_at


def test_the_commune_front_records_the_agreement_only_where_the_village_has_no_front_work_committee_head(village):
    matter = _new(village)
    # A1 has a Front work committee head: the commune Front does not stand in for it.
    with pytest.raises(DomainError):
        actions.record_agreement(matter, actor=village["commune_front"], who="front")
    # A2 has none: the commune Front records the agreement there.
    head_a2 = UserFactory(username="head_a2")
    grant(head_a2, village["a"]["village2"], Role.VILLAGE_HEAD)
    make_household(village["a"]["village2"])
    other = _new(village, actor=head_a2, unit=village["a"]["village2"])
    actions.record_agreement(other, actor=village["commune_front"], who="front")
    other.refresh_from_db()
    assert other.front_agreed_at is not None


def test_an_agreement_is_recorded_once_and_never_after_the_matter_opened(village):
    matter = _agreed(village)
    with pytest.raises(DomainError, match="already recorded"):
        actions.record_agreement(matter, actor=village["head"], who="head")
    actions.open_matter(matter, actor=village["head"], form=Form.MEETING)
    with pytest.raises(DomainError, match="already open"):
        actions.record_notification(matter, actor=village["head"], body="committee")


# --- Tabling in a way the proposer may use (Law Art 16) -----------------------------------------
def test_a_village_head_cannot_table_a_village_matter_as_the_commune_chair_and_skip_the_agreements(village):
    with pytest.raises(DomainError) as refused:
        _new(village, tabled_via=TabledVia.COMMUNE_CHAIR)
    assert refused.value.field == "tabled_via"
    assert not Matter.objects.exists()


def test_only_the_village_head_tables_as_the_village_head_and_either_records_an_initiative(village):
    with pytest.raises(DomainError) as refused:
        _new(village, actor=village["front"])
    assert refused.value.field == "tabled_via"
    assert _new(village, actor=village["front"], tabled_via=TabledVia.INITIATIVE).pk


def test_a_commune_official_cannot_table_as_the_commune_chair(village):
    with pytest.raises(DomainError):
        _new(village, item=1, actor=village["official_a"], unit=village["a"]["commune"],
             tabled_via=TabledVia.COMMUNE_CHAIR)  # fmt: skip
    assert _new(village, item=1, actor=village["chair"], unit=village["a"]["commune"],
                tabled_via=TabledVia.COMMUNE_CHAIR).pk  # fmt: skip


# --- Frozen once open; corrections are new entries that keep the old value ----------------------
def test_the_optin_count_cannot_exceed_the_households_of_the_village(village):
    matter = _new(village)
    with pytest.raises(DomainError) as refused:
        actions.record_optin_poll(matter, actor=village["head"], yes=11)
    assert refused.value.field == "yes"
    actions.record_optin_poll(matter, actor=village["head"], yes=10)


def test_once_open_the_optin_poll_changes_only_by_a_correction_with_its_reason_that_keeps_the_old_value(
    online_matter, village
):
    with pytest.raises(DomainError) as refused:
        actions.record_optin_poll(online_matter, actor=village["head"], yes=7)
    assert refused.value.field == "reason"
    online_matter.refresh_from_db()
    assert online_matter.optin_yes == 6
    actions.record_optin_poll(online_matter, actor=village["head"], yes=7, reason="Sổ kiểm phiếu ghi nhầm.")
    correction = StepCorrection.objects.get(matter=online_matter)
    assert (correction.step, correction.old_value, correction.new_value) == ("optin", 6, 7)
    assert correction.reason == "Sổ kiểm phiếu ghi nhầm." and correction.corrected_by == village["head"]
    assert AuditEvent.objects.filter(verb="decisions.step_corrected").count() == 1


def test_once_open_a_team_already_recorded_is_replaced_only_by_a_correction_that_keeps_the_old_members(
    online_matter, village
):
    new_team = [("Ngô Thị Công Tác", "Ban công tác Mặt trận", True), *ONLINE_TEAM[1:2], ("Vũ Văn Mới", "IT", False)]
    with pytest.raises(DomainError) as refused:
        actions.set_team(online_matter, actor=village["head"], team="online_team", members=new_team)
    assert refused.value.field == "reason"
    assert list(online_matter.team.filter(team="online_team").values_list("name", flat=True)) == [
        n for n, _r, _l in ONLINE_TEAM
    ]
    actions.set_team(online_matter, actor=village["head"], team="online_team", members=new_team,
                     reason="Ông Lê Văn Hộ ốm, thay người.")  # fmt: skip
    correction = StepCorrection.objects.get(matter=online_matter)
    assert [m[0] for m in correction.old_value] == [n for n, _r, _l in ONLINE_TEAM]
    assert [m[0] for m in correction.new_value] == [n for n, _r, _l in new_team]


def test_a_team_set_for_the_first_time_after_opening_needs_no_reason_but_not_after_the_count(village):
    matter = _agreed(village)
    actions.open_matter(matter, actor=village["head"], form=Form.BALLOT)
    actions.set_team(matter, actor=village["head"], team="ballot_team", members=BALLOT_TEAM)
    actions.set_team(matter, actor=village["head"], team="witness", members=WITNESSES)
    assert not StepCorrection.objects.exists()
    actions.close_matter(matter, actor=village["head"], reason="Các hộ còn lại vắng nhà.")
    with pytest.raises(DomainError):
        actions.set_team(matter, actor=village["head"], team="witness", members=WITNESSES, reason="x")


# --- No early slip count without the village head's reason (D59 Art 4(4)) -----------------------
def _ballot_matter(village, *, returned):  # type: ignore[no-untyped-def]
    matter = _agreed(village)
    actions.open_matter(matter, actor=village["head"], form=Form.BALLOT,
                        closes_at=timezone.now() + dt.timedelta(days=3))  # fmt: skip
    ballot_teams(matter, village["head"])
    actions.mark_all_delivered(matter, actor=village["head"])
    for household in _households(village)[:returned]:
        actions.record_slip(matter, actor=village["head"], household_code=household.code, choice="agree")
    return matter


def test_slips_are_not_counted_before_the_announced_end_while_some_are_out(village):
    matter = _ballot_matter(village, returned=6)
    with pytest.raises(DomainError) as refused:
        actions.close_matter(matter, actor=village["head"])
    assert refused.value.field == "reason"
    # The Front work committee head runs the matter too, but the early count is the village head's call.
    with pytest.raises(DomainError, match="only the village head"):
        actions.close_matter(matter, actor=village["front"], reason="Mưa bão")
    matter.refresh_from_db()
    assert matter.closed_at is None
    actions.close_matter(matter, actor=village["head"], reason="Bão số 3 sắp vào, phải kiểm phiếu sớm.")
    matter.refresh_from_db()
    assert matter.status == "closed" and matter.early_count_reason.startswith("Bão số 3")
    event = AuditEvent.objects.get(verb="decisions.matter_closed")
    assert event.data["early_count_reason"].startswith("Bão số 3")


def test_slips_all_returned_may_be_counted_before_the_announced_end(village):
    matter = _ballot_matter(village, returned=10)
    actions.close_matter(matter, actor=village["front"])
    matter.refresh_from_db()
    assert matter.status == "closed" and matter.early_count_reason == ""


def test_the_early_count_warning_page_states_the_consequence_and_posts_the_reason(village, sign_in):
    matter = _ballot_matter(village, returned=6)
    head = sign_in(Client(), village["head"])
    url = reverse("decisions:console-close", args=[matter.pk])
    page = head.get(url)
    assert page.status_code == 200 and page.context["early"] and page.context["outstanding"] == 4
    assert b"Warning" in page.content and b'name="close-reason"' in page.content
    assert head.post(url, {"confirm": "yes"}).status_code == 422
    matter.refresh_from_db()
    assert matter.closed_at is None
    assert head.post(url, {"close-reason": "Bão số 3 sắp vào.", "confirm": "yes"}).status_code == 302
    matter.refresh_from_db()
    assert matter.early_count_reason == "Bão số 3 sắp vào."
    # The Front head is warned but gets no button to count early.
    front_page = sign_in(Client(), village["front"]).get(reverse("decisions:console-close", args=[_ballot_matter(
        village, returned=0).pk]))  # fmt: skip
    assert front_page.context["early"] and b'name="close-reason"' not in front_page.content


# --- The filing deadline runs from the meeting or the end of the period (Law Art 20(3)) ---------
def test_rules_filing_starts_on_the_meeting_day_or_the_end_of_the_period():
    day = dt.date(2026, 3, 2)
    later = dt.date(2026, 3, 20)
    assert rules.filing_starts_on(meeting_on=day, period_ends_on=None, counted_on=later) == day
    assert rules.filing_starts_on(meeting_on=None, period_ends_on=day, counted_on=later) == day
    # Counted before the announced end: the period ended with the count.
    assert rules.filing_starts_on(meeting_on=None, period_ends_on=later, counted_on=day) == day
    assert rules.filing_starts_on(meeting_on=None, period_ends_on=None, counted_on=day) == day


def test_the_filing_deadline_counts_from_the_meeting_day_not_from_the_day_it_was_closed(village):
    matter = _agreed(village, item=6)
    actions.open_matter(matter, actor=village["head"], form=Form.MEETING)
    starts = timezone.now() - dt.timedelta(days=12)
    meeting_day = timezone.localdate(starts)
    meeting = actions.schedule_meeting(matter, actor=village["head"], starts_at=starts, place="Nhà văn hóa",
                                       notice_sent_on=meeting_day - dt.timedelta(days=3))  # fmt: skip
    for household in _households(village)[:8]:
        actions.record_attendance(meeting, actor=village["head"], household=household)
    actions.record_meeting_result(meeting, actor=village["head"], agree=7, disagree=1, other=0)
    matter = actions.close_matter(matter, actor=village["head"])
    assert matter.filing_due_on == rules.filing_due_on(meeting_day, work_calendar(meeting_day))
    assert matter.filing_due_on < timezone.localdate()


def test_the_filing_deadline_of_a_vote_counts_from_its_announced_end(online_matter, village):
    end_voting(online_matter)
    ended = timezone.now() - dt.timedelta(days=10)
    Matter.objects.filter(pk=online_matter.pk).update(closes_at=ended)
    online_matter.refresh_from_db()
    matter = actions.close_matter(online_matter, actor=village["head"])
    end_day = timezone.localdate(ended)
    assert matter.filing_due_on == rules.filing_due_on(end_day, work_calendar(end_day))


def test_a_ballot_matter_counted_early_gets_its_deadline_from_the_count(village):
    matter = _ballot_matter(village, returned=6)
    matter = actions.close_matter(matter, actor=village["head"], reason="Bão")
    today = timezone.localdate()
    assert matter.filing_due_on == rules.filing_due_on(today, work_calendar(today))


# --- A meeting short of households decides nothing (Art 19(1)(b); D61 Art 10) -------------------
def test_a_meeting_short_of_households_records_no_count_and_cannot_be_closed(village):
    matter = _agreed(village, item=1)
    actions.open_matter(matter, actor=village["head"], form=Form.MEETING)
    meeting = actions.schedule_meeting(matter, actor=village["head"], starts_at=timezone.now() + dt.timedelta(days=3),
                                       place="x", notice_sent_on=timezone.localdate(),
                                       documents_delivered_on=timezone.localdate())  # fmt: skip
    for household in _households(village)[:6]:  # items 1–2 need 2/3 of H present: 6 of 10 is short
        actions.record_attendance(meeting, actor=village["head"], household=household)
    with pytest.raises(DomainError, match=r"switch to household ballots"):
        actions.record_meeting_result(meeting, actor=village["head"], agree=6, disagree=0, other=0)
    with pytest.raises(DomainError, match=r"Art 19\(1\)\(b\)"):
        actions.close_matter(matter, actor=village["head"])
    matter.refresh_from_db()
    assert matter.closed_at is None and not matter.ballots.exists()


def test_a_convention_meeting_without_its_quorum_records_no_count(village):
    matter = _agreed(village, item=3)
    actions.open_matter(matter, actor=village["head"], form=Form.MEETING)
    meeting = actions.schedule_meeting(matter, actor=village["head"], starts_at=timezone.now() + dt.timedelta(days=3),
                                       place="x", notice_sent_on=timezone.localdate(),
                                       documents_delivered_on=timezone.localdate())  # fmt: skip
    for household in _households(village)[:5]:
        actions.record_attendance(meeting, actor=village["head"], household=household)
    with pytest.raises(DomainError, match="Decree 61/2023/ND-CP, Art 10"):
        actions.record_meeting_result(meeting, actor=village["head"], agree=5, disagree=0, other=0)


# --- The villages and households of the day (law.md 10.A.2) -------------------------------------
def test_a_commune_wide_matter_counts_only_the_villages_that_exist_on_the_day_it_opens(village):
    ended = village["a"]["village2"]
    ended.valid_to = timezone.localdate()  # merged away: no longer a village from today
    ended.save(update_fields=["valid_to"])
    matter = _new(village, item=1, actor=village["chair"], unit=village["a"]["commune"],
                  tabled_via=TabledVia.COMMUNE_CHAIR)  # fmt: skip
    actions.open_matter(matter, actor=village["chair"], form=Form.BALLOT)
    assert matter.village_count == 1
    assert list(matter.villages.values_list("unit_id", flat=True)) == [village["a1"].pk]


def test_h_of_a_meeting_is_the_number_of_households_on_the_meeting_day(village):
    matter = _agreed(village, item=6)
    actions.open_matter(matter, actor=village["head"], form=Form.MEETING)
    assert matter.household_count == 10
    starts = timezone.now() + dt.timedelta(days=3)
    meeting = actions.schedule_meeting(matter, actor=village["head"], starts_at=starts, place="x",
                                       notice_sent_on=timezone.localdate())  # fmt: skip
    make_household(village["a1"], on=timezone.localdate(starts))  # registered before the meeting day
    for household in _households(village)[:9]:
        actions.record_attendance(meeting, actor=village["head"], household=household)
    assert actions.meeting_outlook(meeting)["households"] == 11
    actions.record_meeting_result(meeting, actor=village["head"], agree=6, disagree=3, other=0)
    matter = actions.close_matter(matter, actor=village["head"])
    # 6 of 11 households on the day of the meeting: more than half.
    assert matter.household_count == 11 and matter.result["households"] == 11 and matter.adopted


# --- Swapped working days (make-up Saturdays) ----------------------------------------------------
def test_the_announced_make_up_saturday_is_a_working_day_and_an_administrator_can_undo_or_add_one():
    saturday = dt.date(2025, 4, 26)
    assert saturday in SWAPPED_WORKING_DAYS and saturday.weekday() == 5
    calendar = work_calendar(saturday)
    assert calendar.is_working_day(saturday) and not calendar.is_working_day(dt.date(2025, 5, 2))
    # Filed on Friday 25/04/2025: Saturday 26/04 counts, Friday 02/05 (swapped off) does not.
    assert rules.filing_due_on(dt.date(2025, 4, 25), calendar) == dt.date(2025, 5, 6)
    NonWorkingDay.objects.create(day=saturday, is_working_day=False, note="cancelled")
    NonWorkingDay.objects.create(day=dt.date(2027, 2, 20), is_working_day=True, note="make-up")
    assert not work_calendar(saturday).is_working_day(saturday)
    assert work_calendar(dt.date(2027, 2, 20)).is_working_day(dt.date(2027, 2, 20))


# --- The console shows each role only the steps it records -------------------------------------
def test_the_console_offers_each_agreement_only_to_the_person_who_gives_it(village, sign_in):
    matter = _new(village)
    url = reverse("decisions:console", args=[matter.pk])
    head_page = sign_in(Client(), village["head"]).get(url)
    assert b'value="head"' in head_page.content and b'name="who" value="front"' not in head_page.content
    front_page = sign_in(Client(), village["front"]).get(url)
    assert b'name="who" value="front"' in front_page.content and b'name="who" value="head"' not in front_page.content
    head = sign_in(Client(), village["head"])
    head.post(reverse("decisions:console-agree", args=[matter.pk]), {"who": "front"})
    matter.refresh_from_db()
    assert matter.front_agreed_at is None


def test_the_console_shows_the_history_of_corrections(online_matter, village, sign_in):
    head = sign_in(Client(), village["head"])
    url = reverse("decisions:console-correct-optin", args=[online_matter.pk])
    refused = head.post(url, {"correct_optin-yes": "7"})
    assert refused.status_code == 422
    assert head.post(url, {"correct_optin-yes": "7", "correct_optin-reason": "Ghi nhầm."}).status_code == 302
    page = head.get(reverse("decisions:console", args=[online_matter.pk]))
    assert [c.reason for c in page.context["corrections"]] == ["Ghi nhầm."]
    assert b"Corrections after the matter opened" in page.content
    assert TeamMember.objects.filter(matter=online_matter, team="online_team").count() == 3


def test_the_switch_to_ballots_announces_when_the_slips_are_due_and_they_are_not_counted_earlier(village, sign_in):
    matter = _agreed(village, item=5)
    actions.open_matter(matter, actor=village["head"], form=Form.MEETING)
    actions.schedule_meeting(matter, actor=village["head"], starts_at=timezone.now() + dt.timedelta(days=3), place="x",
                             notice_sent_on=timezone.localdate())  # fmt: skip
    head = sign_in(Client(), village["head"])
    url = reverse("decisions:console-switch", args=[matter.pk])
    past = timezone.localtime(timezone.now() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    refused = head.post(url, {"switch-closes_at": past, "confirm": "yes"})
    assert refused.status_code == 422 and refused.context["form"].errors["closes_at"]
    due = timezone.localtime(timezone.now() + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    asked = head.post(url, {"switch-closes_at": due})  # the confirmation page, with the date kept for the button
    assert asked.status_code == 200 and b'name="confirm" value="yes"' in asked.content
    matter.refresh_from_db()
    assert matter.form != Form.BALLOT
    assert head.post(url, {"switch-closes_at": due, "confirm": "yes"}).status_code == 302
    matter.refresh_from_db()
    assert matter.form == Form.BALLOT and matter.closes_at > timezone.now()
    ballot_teams(matter, village["head"])
    with pytest.raises(DomainError) as refused_count:
        actions.close_matter(matter, actor=village["head"])
    assert refused_count.value.field == "reason"


def test_the_commune_front_standing_in_sees_only_the_front_agreement_on_the_console(village, sign_in):
    head_a2 = UserFactory(username="head_a2")
    grant(head_a2, village["a"]["village2"], Role.VILLAGE_HEAD)
    matter = _new(village, actor=head_a2, unit=village["a"]["village2"])
    mttq = sign_in(Client(), village["commune_front"])
    page = mttq.get(reverse("decisions:console", args=[matter.pk]))
    assert page.status_code == 200 and page.context["may"] == {"front_agreed"}
    assert b'name="who" value="front"' in page.content and b"console/open/" not in page.content
    assert mttq.post(reverse("decisions:console-agree", args=[matter.pk]), {"who": "front"}).status_code == 302
    matter.refresh_from_db()
    assert matter.front_agreed_at is not None
    # Where the village has its own Front work committee head, the commune Front has no console.
    assert mttq.get(reverse("decisions:console", args=[_new(village).pk])).status_code == 404


def test_slips_out_with_no_announced_end_are_not_counted_without_the_village_heads_reason(village):
    """The protective reading: with no day announced for the slips' return, a count while some are out
    is an early count (D59 Art 4(4)); the village head decides it, in writing."""
    matter = _agreed(village)
    actions.open_matter(matter, actor=village["head"], form=Form.BALLOT)
    ballot_teams(matter, village["head"])
    actions.mark_all_delivered(matter, actor=village["head"])
    for household in _households(village)[:6]:
        actions.record_slip(matter, actor=village["head"], household_code=household.code, choice="agree")
    assert matter.closes_at is None
    with pytest.raises(DomainError, match="no day was announced"):
        actions.close_matter(matter, actor=village["front"], reason="x")
    with pytest.raises(DomainError) as refused:
        actions.close_matter(matter, actor=village["head"])
    assert refused.value.field == "reason"
    actions.close_matter(matter, actor=village["head"], reason="Các hộ còn lại đã đi làm ăn xa.")
    matter.refresh_from_db()
    assert matter.status == "closed" and matter.early_count_reason
