"""The actions: who may act, the opinions on every channel, moderation, the questionnaire, the synthesis
and closing, each audited."""

import pytest

from grassroots.consultations import actions
from grassroots.consultations.models import Opinion, Response
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent, Notice

from .conftest import days_ago, first_article, planned, published, synthesised, time_passes

pytestmark = pytest.mark.django_db


def test_only_the_communes_official_or_chair_creates(cast):
    for who in ("official_b", "head_a1", "cfront_a", "res1"):
        with pytest.raises(DomainError):
            planned(cast | {"official_a": cast[who]})
    c = planned(cast | {"official_a": cast["chair_a"]})
    assert AuditEvent.objects.filter(verb="consultations.created", target_id=str(c.pk)).exists()


def test_a_draft_is_split_into_sections_and_articles(cast):
    c = planned(cast)
    articles = list(c.drafts.get().articles.values_list("section", "number", "title"))
    assert articles == [
        ("Chương I. Quy định chung", "1", "Phạm vi"),
        ("Chương I. Quy định chung", "2", "Đất ở"),
        ("Chương II. Tổ chức thực hiện", "3", "Trách nhiệm"),
    ]


def test_a_new_version_keeps_the_old_one_and_compares(cast):
    from grassroots.consultations import overview

    c = planned(cast)
    new = actions.add_draft(actor=cast["official_a"], consultation=c, title="Dự thảo 2",
                            text="Điều 1. Phạm vi\nQuy hoạch đến năm 2035.\nĐiều 4. Mới\nNội dung mới.")  # fmt: skip
    old = c.drafts.get(number=1)
    rows = {label: change for change, label, _lines in overview.compare(old, new)}
    assert new.number == 2 and rows["Điều 1. Phạm vi"] == "changed" and rows["Điều 4. Mới"] == "added"
    assert rows["Điều 2. Đất ở"] == "removed"


def test_a_resident_of_another_commune_cannot_comment(cast):
    c = published(cast)
    with pytest.raises(DomainError):
        actions.give_opinion(actor=cast["res_b"], consultation=c, stance="agree", body="x")


def test_a_consultation_of_one_village_takes_only_its_residents(cast):
    c = published(cast, village=cast["a"]["village2"])
    with pytest.raises(DomainError):
        actions.give_opinion(actor=cast["res1"], consultation=c, stance="agree", body="x")


def test_opinions_say_where_they_came_from(cast):
    c = published(cast)
    web = actions.give_opinion(actor=cast["res1"], consultation=c, article=first_article(c), stance="agree", body="a")
    slip = actions.enter_opinion(actor=cast["cfront_a"], consultation=c, channel="front", given_on=days_ago(0),
                                 stance="other", body="b", village=cast["a"]["village2"])  # fmt: skip
    assert (web.channel, web.author_id, web.village_id) == ("web", cast["res1"].pk, cast["a"]["village1"].pk)
    assert (slip.channel, slip.entered_by_id, slip.author_name) == ("front", cast["cfront_a"].pk, "")


def test_a_village_head_enters_opinions_of_their_own_village_only(cast):
    c = published(cast)
    o = actions.enter_opinion(actor=cast["head_a1"], consultation=c, channel="box", given_on=days_ago(0),
                              stance="agree", body="Qua đường dây nóng")  # fmt: skip
    assert o.village == cast["a"]["village1"]
    with pytest.raises(DomainError):
        actions.enter_opinion(actor=cast["head_a1"], consultation=c, channel="box", given_on=days_ago(0),
                              stance="agree", body="x", village=cast["a"]["village2"])  # fmt: skip
    with pytest.raises(DomainError):
        actions.enter_opinion(actor=cast["official_b"], consultation=c, channel="box", given_on=days_ago(0),
                              stance="agree", body="x")  # fmt: skip


def test_an_entered_opinion_is_dated_inside_the_window(cast):
    c = published(cast)
    with pytest.raises(DomainError) as refused:
        actions.enter_opinion(actor=cast["official_a"], consultation=c, channel="meeting", given_on=days_ago(1),
                              stance="agree", body="x")  # fmt: skip
    assert refused.value.field == "given_on"


def test_moderation_hides_with_a_reason_and_never_deletes(cast):
    c = published(cast)
    o = actions.give_opinion(actor=cast["res1"], consultation=c, stance="agree", body="Lời lẽ xúc phạm")
    with pytest.raises(DomainError):
        actions.hide_opinion(actor=cast["official_a"], opinion=o, reason=" ")
    with pytest.raises(DomainError):
        actions.hide_opinion(actor=cast["head_a1"], opinion=o, reason="x")
    actions.hide_opinion(actor=cast["official_a"], opinion=o, reason="Ngôn từ xúc phạm")
    o.refresh_from_db()
    assert o.hidden_reason == "Ngôn từ xúc phạm" and Opinion.objects.filter(pk=o.pk).exists()


def _questions(cast, c):  # type: ignore[no-untyped-def]
    single = actions.add_question(actor=cast["official_a"], consultation=c, kind="single", text="Đồng ý?",
                                  options=["Có", "Không"])  # fmt: skip
    scale = actions.add_question(actor=cast["official_a"], consultation=c, kind="scale", text="Mức độ", options=[],
                                 scale_max=5)  # fmt: skip
    return single, scale


def test_one_answer_per_household_when_the_consultation_says_so(cast):
    from grassroots.accounts.tests.factories import UserFactory
    from grassroots.people.models import Membership
    from grassroots.people.tests.factories import ResidentFactory

    c = planned(cast, answer_per="household")
    single, scale = _questions(cast, c)
    for who in ("council", "front"):
        actions.record_plan_sent(actor=cast["official_a"], consultation=c, recipient=who, sent_on=days_ago(1))
    c = actions.publish(actor=cast["official_a"], consultation=c, published_on=days_ago(0))
    actions.answer_questionnaire(actor=cast["res1"], consultation=c, raw={single.pk: 0, scale.pk: 4})
    housemate = ResidentFactory()
    Membership.objects.create(resident=housemate, household=cast["households"]["a1"], valid_from=days_ago(300))
    with pytest.raises(DomainError):
        actions.answer_questionnaire(actor=UserFactory(resident=housemate), consultation=c, raw={single.pk: 1})
    with pytest.raises(DomainError):
        actions.answer_questionnaire(actor=cast["res2"], consultation=c, raw={scale.pk: 9})
    actions.enter_slip(actor=cast["head_a1"], consultation=c, slip="P-001", raw={single.pk: 1})
    with pytest.raises(DomainError):
        actions.enter_slip(actor=cast["head_a1"], consultation=c, slip="P-001", raw={single.pk: 1})
    assert Response.objects.filter(consultation=c).count() == 2


def test_questions_are_fixed_once_published(cast):
    c = published(cast)
    with pytest.raises(DomainError):
        _questions(cast, c)


def test_the_synthesis_waits_for_the_window_and_every_opinion_grouped_and_answered(cast, english):
    c = published(cast)
    actions.give_opinion(actor=cast["res1"], consultation=c, stance="agree", body="Đồng ý")
    with pytest.raises(DomainError):
        actions.publish_synthesis(actor=cast["official_a"], consultation=c, summary="x")
    c = time_passes(c)
    with pytest.raises(DomainError):
        actions.publish_synthesis(actor=cast["official_a"], consultation=c, summary="x")
    group = actions.create_group(actor=cast["official_a"], consultation=c, title="Nhóm")
    actions.assign_opinions(
        actor=cast["official_a"], group=group, opinion_ids=list(c.opinions.values_list("pk", flat=True))
    )
    with pytest.raises(DomainError):
        actions.publish_synthesis(actor=cast["official_a"], consultation=c, summary="x")
    with pytest.raises(DomainError) as refused:
        actions.respond(actor=cast["official_a"], group=group, take_up="not_taken", explanation="")
    assert "28(3)" in str(refused.value.message)
    actions.respond(actor=cast["official_a"], group=group, take_up="taken", explanation="")
    actions.publish_synthesis(actor=cast["official_a"], consultation=c, summary="Đã tổng hợp")


def test_the_residents_who_commented_are_told_when_the_synthesis_is_published(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        c = synthesised(cast)
    told = set(Notice.objects.filter(key=f"consultations.synthesis.{c.pk}").values_list("user_id", flat=True))
    assert told == {cast["res1"].pk, cast["res2"].pk}


def test_law_art28_3_closing_a_decision_against_the_majority_without_explanation_is_refused(cast, english):
    c = synthesised(cast, outcome="not_adopted")  # two agree, one disagrees: the majority agreed
    with pytest.raises(DomainError) as refused:
        actions.close(actor=cast["official_a"], consultation=c)
    assert "28(3)" in str(refused.value.message)
    actions.record_decision(actor=cast["official_a"], consultation=c, outcome="not_adopted", decision_text="QĐ",
                            departure_explanation="Trái quy hoạch tỉnh")  # fmt: skip
    assert actions.close(actor=cast["official_a"], consultation=c).closed_at is not None


def test_law_art28_3_closing_a_decision_with_the_majority_needs_no_explanation(cast):
    c = synthesised(cast, outcome="adopted")
    assert actions.close(actor=cast["official_a"], consultation=c).closed_at is not None
    with pytest.raises(DomainError):
        actions.give_opinion(actor=cast["res1"], consultation=c, stance="agree", body="x")
