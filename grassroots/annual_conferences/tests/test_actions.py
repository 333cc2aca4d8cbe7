"""Every write of the annual conference, with named boundary tests citing the article (Law Art 33;
D59 Arts 10–11; law.md 10.K.30), and the audit event each leaves."""

import datetime as dt

import pytest

from grassroots.annual_conferences import actions
from grassroots.annual_conferences.models import Conference
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent

from .conftest import REPORTS, agree_all, closed, days_ago, held, plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]  # refusals read in English


def _verbs():  # type: ignore[no-untyped-def]
    return list(AuditEvent.objects.filter(verb__startswith="annual_conferences.").values_list("verb", flat=True))


def test_law_art33_one_conference_per_village_per_calendar_year(cast):
    plan(cast, dt.date(2026, 12, 20))
    with pytest.raises(DomainError, match="Art 33"):
        plan(cast, dt.date(2026, 12, 27))
    plan(cast, dt.date(2027, 12, 20))  # next year's is another conference
    assert Conference.objects.filter(village=cast["village"]).count() == 2


def test_law_art33_a_commune_holds_no_village_conference(cast):
    with pytest.raises(DomainError):
        actions.plan_conference(actor=cast["chair_a"], village=cast["a"]["commune"], planned_on=dt.date(2026, 12, 20),
                                venue="x", content="y")  # fmt: skip


def test_d59_art10_the_plan_is_prepared_by_the_village_head_or_front_head_only(cast):
    actions.plan_conference(actor=cast["front_a1"], village=cast["village"], planned_on=dt.date(2026, 12, 20),
                            venue="Nhà văn hóa", content="Tổng kết")  # fmt: skip
    for who in ("official_a", "chair_a", "official_b"):
        with pytest.raises(DomainError):
            actions.plan_conference(actor=cast[who], village=cast["a"]["village2"], planned_on=dt.date(2026, 12, 20),
                                    venue="x", content="y")  # fmt: skip
    assert _verbs() == ["annual_conferences.planned"]


def test_d59_art10_each_party_records_its_own_agreement(cast):
    conference = plan(cast, days_ago(0) + dt.timedelta(days=10))
    with pytest.raises(DomainError, match=r"(D59|Decree 59/2023/ND-CP,) Art 10\b"):
        actions.record_agreement(actor=cast["cfront_a"], conference=conference, party="commune", agreed_on=days_ago(0))
    with pytest.raises(DomainError):
        actions.record_agreement(
            actor=cast["head_a1"], conference=conference, party="inspection", agreed_on=days_ago(0)
        )
    with pytest.raises(DomainError):
        actions.record_agreement(
            actor=cast["official_b"], conference=conference, party="commune", agreed_on=days_ago(0)
        )
    agree_all(cast, conference, days_ago(0))
    assert sorted(conference.agreements.values_list("party", flat=True)) == ["commune", "front", "inspection"]
    with pytest.raises(DomainError):  # once per party
        actions.record_agreement(actor=cast["chair_a"], conference=conference, party="commune", agreed_on=days_ago(0))
    assert _verbs().count("annual_conferences.agreed") == 3


def test_d59_art10_notice_5_days_before_is_accepted(cast):
    conference = plan(cast, days_ago(0) + dt.timedelta(days=5))
    actions.send_notice(actor=cast["head_a1"], conference=conference, sent_on=days_ago(0), channel="writing")
    conference.refresh_from_db()
    assert conference.notice_sent_on == days_ago(0)
    assert "annual_conferences.notice_sent" in _verbs()


def test_d59_art10_notice_4_days_before_is_refused_with_the_article(cast):
    conference = plan(cast, days_ago(0) + dt.timedelta(days=4))
    with pytest.raises(DomainError, match=r"(D59|Decree 59/2023/ND-CP,) Art 10\b") as refused:
        actions.send_notice(actor=cast["head_a1"], conference=conference, sent_on=days_ago(0), channel="writing")
    assert refused.value.field == "sent_on"
    conference.refresh_from_db()
    assert conference.notice_sent_on is None


def test_law_art33_only_the_village_head_convenes(cast):
    conference = plan(cast, days_ago(0) + dt.timedelta(days=10))
    with pytest.raises(DomainError, match="Art 33"):
        actions.send_notice(actor=cast["front_a1"], conference=conference, sent_on=days_ago(0), channel="writing")


def _ready(cast, on):  # type: ignore[no-untyped-def]
    conference = plan(cast, on)
    actions.send_notice(actor=cast["head_a1"], conference=conference, sent_on=on - dt.timedelta(days=6),
                        channel="social_group")  # fmt: skip
    return conference


def test_d59_art10_cannot_be_held_before_all_three_parties_agreed(cast):
    on = days_ago(1)
    conference = _ready(cast, on)
    actions.record_agreement(actor=cast["chair_a"], conference=conference, party="commune", agreed_on=on)
    actions.record_agreement(actor=cast["cfront_a"], conference=conference, party="front", agreed_on=on)
    with pytest.raises(DomainError, match=r"(D59|Decree 59/2023/ND-CP,) Art 10\b"):
        actions.hold_conference(actor=cast["head_a1"], conference=conference, households_present=2, secretary_name="T")
    actions.record_agreement(actor=cast["inspector_a"], conference=conference, party="inspection", agreed_on=on)
    actions.hold_conference(actor=cast["head_a1"], conference=conference, households_present=2, secretary_name="T")
    conference.refresh_from_db()
    assert conference.held_on == on


def test_d59_art10_an_agreement_dated_after_the_conference_does_not_count(cast):
    on = days_ago(3)
    conference = _ready(cast, on)
    agree_all(cast, conference, days_ago(1))
    with pytest.raises(DomainError, match=r"(D59|Decree 59/2023/ND-CP,) Art 10\b"):
        actions.hold_conference(actor=cast["head_a1"], conference=conference, households_present=2, secretary_name="T")


def test_d59_art10_cannot_be_held_without_a_notice_in_time(cast):
    conference = plan(cast, days_ago(1))
    agree_all(cast, conference, days_ago(10))
    with pytest.raises(DomainError, match=r"(D59|Decree 59/2023/ND-CP,) Art 10\b"):
        actions.hold_conference(actor=cast["head_a1"], conference=conference, households_present=2, secretary_name="T")


def test_law_art33_households_present_are_counted_against_the_households_of_the_village(cast):
    conference = held(cast, present=2)
    assert (conference.households_present, conference.households_total) == (2, 3)


def test_law_art33_more_households_present_than_the_village_has_is_refused(cast):
    with pytest.raises(DomainError) as refused:
        held(cast, present=4)
    assert refused.value.field == "households_present"


def test_a_conference_planned_for_a_later_day_cannot_be_recorded_as_held(cast):
    conference = plan(cast, days_ago(0) + dt.timedelta(days=8))
    agree_all(cast, conference, days_ago(0))
    actions.send_notice(actor=cast["head_a1"], conference=conference, sent_on=days_ago(0), channel="writing")
    with pytest.raises(DomainError):
        actions.hold_conference(actor=cast["head_a1"], conference=conference, households_present=2, secretary_name="T")


def test_d59_art10_minutes_cannot_close_without_the_inspection_board_members_report(cast):
    conference = held(cast)
    actions.record_minutes(actor=cast["front_a1"], conference=conference,
                           **{**REPORTS, "inspection_report": ""})  # fmt: skip
    with pytest.raises(DomainError, match=r"(D59|Decree 59/2023/ND-CP,) Art 10\b") as refused:
        actions.close_minutes(actor=cast["head_a1"], conference=conference)
    assert "Inspection Board" in str(refused.value.message)
    actions.record_minutes(actor=cast["head_a1"], conference=conference, inspection_report="Báo cáo giám sát")
    actions.close_minutes(actor=cast["head_a1"], conference=conference)


@pytest.mark.parametrize("slot", ["head_report", "front_report", "inspection_report"])
def test_d59_art10_each_required_report_slot_blocks_closing(cast, slot):
    conference = held(cast)
    actions.record_minutes(actor=cast["head_a1"], conference=conference, **{**REPORTS, slot: ""})
    with pytest.raises(DomainError, match=r"(D59|Decree 59/2023/ND-CP,) Art 10\b"):
        actions.close_minutes(actor=cast["head_a1"], conference=conference)


def test_closed_minutes_do_not_change(cast):
    conference = closed(cast)
    assert conference.proposals == ["Sửa đèn đường"] and conference.answers == ["Xã sẽ sửa trong quý I"]
    with pytest.raises(DomainError):
        actions.record_minutes(actor=cast["head_a1"], conference=conference, praise="khác")


def test_d61_art15_the_convention_review_is_kept_in_the_minutes(cast):
    conference = held(cast)
    actions.record_minutes(actor=cast["head_a1"], conference=conference,
                           convention_review="Hương ước được thực hiện tốt; đề nghị sửa Điều 5.")  # fmt: skip
    conference.refresh_from_db()
    assert "Điều 5" in conference.convention_review


def test_d59_art11_the_report_is_recorded_after_the_minutes_are_closed(cast):
    conference = held(cast)
    with pytest.raises(DomainError):
        actions.record_report_sent(actor=cast["head_a1"], conference=conference, sent_on=days_ago(0))
    conference = closed_after(cast, conference)
    with pytest.raises(DomainError, match=r"(D59|Decree 59/2023/ND-CP,) Art 11\b"):
        actions.record_report_sent(actor=cast["head_a1"], conference=conference, sent_on=days_ago(5))
    actions.record_report_sent(actor=cast["head_a1"], conference=conference, sent_on=days_ago(0))
    conference.refresh_from_db()
    assert conference.report_sent_on == days_ago(0)
    assert _verbs()[-1] == "annual_conferences.report_sent"


def closed_after(cast, conference):  # type: ignore[no-untyped-def]
    actions.record_minutes(actor=cast["head_a1"], conference=conference, **REPORTS)
    return actions.close_minutes(actor=cast["head_a1"], conference=conference)


def test_d59_art10_a_changed_plan_withdraws_agreements_and_notice(cast):
    on = days_ago(0) + dt.timedelta(days=12)
    conference = plan(cast, on)
    agree_all(cast, conference, days_ago(0))
    actions.send_notice(actor=cast["head_a1"], conference=conference, sent_on=days_ago(0), channel="writing")
    actions.change_plan(actor=cast["head_a1"], conference=conference, planned_on=on + dt.timedelta(days=1),
                        venue="Sân thôn", content="Tổng kết")  # fmt: skip
    conference.refresh_from_db()
    assert conference.agreements.count() == 0 and conference.notice_sent_on is None


def test_another_communes_official_is_refused_every_write(cast):
    conference = held(cast)
    b = cast["official_b"]
    for call in (
        lambda: actions.record_minutes(actor=b, conference=conference, praise="x"),
        lambda: actions.close_minutes(actor=b, conference=conference),
        lambda: actions.record_report_sent(actor=b, conference=conference, sent_on=days_ago(0)),
        lambda: actions.change_plan(actor=b, conference=conference, planned_on=days_ago(0), venue="x", content="y"),
    ):
        with pytest.raises(DomainError):
            call()
