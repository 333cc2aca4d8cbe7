"""The indicators decisions declares (core.indicators), each checked against a small village whose answer is
counted by hand: village A1 of commune A has 10 households; commune B is the other commune."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.decisions import actions
from grassroots.decisions.indicators import (
    INDICATORS,
    decisions_filed_and_recognized_on_time,
    meetings_with_quorum,
    vote_participation,
)
from grassroots.decisions.models import Form, Matter, TabledVia
from grassroots.decisions.tests.conftest import close_now, open_online_matter
from grassroots.library.citations import parse_citations
from grassroots.people.models import Household

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SIGNATORIES = {"village_head": "A", "front_head": "B", "representative_1": "C", "representative_2": "D"}


def _ratio(items):  # type: ignore[no-untyped-def]
    return sum(i.numerator for i in items), sum(i.denominator for i in items)


def _meeting(village, title, *, item=6, starts_at=None):  # type: ignore[no-untyped-def]
    """A matter of A1 decided at a meeting three days from now (or at `starts_at`)."""
    matter = actions.create_matter(actor=village["head"], unit=village["a1"], item=item, title=title, question="Q",
                                   tabled_via=TabledVia.VILLAGE_HEAD)  # fmt: skip
    actions.record_agreement(matter, actor=village["head"], who="head")
    actions.record_agreement(matter, actor=village["front"], who="front")
    actions.open_matter(matter, actor=village["head"], form=Form.MEETING)
    starts_at = starts_at or timezone.now() + dt.timedelta(days=3)
    meeting = actions.schedule_meeting(matter, actor=village["head"], starts_at=starts_at,
                                       place="Nhà văn hóa", notice_sent_on=timezone.localdate(),
                                       documents_delivered_on=timezone.localdate())  # fmt: skip
    return matter, meeting


def _attend(village, meeting, n):  # type: ignore[no-untyped-def]
    for household in Household.objects.filter(unit=village["a1"]).order_by("code")[:n]:
        actions.record_attendance(meeting, actor=village["head"], household=household)


@pytest.fixture
def commune_b(village):  # type: ignore[no-untyped-def]
    """Village B1 (1 household) with its head and Front head."""
    head_b1 = UserFactory(username="head_b1")
    grant(head_b1, village["b"]["village1"], Role.VILLAGE_HEAD)
    front_b1 = UserFactory(username="front_b1")
    grant(front_b1, village["b"]["village1"], Role.VILLAGE_FRONT_HEAD)
    return {"head": head_b1, "front": front_b1, "village": village["b"]["village1"], "commune": village["b"]["commune"]}


def test_every_indicator_cites_the_law_and_has_a_stable_code():
    assert [i.code for i in INDICATORS] == ["meetings_quorum", "decisions_on_time", "vote_participation"]
    cited = {i.code: [(c.document_code, c.article) for c in parse_citations(i.citation)] for i in INDICATORS}
    assert cited == {
        "meetings_quorum": [("law-10-2022", 19), ("law-10-2022", 21), ("decree-61-2023", 10)],
        "decisions_on_time": [("law-10-2022", 20), ("law-10-2022", 21)],
        "vote_participation": [("law-10-2022", 19), ("law-10-2022", 21), ("decree-59-2023", 4), ("decree-59-2023", 5)],
    }
    # Art 21(2) gives no days for dating a commune-wide item 1–2: the definition says the 5 days are ours.
    assert "our reading" in str(INDICATORS[1].definition)


# --- meetings_quorum -----------------------------------------------------------------------------------------
def test_law_art_19_and_21_meetings_with_the_households_needed_present_are_counted(village, commune_b):
    """Item 6 in a village of 10 households needs more than half present (Law Art 21(1)): 6 of 10 and 8 of 10
    can decide, 5 of 10 cannot and goes to ballots (Law Art 19(1)(b)). Three meetings, two with enough → 2/3."""
    m1, meeting1 = _meeting(village, "Sáu hộ")
    _attend(village, meeting1, 6)
    actions.record_meeting_result(meeting1, actor=village["head"], agree=6, disagree=0, other=0)
    m2, meeting2 = _meeting(village, "Tám hộ")
    _attend(village, meeting2, 8)
    actions.record_meeting_result(meeting2, actor=village["head"], agree=5, disagree=3, other=0)
    m3, meeting3 = _meeting(village, "Năm hộ")
    _attend(village, meeting3, 5)
    actions.switch_to_ballots(m3, actor=village["head"], meeting=meeting3)
    # Scheduled, nobody recorded present: not a meeting held.
    _meeting(village, "Chưa họp")
    # Commune B: its meeting (1 household of 1) is its own.
    mb = actions.create_matter(actor=commune_b["head"], unit=commune_b["village"], item=6, title="Thôn B1",
                               question="Q", tabled_via=TabledVia.VILLAGE_HEAD)  # fmt: skip
    actions.record_agreement(mb, actor=commune_b["head"], who="head")
    actions.record_agreement(mb, actor=commune_b["front"], who="front")
    actions.open_matter(mb, actor=commune_b["head"], form=Form.MEETING)
    meeting_b = actions.schedule_meeting(mb, actor=commune_b["head"], starts_at=timezone.now() + dt.timedelta(days=3),
                                         place="x", notice_sent_on=timezone.localdate())  # fmt: skip
    actions.record_attendance(meeting_b, actor=commune_b["head"], household=village["households"]["b1"])

    day = timezone.localdate(meeting1.starts_at)
    after = day + dt.timedelta(days=1)
    items = meetings_with_quorum(village["a"]["commune"], day, day, after)
    assert _ratio(items) == (2, 3)
    assert {i.title: i.numerator for i in items} == {"Sáu hộ": 1, "Tám hộ": 1, "Năm hộ": 0}
    assert {i.unit_id for i in items} == {village["a1"].pk}
    assert {i.url for i in items} == {f"/en/decisions/{m.pk}/" for m in (m1, m2, m3)}
    # Commune B counts its own meeting only.
    assert _ratio(meetings_with_quorum(commune_b["commune"], day, day, after)) == (1, 1)
    # A span that ends the day before the meetings holds none.
    assert (
        meetings_with_quorum(village["a"]["commune"], day - dt.timedelta(days=7), day - dt.timedelta(days=1), after)
        == []
    )


def test_a_meeting_still_going_on_its_day_is_not_counted_yet(village):
    """Households are still arriving on the day: the meeting counts once its count is recorded or the day is over."""
    _m, meeting = _meeting(village, "Đang họp")
    _attend(village, meeting, 3)
    day = timezone.localdate(meeting.starts_at)
    assert meetings_with_quorum(village["a"]["commune"], day, day, day) == []
    assert _ratio(meetings_with_quorum(village["a"]["commune"], day, day, day + dt.timedelta(days=1))) == (0, 1)


def _quorum(village, item, present):  # type: ignore[no-untyped-def]
    """The quorum item of one meeting of A1 (10 households) on `item` with `present` households."""
    _matter, meeting = _meeting(village, f"Mục {item}, {present} hộ", item=item)
    _attend(village, meeting, present)
    day = timezone.localdate(meeting.starts_at)
    [found] = [i for i in meetings_with_quorum(village["a"]["commune"], day, day, day + dt.timedelta(days=1))
               if i.title == f"Mục {item}, {present} hộ"]  # fmt: skip
    return found.numerator, found.denominator


def test_d61_art_10_a_convention_meeting_needs_more_than_half_present(village):
    """A convention (item 3) meeting of 10 households: 6 present decide (6 > 10/2: 1/1); 5 do not (0/1)."""
    assert _quorum(village, 3, 6) == (1, 1)
    assert _quorum(village, 3, 5) == (0, 1)


@pytest.mark.parametrize("item", [1, 2])
def test_law_art_21_1_public_works_and_funds_need_two_thirds_present(village, item):
    """Items 1–2 are adopted by at least two-thirds of ALL 10 households, so a meeting decides only with 7
    present (3 × 7 = 21 ≥ 2 × 10); 6 present (18 < 20) could not adopt it and go to ballots: 0/1, where the
    more-than-half rule of the other items would give 1/1."""
    assert _quorum(village, item, 6) == (0, 1)
    assert _quorum(village, item, 7) == (1, 1)


def test_a_meeting_at_half_past_midnight_on_the_first_counts_in_that_month(village, time_machine):
    """A meeting at 00:30 on 1 January 2027 in Vietnam (17:30 UTC on 31 December) is January's."""
    time_machine.move_to(timezone.make_aware(dt.datetime(2026, 12, 20, 9)), tick=False)
    midnight = timezone.make_aware(dt.datetime(2027, 1, 1, 0, 30))
    assert midnight.astimezone(dt.UTC).date() == dt.date(2026, 12, 31)
    _matter, meeting = _meeting(village, "Nửa đêm", starts_at=midnight)
    _attend(village, meeting, 8)
    actions.record_meeting_result(meeting, actor=village["head"], agree=8, disagree=0, other=0)
    commune, today = village["a"]["commune"], dt.date(2027, 1, 2)
    assert [i.title for i in meetings_with_quorum(commune, dt.date(2027, 1, 1), dt.date(2027, 1, 31), today)] == [
        "Nửa đêm"
    ]
    assert [i.day for i in meetings_with_quorum(commune, dt.date(2027, 1, 1), dt.date(2027, 1, 31), today)] == [
        dt.date(2027, 1, 1)
    ]
    assert meetings_with_quorum(commune, dt.date(2026, 12, 1), dt.date(2026, 12, 31), today) == []


# --- decisions_on_time ----------------------------------------------------------------------------------------
def _online(village, title):  # type: ignore[no-untyped-def]
    matter = open_online_matter(head=village["head"], front=village["front"], unit=village["a1"], optin=6)
    Matter.objects.filter(pk=matter.pk).update(title=title)
    matter.refresh_from_db()
    return matter


def test_law_art_20_3_records_filed_within_five_working_days_are_counted(village, commune_b, time_machine):
    """Three matters counted the same day: one filed at once (1/1), one filed the day after its deadline
    (0/1, late), one never filed (0/1, overdue once its day has passed, left out on the day itself) → 1/3."""
    on_time = close_now(_online(village, "Đúng hạn"), actor=village["head"])
    late = close_now(_online(village, "Trễ hạn"), actor=village["head"])
    missing = close_now(_online(village, "Chưa gửi"), actor=village["head"])
    actions.file_record(on_time, actor=village["head"], decision_text="x", signatories=SIGNATORIES)
    due = on_time.filing_due_on
    assert late.filing_due_on == missing.filing_due_on == due
    mb = open_online_matter(head=commune_b["head"], front=commune_b["front"], unit=commune_b["village"], optin=1)
    close_now(mb, actor=commune_b["head"])

    commune = village["a"]["commune"]
    # On the deadline day itself the missing record is not due yet: left out.
    items = decisions_filed_and_recognized_on_time(commune, due, due, due)
    assert {i.title: i.numerator for i in items} == {"Đúng hạn": 1}

    time_machine.move_to(timezone.make_aware(dt.datetime.combine(due + dt.timedelta(days=1), dt.time(9))))
    actions.file_record(late, actor=village["head"], decision_text="x", signatories=SIGNATORIES)
    items = decisions_filed_and_recognized_on_time(commune, due, due, due + dt.timedelta(days=1))
    assert _ratio(items) == (1, 3)
    by_title = {i.title: i for i in items}
    assert by_title["Trễ hạn"].numerator == 0 and not by_title["Trễ hạn"].overdue
    overdue = by_title["Chưa gửi"]
    assert overdue.overdue and overdue.deadline == due and overdue.day == due
    assert overdue.responsible == f"{Role.VILLAGE_HEAD.label}, {village['a1'].name}"
    assert overdue.url == f"/en/decisions/{missing.pk}/" and overdue.unit_id == village["a1"].pk
    # Another commune's matters are its own; a span without the deadline holds nothing.
    assert {
        i.title
        for i in decisions_filed_and_recognized_on_time(commune_b["commune"], due, due, due + dt.timedelta(days=1))
    } == {mb.title}
    assert (
        decisions_filed_and_recognized_on_time(
            commune, due + dt.timedelta(days=1), due + dt.timedelta(days=30), due + dt.timedelta(days=40)
        )
        == []
    )


def _counted(village, title, *, item):  # type: ignore[no-untyped-def]
    """A matter of A1 decided at a meeting of 8 households present, 7 agreeing, and counted."""
    matter, meeting = _meeting(village, title, item=item)
    _attend(village, meeting, 8)
    actions.record_meeting_result(meeting, actor=village["head"], agree=7, disagree=1, other=0)
    return close_now(matter, actor=village["head"])


def test_law_art_21_2_recognition_within_five_working_days_of_receipt_is_counted(village, time_machine):
    """An item-5 result filed on time waits for the commune Front: left out while its recognition day is ahead,
    overdue (the commune Front must act) once it has passed, 1/1 when recognized in time."""
    matter = _counted(village, "Bầu thành viên Ban thanh tra", item=5)
    actions.file_record(matter, actor=village["head"], decision_text="x", signatories=SIGNATORIES)
    due, recognize_by = matter.filing_due_on, matter.recognition_due_on
    commune = village["a"]["commune"]
    assert decisions_filed_and_recognized_on_time(commune, due, due, recognize_by) == []
    [item] = decisions_filed_and_recognized_on_time(commune, due, due, recognize_by + dt.timedelta(days=1))
    assert (item.numerator, item.denominator, item.overdue, item.deadline) == (0, 1, True, recognize_by)
    assert item.responsible == f"{Role.COMMUNE_FRONT.label}, {commune.name}"
    actions.recognize(matter, actor=village["commune_front"])
    [item] = decisions_filed_and_recognized_on_time(commune, due, due, recognize_by + dt.timedelta(days=1))
    assert (item.numerator, item.overdue) == (1, False)


def test_law_art_21_2_a_recognition_after_its_day_is_late_not_overdue(village, time_machine):
    """The record filed on time, the commune Front recognizes it two days after its recognition day: 0/1,
    late (its deadline the recognition day), no longer on the overdue list."""
    matter = _counted(village, "Bầu thành viên Ban giám sát", item=5)
    actions.file_record(matter, actor=village["head"], decision_text="x", signatories=SIGNATORIES)
    due, recognize_by = matter.filing_due_on, matter.recognition_due_on
    time_machine.move_to(timezone.make_aware(dt.datetime.combine(recognize_by + dt.timedelta(days=2), dt.time(9))))
    actions.recognize(matter, actor=village["commune_front"])
    [item] = decisions_filed_and_recognized_on_time(
        village["a"]["commune"], due, due, recognize_by + dt.timedelta(days=3)
    )
    assert (item.numerator, item.denominator, item.overdue, item.deadline, item.responsible) == (
        0,
        1,
        False,
        recognize_by,
        "",
    )


def test_d59_arts_7_and_9_the_record_of_a_village_head_election_is_the_front_work_committee_heads(village):
    """The village head does not chair his own election or dismissal (the election team led by a Front
    work-committee representative, D59 Art 7; the head of the Front work committee, D59 Art 9), so the
    chair who must complete the record (D59 Art 3(7)) is named as the head of the village Front work
    committee. (Item-4 matters are run from the elections page; one is made here from a meeting matter.)"""
    matter = _counted(village, "Miễn nhiệm trưởng thôn", item=6)
    Matter.objects.filter(pk=matter.pk).update(item=4)
    due = matter.filing_due_on
    [item] = decisions_filed_and_recognized_on_time(village["a"]["commune"], due, due, due + dt.timedelta(days=1))
    assert item.overdue
    assert item.responsible == f"{Role.VILLAGE_FRONT_HEAD.label}, {village['a1'].name}"


# --- vote_participation --------------------------------------------------------------------------------------------
def test_d59_arts_4_5_households_taking_part_in_ballots_and_online_votes_are_counted(village, commune_b):
    """An online vote where 6 of 10 households voted and a ballot where 4 of 10 slips came back: 10 of 20."""
    online = open_online_matter(head=village["head"], front=village["front"], unit=village["a1"], optin=6)
    for voter in village["voters"][:6]:
        actions.cast_online_vote(online.pk, user=voter, choice="agree")
    close_now(online, actor=village["head"])
    ballot = actions.create_matter(actor=village["head"], unit=village["a1"], item=6, title="Phiếu", question="Q",
                                   tabled_via=TabledVia.VILLAGE_HEAD)  # fmt: skip
    actions.record_agreement(ballot, actor=village["head"], who="head")
    actions.record_agreement(ballot, actor=village["front"], who="front")
    actions.open_matter(ballot, actor=village["head"], form=Form.BALLOT)
    actions.mark_all_delivered(ballot, actor=village["head"])
    for household in Household.objects.filter(unit=village["a1"]).order_by("code")[:4]:
        actions.record_slip(ballot, actor=village["head"], household_code=household.code, choice="disagree")
    close_now(ballot, actor=village["head"])
    # A meeting's households are the quorum indicator's, not this one's.
    m, meeting = _meeting(village, "Họp")
    _attend(village, meeting, 6)
    actions.record_meeting_result(meeting, actor=village["head"], agree=6, disagree=0, other=0)
    close_now(m, actor=village["head"])
    mb = open_online_matter(head=commune_b["head"], front=commune_b["front"], unit=commune_b["village"], optin=1)
    close_now(mb, actor=commune_b["head"])

    today = timezone.localdate()
    items = vote_participation(village["a"]["commune"], today, today, today)
    assert _ratio(items) == (10, 20)
    assert sorted((i.numerator, i.denominator) for i in items) == [(4, 10), (6, 10)]
    assert {i.unit_id for i in items} == {village["a1"].pk} and {i.day for i in items} == {today}
    assert _ratio(vote_participation(commune_b["commune"], today, today, today)) == (0, 1)
    assert (
        vote_participation(village["a"]["commune"], today - dt.timedelta(days=5), today - dt.timedelta(days=1), today)
        == []
    )


# --- A constant number of queries per commune (they run for every commune of a province, nightly) -------------
def test_each_indicator_reads_a_commune_in_a_fixed_number_of_queries(village, django_assert_num_queries):
    """Two meetings or five: the same queries (the meetings with their attendance, then the households)."""
    for n in range(5):
        _m, meeting = _meeting(village, f"Họp {n}")
        _attend(village, meeting, 6)
        actions.record_meeting_result(meeting, actor=village["head"], agree=6, disagree=0, other=0)
        close_now(_m, actor=village["head"])
    day = timezone.localdate(meeting.starts_at)
    commune = village["a"]["commune"]
    with django_assert_num_queries(2):
        assert len(meetings_with_quorum(commune, day, day, day + dt.timedelta(days=30))) == 5
    due = Matter.objects.filter(filing_due_on__isnull=False).values_list("filing_due_on", flat=True).first()
    with django_assert_num_queries(1):
        assert len(decisions_filed_and_recognized_on_time(commune, due, due, due + dt.timedelta(days=1))) == 5
    today = timezone.localdate()
    with django_assert_num_queries(1):
        vote_participation(commune, today, today, today)


def test_law_art_19_1_a_a_commune_wide_ballot_is_the_communes_own_item(village):
    """A commune-wide ballot (item 1) in commune A (A1: 10 households, A2: 1): 3 slips back of 11, counted for
    the commune itself; its record is the commune chair's to file."""
    chair, commune = village["chair"], village["a"]["commune"]
    matter = actions.create_matter(actor=chair, unit=commune, item=1, title="Đường liên thôn", question="Q",
                                   tabled_via=TabledVia.COMMUNE_CHAIR)  # fmt: skip
    actions.open_matter(matter, actor=chair, form=Form.BALLOT)
    actions.mark_all_delivered(matter, actor=chair)
    for household in Household.objects.filter(unit=village["a1"]).order_by("code")[:3]:
        actions.record_slip(matter, actor=chair, household_code=household.code, choice="agree")
    matter = close_now(matter, actor=chair)
    today = timezone.localdate()
    [item] = vote_participation(commune, today, today, today)
    assert (item.unit_id, item.numerator, item.denominator) == (commune.pk, 3, 11)
    due = matter.filing_due_on
    [late] = decisions_filed_and_recognized_on_time(commune, due, due, due + dt.timedelta(days=1))
    assert late.overdue and late.unit_id == commune.pk
    assert late.responsible == f"{Role.COMMUNE_CHAIR.label}, {commune.name}"
