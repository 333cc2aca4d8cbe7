"""The dialogue actions: schedule with the Front, notice, questions by channel, answers, minutes (Law Art 32)."""

import datetime as dt

import pytest

from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.dialogues import actions
from grassroots.dialogues.choices import QuestionStatus

from .conftest import RESIDENT_NAME, held_with_answers, published, today


def test_the_notice_waits_for_the_front(cast):
    d = actions.schedule_dialogue(
        actor=cast["chair_a"], commune=cast["commune"], planned_on=today(), venue="X", topics="Y"
    )
    with pytest.raises(DomainError):
        actions.publish_notice(actor=cast["chair_a"], dialogue=d)
    with pytest.raises(DomainError):
        actions.agree_for_front(actor=cast["chair_a"], dialogue=d, agreed_on=today())
    actions.agree_for_front(actor=cast["cfront_a"], dialogue=d, agreed_on=today())
    assert actions.publish_notice(actor=cast["chair_a"], dialogue=d).is_published


def test_only_the_commune_committee_schedules(cast):
    for who in ("cfront_a", "official_b", "resident"):
        with pytest.raises(DomainError):
            actions.schedule_dialogue(
                actor=cast[who], commune=cast["commune"], planned_on=today(), venue="X", topics="Y"
            )


def test_a_resident_asks_unsigned_or_signed(cast):
    d = published(cast, today() + dt.timedelta(days=10))
    q = actions.ask_question(actor=cast["resident"], dialogue=d, text="Câu hỏi")
    assert q.public_name == "" and q.asker_name == ""
    s = actions.ask_question(actor=cast["resident"], dialogue=d, text="Câu hỏi có ký tên", signed=True)
    assert s.public_name == RESIDENT_NAME
    event = AuditEvent.objects.filter(verb="dialogues.question_asked").first()
    assert event.actor_id is None and RESIDENT_NAME not in str(event.data)


def test_a_resident_of_another_commune_may_not_ask(cast):
    d = published(cast, today() + dt.timedelta(days=10))
    with pytest.raises(DomainError):
        actions.ask_question(actor=cast["resident_b"], dialogue=d, text="?")


def test_staff_enter_questions_with_their_channel(cast):
    d = published(cast, today() + dt.timedelta(days=10))
    q = actions.enter_question(actor=cast["cfront_a"], dialogue=d, text="Hỏi qua điện thoại", channel="phone",
                               received_on=today(), village=cast["a"]["village1"])  # fmt: skip
    assert q.channel == "phone" and q.entered_by == cast["cfront_a"]
    with pytest.raises(DomainError) as exc:
        actions.enter_question(actor=cast["cfront_a"], dialogue=d, text="?", channel="conference", received_on=today())
    assert exc.value.field == "channel"
    with pytest.raises(DomainError) as exc:
        actions.enter_question(actor=cast["cfront_a"], dialogue=d, text="?", channel="paper", received_on=today(),
                               village=cast["b"]["village1"])  # fmt: skip
    assert exc.value.field == "village"
    with pytest.raises(DomainError):
        actions.enter_question(actor=cast["official_b"], dialogue=d, text="?", channel="paper", received_on=today())


def test_answers_are_recorded_by_whom_and_when_then_published(cast):
    d = held_with_answers(cast)
    q = d.questions.get()
    assert q.status == QuestionStatus.PUBLISHED
    assert q.answered_by == cast["chair_a"] and q.answered_at is not None and q.published_at is not None


def test_the_minutes_close_only_when_every_question_is_answered(cast):
    d = published(cast)
    actions.ask_question(actor=cast["resident"], dialogue=d, text="?")
    d = actions.hold_dialogue(
        actor=cast["chair_a"], dialogue=d, attendance=10, chair_name="A", front_representative="B"
    )
    actions.record_conclusion(actor=cast["chair_a"], dialogue=d, conclusion="Kết luận")
    with pytest.raises(DomainError):
        actions.close_minutes(actor=cast["chair_a"], dialogue=d)


def test_a_question_is_hidden_with_a_reason_never_deleted(cast):
    d = published(cast, today() + dt.timedelta(days=10))
    q = actions.ask_question(actor=cast["resident"], dialogue=d, text="Lạc đề")
    with pytest.raises(DomainError):
        actions.hide_question(actor=cast["chair_a"], question=q, reason="")
    q = actions.hide_question(actor=cast["chair_a"], question=q, reason="Không thuộc nội dung đối thoại")
    assert q.status == QuestionStatus.HIDDEN and q.text == "Lạc đề"


def test_a_dialogue_is_not_held_before_its_day(cast):
    d = published(cast, today() + dt.timedelta(days=1))
    with pytest.raises(DomainError):
        actions.hold_dialogue(actor=cast["chair_a"], dialogue=d, attendance=1, chair_name="A", front_representative="B")
