"""The convention's lifecycle through its actions (D61 Arts 7–15), adoption through community decisions."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.conventions import actions, rules
from grassroots.conventions.models import (
    CommentChannel,
    ConventionStatus,
    Kind,
    Outcome,
    ProposedVia,
    RulingKind,
    VersionStatus,
)
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.decisions import actions as decisions_actions
from grassroots.decisions.models import Status as MatterStatus

from .conftest import TEAM, TEXT, TEXT_2, adopted, backdate, cites, drafted, in_force, posted

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_d61_art7_village_head_needs_the_front_heads_agreement(village):
    with pytest.raises(DomainError, match=cites("D61 Art 7(1)(a)")):
        actions.propose(actor=village["head"], village=village["a1"], kind=Kind.QUY_UOC, title="Q",
                        proposed_via=ProposedVia.VILLAGE_HEAD, front_agreed=False)  # fmt: skip


def test_d61_art7_citizens_proposal_below_10_percent_is_refused(village):
    # 10 households in A1: 1 of 10 is 10%, 0 is below.
    with pytest.raises(DomainError, match=cites("D61 Art 7(1)(b)")):
        actions.propose(actor=village["front"], village=village["a1"], kind=Kind.HUONG_UOC, title="Q",
                        proposed_via=ProposedVia.CITIZENS, consents=0)  # fmt: skip
    convention = actions.propose(actor=village["front"], village=village["a1"], kind=Kind.HUONG_UOC, title="Q",
                                 proposed_via=ProposedVia.CITIZENS, consents=1)  # fmt: skip
    assert convention.households == 10


def test_d61_art7_front_may_back_a_proposal_below_10_percent(village):
    convention = actions.propose(actor=village["front"], village=village["a1"], kind=Kind.HUONG_UOC, title="Q",
                                 proposed_via=ProposedVia.CITIZENS, consents=0, front_agreed=True)  # fmt: skip
    assert convention.pk


def test_d61_art8_ethnic_minority_drafting_team_must_have_elder_and_speaker(village):
    convention = actions.propose(actor=village["head"], village=village["a1"], kind=Kind.HUONG_UOC, title="Q",
                                 proposed_via=ProposedVia.VILLAGE_HEAD, front_agreed=True, ethnic_minority=True)  # fmt: skip
    with pytest.raises(DomainError, match=cites("D61 Art 8(2)")):
        actions.set_team(convention, actor=village["head"], members=[rules.TeamMember("Chỉ Một Người")])
    with pytest.raises(DomainError, match=cites("D61 Art 8")):  # no team yet: no draft
        actions.add_version(convention, actor=village["head"], text=TEXT)
    actions.set_team(convention, actor=village["head"], members=TEAM)
    assert actions.add_version(convention, actor=village["head"], text=TEXT).articles.count() == 4


def test_d61_art9_draft_posted_29_days_cannot_be_put_to_the_vote(village):
    version = posted(village, days=29)
    with pytest.raises(DomainError, match=cites("D61 Art 9(1)")):
        actions.put_to_vote(version, actor=village["head"])


def test_d61_art9_draft_posted_30_days_is_put_to_the_vote_as_an_item_3_matter(village):
    version = actions.put_to_vote(posted(village, days=30), actor=village["head"])
    assert version.status == VersionStatus.VOTING
    assert version.matter.item == 3 and version.matter.unit == village["a1"]


def test_posting_day_cannot_be_backdated_before_the_draft(village):
    version = actions.add_version(drafted(village), actor=village["head"], text=TEXT)
    with pytest.raises(DomainError):
        actions.post_version(version, actor=village["head"], posted_on=TODAY() - dt.timedelta(days=30), place="X")


def test_comments_online_by_representatives_and_entered_by_staff_with_channel(village):
    version = posted(village)
    rep = village["voters"][0]
    comment = actions.comment_online(version, user=rep, body="Nên quy định giờ đổ rác.", article=2)
    assert comment.channel == CommentChannel.ONLINE and comment.article.number == 2
    with pytest.raises(DomainError):
        actions.comment_online(version, user=village["head_b1"], body="x")
    entered = actions.enter_comment(version, actor=village["front"], channel=CommentChannel.MEETING,
                                    author_name="Hộ ông Tám", body="Đồng ý.", given_on=TODAY())  # fmt: skip
    assert entered.entered_by == village["front"]
    with pytest.raises(DomainError):
        actions.hide_comment(entered, actor=village["head"], reason="  ")
    actions.hide_comment(entered, actor=village["head"], reason="Trùng lặp với ý kiến khác.")
    entered.refresh_from_db()
    assert entered.hidden_reason and entered.body == "Đồng ý."  # kept, never deleted


def test_d61_art10_adoption_runs_through_decisions_and_recognition_takes_effect_that_day(village):
    version = in_force(village, present=8, agree=7)
    assert version.matter.status == MatterStatus.RECOGNIZED
    assert version.status == VersionStatus.IN_FORCE
    assert version.effective_on == version.recognized_on == TODAY()
    assert version.matter.effective_on == TODAY()
    assert version.convention.status == ConventionStatus.IN_FORCE
    assert version.distribution_due_on > TODAY()
    verbs = set(AuditEvent.objects.filter(verb__startswith="conventions.").values_list("verb", flat=True))
    assert {"conventions.proposed", "conventions.posted", "conventions.put_to_vote", "conventions.dossier_filed",
            "conventions.recognized"} <= verbs  # fmt: skip


def test_d61_art10_meeting_short_of_half_the_households_switches_to_ballots(village):
    """5 of 10 households present is not more than half: decisions' meeting cannot count, ballots follow."""
    version = actions.put_to_vote(posted(village), actor=village["head"])
    from grassroots.conventions.demo.meeting import hold_adoption_meeting

    with pytest.raises(DomainError):
        hold_adoption_meeting(version, head=village["head"], front=village["front"], present=5, agree=5)


def test_d61_art10_not_adopted_by_more_than_half_of_all_households(village):
    version = adopted(village, present=8, agree=5)  # 5 of 10 is not more than half
    assert version.status == VersionStatus.NOT_ADOPTED
    assert version.adopted_on is None


def test_d61_art11_dossier_due_and_recognition_due_recorded(village):
    version = adopted(village)
    assert version.status == VersionStatus.FILED
    assert version.dossier_filed_on == TODAY() and version.dossier_due_on > version.adopted_on
    assert version.recognition_due_on > TODAY()


def test_d61_art11_refusal_is_written_and_reasoned(village):
    version = adopted(village)
    with pytest.raises(DomainError):
        actions.refuse(version, actor=village["chair"], reason=" ")
    version = actions.refuse(version, actor=village["chair"], reason="Điều 3 trái quy định của pháp luật.")
    assert version.status == VersionStatus.REFUSED and version.matter.status == MatterStatus.REFUSED


def test_d61_art11_only_the_commune_recognizes(village):
    version = adopted(village)
    for user in (village["head"], village["front"], village["chair_b"]):
        with pytest.raises(DomainError):
            actions.recognize(version, actor=user)


def test_d61_art13_amendment_is_a_new_version_through_the_same_steps(village, recognized):
    convention = recognized.convention
    second = backdate(actions.add_version(convention, actor=village["head"], text=TEXT_2, change_note="Giờ đổ rác"), 30)
    actions.post_version(second, actor=village["head"], posted_on=TODAY() - dt.timedelta(days=30), place="NVH")
    # The households counted at the first meeting cannot vote twice in one round of a new matter: a new matter.
    second = adopted(village, version=second)
    second = actions.recognize(second, actor=village["chair"])
    recognized.refresh_from_db()
    assert recognized.status == VersionStatus.SUPERSEDED and recognized.superseded_on == TODAY()
    assert convention.current() == second
    changes = {c.number: c.status for c in rules.compare(rules.split_articles(TEXT), rules.split_articles(TEXT_2))}
    assert changes[2] == "changed" and changes[4] == "added"


def test_d61_art18_distribution_recorded_once(village, recognized):
    actions.record_distribution(recognized, actor=village["chair"], distributed_on=TODAY(), also_via="Loa truyền thanh")
    with pytest.raises(DomainError):
        actions.record_distribution(recognized, actor=village["chair"], distributed_on=TODAY())


def test_d61_art12_suspension_answered_within_3_working_days_with_a_fixing_deadline(village, recognized):
    convention = recognized.convention
    ruling = actions.receive_report(convention, actor=village["chair"], kind=RulingKind.SUSPENSION, whole=False,
                                    articles="Điều 3", report="Điều 3 gây tốn kém.", reported_by="Hộ ông Ba",
                                    received_on=TODAY())  # fmt: skip
    assert ruling.due_on == rules.suspension_due_on(TODAY(), _calendar())
    with pytest.raises(DomainError, match=cites("D61 Art 12(2)")):
        actions.answer_report(ruling, actor=village["chair"], founded=True, reasons="Có căn cứ.")
    actions.answer_report(ruling, actor=village["chair"], founded=True, reasons="Có căn cứ.",
                          fix_by=TODAY() + dt.timedelta(days=30))  # fmt: skip
    convention.refresh_from_db()
    assert convention.status == ConventionStatus.PARTLY_SUSPENDED


def test_d61_art14_abolition_answered_within_5_working_days(village, recognized):
    convention = recognized.convention
    ruling = actions.receive_report(convention, actor=village["chair"], kind=RulingKind.ABOLITION, whole=True,
                                    articles="", report="Trái pháp luật.", reported_by="Phòng Văn hóa - Xã hội",
                                    received_on=TODAY())  # fmt: skip
    assert ruling.due_on == rules.abolition_due_on(TODAY(), _calendar())
    actions.answer_report(ruling, actor=village["chair"], founded=True, reasons="Nội dung trái pháp luật.")
    convention.refresh_from_db()
    recognized.refresh_from_db()
    assert convention.status == ConventionStatus.ABOLISHED and recognized.status == VersionStatus.ABOLISHED
    assert ruling.outcome == Outcome.DONE


def test_d61_art15_review_recorded_and_review_day_chosen(village, recognized):
    convention = recognized.convention
    actions.set_review_day(convention, actor=village["head"], month=12, day=20)
    review = actions.record_review(convention, actor=village["front"], held_on=TODAY(), summary="Các hộ thực hiện tốt.")
    assert review.pk and convention.review_month == 12
    with pytest.raises(DomainError):
        actions.set_review_day(convention, actor=village["head"], month=2, day=30)


def test_another_communes_officials_are_refused_every_action(village, recognized):
    convention = recognized.convention
    with pytest.raises(DomainError):
        actions.add_version(convention, actor=village["head_b1"], text=TEXT)
    with pytest.raises(DomainError):
        actions.receive_report(convention, actor=village["chair_b"], kind=RulingKind.ABOLITION, whole=True,
                               articles="", report="x", reported_by="y", received_on=TODAY())  # fmt: skip
    with pytest.raises(DomainError):
        actions.record_review(convention, actor=village["head_b1"], held_on=TODAY(), summary="x")
    with pytest.raises(DomainError):
        actions.propose(actor=village["head_b1"], village=village["a1"], kind=Kind.QUY_UOC, title="Q",
                        proposed_via=ProposedVia.VILLAGE_HEAD, front_agreed=True)  # fmt: skip


def _calendar():  # type: ignore[no-untyped-def]
    from grassroots.decisions.calendar import work_calendar

    return work_calendar(TODAY())


def test_d61_art15_review_not_recorded_after_its_day_is_flagged(village, recognized):
    from grassroots.conventions.deadlines import late_rulings
    from grassroots.conventions.models import Version

    convention = recognized.convention
    after = rules.review_day(TODAY().year) + dt.timedelta(days=1)
    # Recognized after this year's review day: nothing owed this year.
    Version.objects.filter(pk=recognized.pk).update(effective_on=rules.review_day(TODAY().year) + dt.timedelta(days=2))
    assert late_rulings(convention, after + dt.timedelta(days=5)) == []
    Version.objects.filter(pk=recognized.pk).update(effective_on=rules.review_day(TODAY().year) - dt.timedelta(days=30))
    assert [late.article for late in late_rulings(convention, after)] == ["D61 Art 15(2)"]
    assert late_rulings(convention, rules.review_day(TODAY().year)) == []
    actions.record_review(convention, actor=village["head"], held_on=TODAY(), summary="Đã đánh giá.")
    if TODAY().year == after.year:
        assert late_rulings(convention, after) == []


def test_recognized_from_the_decisions_queue_the_convention_is_in_force_at_once(village):
    """The chair may recognize the adoption matter from the commune's decisions queue: the version is in force
    in the same transaction (decisions' listener), with one audit event on each record, and nothing is left
    to do on the conventions console."""
    version = adopted(village)
    decisions_actions.recognize(version.matter, actor=village["chair"])
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_FORCE and version.effective_on == TODAY()
    assert version.convention.status == ConventionStatus.IN_FORCE
    assert AuditEvent.objects.filter(verb="conventions.recognized").count() == 1
    with pytest.raises(DomainError):
        actions.recognize(version, actor=village["chair"])  # already done: not twice


def test_refused_from_the_decisions_queue_the_convention_follows_with_its_reasons(village):
    version = adopted(village)
    decisions_actions.refuse(version.matter, actor=village["chair"], reason="Điều 3 trái pháp luật.")
    version.refresh_from_db()
    assert version.status == VersionStatus.REFUSED and version.refusal_reason == "Điều 3 trái pháp luật."
    assert AuditEvent.objects.filter(verb="conventions.refused").count() == 1


def test_recognized_on_the_conventions_console_is_recorded_once_on_each_record(village):
    version = actions.recognize(adopted(village), actor=village["chair"], decision_number="12/QĐ-UBND")
    assert version.status == VersionStatus.IN_FORCE and version.decision_number == "12/QĐ-UBND"
    assert version.matter.status == MatterStatus.RECOGNIZED
    assert AuditEvent.objects.filter(verb="conventions.recognized").count() == 1
    assert AuditEvent.objects.filter(verb="decisions.recognized").count() == 1
