"""Issue 5, items 5 and 6: questions go from a delegate through the moderator into the queue, take one
up-vote per person, are answered and published in a FAQ searchable without accents; difficulties are
raised by a unit's own people, assigned by the steering committee and followed to a response."""

import datetime as dt

import pytest
from django.urls import reverse

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.training import actions, qa
from grassroots.training.access import can_read_faq
from grassroots.training.models import Difficulty, Question, QuestionVote

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 10)
LARGE_GROUP = "Tổ dân phố 480 hộ không đạt được một nửa số hộ dự họp thì làm thế nào?"


@pytest.fixture
def conf(world):  # type: ignore[no-untyped-def]
    """A conference of province A's steering committee; head_a1 and official_a are its delegates."""
    organizer = UserFactory(username="steering_a", first_name="Lan", last_name="Nguyễn Thị")
    grant(organizer, world["a"]["province"], Role.STEERING_MEMBER)
    conference = actions.create_conference(
        actor=organizer, unit=world["a"]["province"], title="Hội nghị tập huấn", starts_on=DAY
    )
    actions.invite_by_name(conference, actor=organizer, user=world["head_a1"], unit=world["a"]["village1"])
    actions.invite_by_name(conference, actor=organizer, user=world["official_a"], unit=world["a"]["commune"])
    return {**world, "organizer": organizer, "conference": conference}


def _queued(conf, text=LARGE_GROUP, by="head_a1"):  # type: ignore[no-untyped-def]
    question = actions.ask_question(conf["conference"], actor=conf[by], text=text)
    return actions.approve_question(question, actor=conf["organizer"])


# --- Questions ---------------------------------------------------------------------------------
def test_ask_upvote_once_moderate_answer_and_find_it_without_accents(conf):
    conference, organizer = conf["conference"], conf["organizer"]
    question = actions.ask_question(conference, actor=conf["head_a1"], text=f"  {LARGE_GROUP} ")
    assert question.status == Question.Status.PENDING
    assert question.text == LARGE_GROUP and question.text_folded.startswith("to dan pho 480 ho")
    with pytest.raises(DomainError):  # not in the queue yet
        actions.upvote(question, actor=conf["official_a"])
    with pytest.raises(DomainError):  # a delegate does not moderate
        actions.approve_question(question, actor=conf["head_a1"])
    actions.approve_question(question, actor=organizer)
    assert (question.status, question.position) == (Question.Status.QUEUED, 1)
    assert actions.upvote(question, actor=conf["official_a"]) is True
    assert actions.upvote(question, actor=conf["official_a"]) is False
    with pytest.raises(DomainError):  # one's own question
        actions.upvote(question, actor=conf["head_a1"])
    assert QuestionVote.objects.filter(question=question).count() == 1
    actions.record_answer(
        question,
        actor=organizer,
        answered_by="Trần Văn Bình, Sở Nội vụ",
        answer="Tổ chức họp theo cụm dân cư, hoặc phát phiếu lấy ý kiến đến từng hộ gia đình.",
    )
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED and question.in_faq and question.answered_at
    # Accent-free search over the question and the answer; every word must match.
    assert list(qa.faq("to dan pho 480 HO")) == [question]
    assert list(qa.faq("phat phieu lay y kien")) == [question]
    assert list(qa.faq("bieu quyet truc tuyen")) == []
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {
        "training.question_asked",
        "training.question_approved",
        "training.question_upvoted",
        "training.question_answered",
    } <= verbs


def test_the_moderator_orders_the_queue_and_hides_off_topic_questions(conf):
    first = _queued(conf, "Câu hỏi thứ nhất")
    second = _queued(conf, "Câu hỏi thứ hai")
    third = _queued(conf, "Câu hỏi thứ ba", by="official_a")
    actions.move_question(first, actor=conf["organizer"], up=False)
    assert [q.text for q in qa.live_queue(conf["conference"])] == [
        "Câu hỏi thứ hai",
        "Câu hỏi thứ nhất",
        "Câu hỏi thứ ba",
    ]
    actions.upvote(third, actor=conf["head_a1"])
    actions.order_queue_by_votes(conf["conference"], actor=conf["organizer"])
    queue = qa.live_queue(conf["conference"])
    assert [q.pk for q in queue] == [third.pk, second.pk, first.pk] and queue[0].vote_count == 1
    actions.hide_question(second, actor=conf["organizer"])
    assert [q.pk for q in qa.live_queue(conf["conference"])] == [third.pk, first.pk]
    with pytest.raises(DomainError):
        actions.record_answer(second, actor=conf["organizer"], answer="x", answered_by="y")


def test_only_the_conferences_people_ask_and_only_while_it_is_open(conf):
    with pytest.raises(DomainError):
        actions.ask_question(conf["conference"], actor=conf["official_b"], text="?")
    with pytest.raises(DomainError):
        actions.ask_question(conf["conference"], actor=conf["head_a1"], text="   ")
    conf["conference"].status = conf["conference"].Status.CLOSED
    conf["conference"].save()
    with pytest.raises(DomainError):
        actions.ask_question(conf["conference"], actor=conf["head_a1"], text="Còn hỏi được không?")


def test_the_faq_is_for_everyone_who_runs_democracy_not_for_residents(conf):
    assert can_read_faq(conf["official_b"])  # a commune official of another province
    assert can_read_faq(conf["head_a1"])
    assert not can_read_faq(conf["resident_a1"])  # household representative only
    assert not can_read_faq(UserFactory(username="nobody"))


def test_pages_ask_vote_once_and_answer(conf, client, sign_in):
    conference = conf["conference"]
    board = reverse("training:questions", args=[conference.pk])
    sign_in(client, conf["head_a1"])
    response = client.post(board, {"text": LARGE_GROUP, "session": conference.sessions.first().pk})
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.session == conference.sessions.first()
    assert LARGE_GROUP in client.get(board).content.decode()  # the author sees it while it waits
    actions.approve_question(question, actor=conf["organizer"])
    sign_in(client, conf["official_a"])
    vote = reverse("training:question-vote", args=[conference.pk, question.pk])
    assert client.post(vote).status_code == 302
    response = client.post(vote, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "<html" not in response.content.decode()
    assert QuestionVote.objects.count() == 1
    # A delegate cannot approve, hide or answer.
    assert client.get(reverse("training:question-answer", args=[conference.pk, question.pk])).status_code == 404
    client.post(reverse("training:question-hide", args=[conference.pk, question.pk]))
    assert Question.objects.get().status == Question.Status.QUEUED
    sign_in(client, conf["organizer"])
    answer = reverse("training:question-answer", args=[conference.pk, question.pk])
    assert client.get(answer).status_code == 200
    response = client.post(answer, {"answer": "Họp theo cụm dân cư.", "answered_by": "Báo cáo viên", "publish": "on"})
    assert response.status_code == 302
    assert "Họp theo cụm dân cư." in client.get(board).content.decode()


def test_the_live_queue_refreshes_by_htmx(conf, client, sign_in):
    _queued(conf)
    sign_in(client, conf["head_a1"])
    url = reverse("training:questions-live", args=[conf["conference"].pk])
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 10s"' in page and LARGE_GROUP in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<section id="queue"') and LARGE_GROUP in fragment


def test_a_user_of_another_province_gets_404_for_the_conferences_questions(conf, client, sign_in):
    question = _queued(conf)
    sign_in(client, conf["official_b"])
    pk = conf["conference"].pk
    for url in [reverse("training:questions", args=[pk]), reverse("training:questions-live", args=[pk])]:
        assert client.get(url).status_code == 404
    assert client.post(reverse("training:question-vote", args=[pk, question.pk])).status_code == 404
    assert QuestionVote.objects.count() == 0


def test_the_faq_page_searches_without_diacritics(conf, client, sign_in):
    question = _queued(conf)
    actions.record_answer(question, actor=conf["organizer"], answer="Họp theo cụm dân cư.", answered_by="Báo cáo viên")
    unpublished = _queued(conf, "Biểu quyết trực tuyến cần điều kiện gì?")
    actions.record_answer(unpublished, actor=conf["organizer"], answer="Nội bộ.", answered_by="X", publish=False)
    sign_in(client, conf["official_b"])
    page = client.get(reverse("training:faq"), {"q": "mot nua so ho"}).content.decode()
    assert LARGE_GROUP in page and "Biểu quyết trực tuyến" not in page
    assert conf["head_a1"].username not in page  # the FAQ never shows who asked
    sign_in(client, conf["resident_a1"], second_factor=False)
    assert client.get(reverse("training:faq")).status_code == 404


# --- Difficulties ------------------------------------------------------------------------------
def test_a_difficulty_is_raised_by_the_units_people_assigned_and_answered(conf):
    head, organizer = conf["head_a1"], conf["organizer"]
    village1, village2 = conf["a"]["village1"], conf["a"]["village2"]
    with pytest.raises(DomainError):  # head_a1 holds no role in village 2
        actions.raise_difficulty(actor=head, unit=village2, text="…")
    with pytest.raises(DomainError):  # a household representative does not report for the unit
        actions.raise_difficulty(actor=conf["resident_a1"], unit=village1, text="…")
    difficulty = actions.raise_difficulty(
        actor=head, unit=village1, conference=conf["conference"], text="Tổ dân phố 480 hộ, họp không đạt một nửa số hộ."
    )
    assert difficulty.status == Difficulty.Status.OPEN
    with pytest.raises(DomainError):
        actions.assign_difficulty(difficulty, actor=head, assignee=conf["official_a"])
    assert conf["official_a"] in qa.assignee_choices(difficulty)
    assert conf["official_b"] not in qa.assignee_choices(difficulty)
    actions.assign_difficulty(difficulty, actor=organizer, assignee=conf["official_a"])
    with pytest.raises(DomainError):  # only the assignee or the committee
        actions.answer_difficulty(difficulty, actor=head, response="…")
    actions.answer_difficulty(
        difficulty, actor=conf["official_a"], response="Chuyển sang phát phiếu lấy ý kiến hộ gia đình."
    )
    difficulty.refresh_from_db()
    assert difficulty.status == Difficulty.Status.ANSWERED and difficulty.responded_at
    with pytest.raises(DomainError):
        actions.assign_difficulty(difficulty, actor=organizer, assignee=conf["official_a"])
    assert AuditEvent.objects.filter(verb__startswith="training.difficulty_").count() == 3


def test_the_steering_committee_sees_open_and_answered_with_counts(conf, client, sign_in):
    head, organizer = conf["head_a1"], conf["organizer"]
    for text in ("Khó khăn thứ nhất", "Khó khăn thứ hai", "Khó khăn thứ ba"):
        actions.raise_difficulty(actor=head, unit=conf["a"]["village1"], text=text)
    answered = Difficulty.objects.get(text="Khó khăn thứ ba")
    actions.answer_difficulty(answered, actor=organizer, response="Đã trả lời tại hội nghị.")
    actions.assign_difficulty(
        Difficulty.objects.get(text="Khó khăn thứ hai"), actor=organizer, assignee=conf["official_a"]
    )
    counts = qa.difficulty_counts(qa.difficulties_for(organizer))
    assert (counts["open"], counts["assigned"], counts["answered"], counts["unanswered"]) == (1, 1, 1, 2)
    assert qa.difficulties_for(conf["official_b"]).count() == 0
    sign_in(client, organizer)
    page = client.get(reverse("training:difficulties"), {"status": "unanswered"}).content.decode()
    assert "Khó khăn thứ nhất" in page and "Khó khăn thứ hai" in page and "Khó khăn thứ ba" not in page
    page = client.get(reverse("training:difficulties"), {"status": "answered"}).content.decode()
    assert "Khó khăn thứ ba" in page and "Khó khăn thứ nhất" not in page


def test_difficulty_pages_and_access(conf, client, sign_in):
    sign_in(client, conf["head_a1"])
    response = client.post(
        reverse("training:difficulty-new"), {"unit": conf["a"]["village1"].pk, "text": "Khó khăn về kinh phí"}
    )
    difficulty = Difficulty.objects.get()
    assert response.status_code == 302 and difficulty.reported_by == conf["head_a1"]
    detail = reverse("training:difficulty", args=[difficulty.pk])
    assert client.get(detail).status_code == 200
    # A unit where head_a1 holds no role is not offered.
    response = client.post(reverse("training:difficulty-new"), {"unit": conf["a"]["village2"].pk, "text": "x"})
    assert response.status_code == 422 and Difficulty.objects.count() == 1
    sign_in(client, conf["official_b"])
    assert client.get(detail).status_code == 404
    assert (
        client.post(reverse("training:difficulty-respond", args=[difficulty.pk]), {"response": "x"}).status_code == 404
    )
    sign_in(client, conf["organizer"])
    response = client.post(
        reverse("training:difficulty-assign", args=[difficulty.pk]), {"assignee": conf["official_a"].pk}
    )
    assert response.status_code == 302
    sign_in(client, conf["official_a"])
    client.post(
        reverse("training:difficulty-respond", args=[difficulty.pk]), {"response": "Đề nghị hỗ trợ từ ngân sách xã."}
    )
    difficulty.refresh_from_db()
    assert difficulty.status == Difficulty.Status.ANSWERED and difficulty.assigned_to == conf["official_a"]


def test_the_assignee_list_offers_only_people_of_the_organizing_unit(conf, client, sign_in):
    """Issue 9: a commune's conference: its officials and the village's head, not the province above it,
    nor another commune; the action and the page refuse anyone else."""
    commune = conf["a"]["commune"]
    organizer = UserFactory(username="steering_commune")
    grant(organizer, commune, Role.STEERING_MEMBER)
    conference = actions.create_conference(actor=organizer, unit=commune, title="Tập huấn xã", starts_on=DAY)
    actions.invite_by_name(conference, actor=organizer, user=conf["head_a1"], unit=conf["a"]["village1"])
    difficulty = actions.raise_difficulty(
        actor=conf["head_a1"], unit=conf["a"]["village1"], conference=conference, text="Khó khăn về kinh phí"
    )
    choices = set(qa.assignee_choices(difficulty))
    assert {conf["official_a"], conf["head_a1"], organizer} <= choices
    assert conf["organizer"] not in choices  # the province's steering committee, above the organizers
    assert conf["official_b"] not in choices  # another commune
    with pytest.raises(DomainError):
        actions.assign_difficulty(difficulty, actor=organizer, assignee=conf["official_b"])
    sign_in(client, organizer)
    url = reverse("training:difficulty-assign", args=[difficulty.pk])
    page = client.get(reverse("training:difficulty", args=[difficulty.pk])).content.decode()
    assert f'value="{conf["official_a"].pk}"' in page and f'value="{conf["official_b"].pk}"' not in page
    assert client.post(url, {"assignee": conf["official_b"].pk}).status_code == 422
    difficulty.refresh_from_db()
    assert difficulty.assigned_to is None


def test_the_training_menu_reaches_the_faq_difficulties_and_reports(conf, client, sign_in):
    """Issue 9: every training page carries the menu; the header's Training link shows for anyone who holds
    a role training concerns, delegate or not, and never for a household representative."""
    faq, difficulties, reports = (reverse(f"training:{n}") for n in ("faq", "difficulties", "reports"))
    home = reverse("training:home")
    other = UserFactory(username="official_a2")  # a commune official, neither organizer nor delegate
    grant(other, conf["a"]["commune"], Role.COMMUNE_OFFICIAL)
    sign_in(client, other)
    page = client.get(reverse("portal:home")).content.decode()
    assert f'href="{home}"' in page
    for url in (home, faq, difficulties):
        page = client.get(url).content.decode()
        assert 'class="subnav' in page and f'href="{faq}"' in page and f'href="{difficulties}"' in page, url
        assert f'href="{reports}"' not in page, url  # the coverage report is for the organizers
    sign_in(client, conf["organizer"])
    conference = conf["conference"]
    for url in (
        reverse("training:conference", args=[conference.pk]),
        reverse("training:delegates", args=[conference.pk]),
        reverse("training:quiz", args=[conference.pk]),
        reverse("training:questions", args=[conference.pk]),
        reports,
    ):
        page = client.get(url).content.decode()
        assert all(f'href="{u}"' in page for u in (faq, difficulties, reports)), url
    sign_in(client, conf["resident_a1"])
    assert f'href="{home}"' not in client.get(reverse("portal:home")).content.decode()
