"""Issue 5, items 7 and 8: tests drawn per conference from the library's bank, scored on the server with
the 70% pass mark, one attempt per test; certificates only for delegates who checked in and passed;
the evaluation form and its charts."""

import datetime as dt
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.errors import DomainError
from grassroots.library.models import Article, Chapter, Document, QuizOption, QuizQuestion
from grassroots.library.models import Topic as BankTopic
from grassroots.training import actions, quiz, rules
from grassroots.training.models import Feedback, QuizAttempt
from grassroots.training.stats import bar_width_class

pytestmark = pytest.mark.django_db
BEFORE, AFTER = QuizAttempt.Kind.BEFORE, QuizAttempt.Kind.AFTER


@pytest.fixture
def bank(db):  # type: ignore[no-untyped-def]
    """Five questions per topic, three options each, the second one correct."""
    QuizQuestion.objects.all().delete()
    document = Document.objects.create(
        code="test-law",
        short_name_vi="Luật thử",
        short_name_en="Test law",
        title_vi="Luật thử",
        title_en="Test law",
        in_force_on=dt.date(2023, 7, 1),
    )
    chapter = Chapter.objects.create(document=document, number=1, title_vi="Chương I", title_en="Chapter I")
    article = Article.objects.create(
        document=document,
        chapter=chapter,
        number=99,
        title_vi="Điều thử",
        title_en="Test article",
        summary_vi="Tóm tắt",
        summary_en="Summary",
    )
    for topic in BankTopic.values:
        for i in range(5):
            question = QuizQuestion.objects.create(
                code=f"t-{topic}-{i}",
                topic=topic,
                text_vi=f"Câu hỏi {topic} {i}?",
                text_en=f"Question {topic} {i}?",
                article=article,
                explanation_vi=f"Giải thích {topic} {i}.",
                explanation_en=f"Explanation {topic} {i}.",
            )
            for order in range(3):
                QuizOption.objects.create(
                    question=question,
                    order=order,
                    text_vi=f"Phương án {order}",
                    text_en=f"Option {order}",
                    is_correct=order == 1,
                )
    return QuizQuestion.objects.all()


@pytest.fixture
def course(world, bank):  # type: ignore[no-untyped-def]
    """A conference held today with three delegates: `passer`, `failer` and `absent` (not checked in)."""
    organizer = UserFactory(username="steering_a")
    grant(organizer, world["a"]["province"], Role.STEERING_MEMBER)
    conference = actions.create_conference(
        actor=organizer, unit=world["a"]["province"], title="Hội nghị tập huấn", starts_on=timezone.localdate()
    )
    delegates = {}
    for name, unit in [("passer", "village1"), ("failer", "village1"), ("absent", "village2")]:
        user = UserFactory(username=name, first_name="An", last_name=f"Nguyễn Văn {name}")
        grant(user, world["a"][unit], Role.VILLAGE_HEAD)
        delegates[name] = actions.invite_by_name(conference, actor=organizer, user=user, unit=world["a"][unit])
    for name in ("passer", "failer"):
        actions.check_in(conference, actor=organizer, token=delegates[name].checkin_token)
        delegates[name].refresh_from_db()
    return {**world, "organizer": organizer, "conference": conference, "delegates": delegates}


def _answers(conference, kind, right: int) -> dict[int, int]:  # type: ignore[no-untyped-def]
    """The first `right` questions answered correctly, the rest wrongly."""
    chosen = {}
    for i, pk in enumerate(quiz.draw(conference, kind)):
        options = list(QuizOption.objects.filter(question_id=pk).order_by("order"))
        chosen[pk] = next(o.pk for o in options if o.is_correct == (i < right))
    return chosen


def _take(course, name, kind, right):  # type: ignore[no-untyped-def]
    delegate = course["delegates"][name]
    return actions.submit_quiz(
        course["conference"], actor=delegate.user, kind=kind, chosen=_answers(course["conference"], kind, right)
    )


@pytest.mark.parametrize(
    ("score", "total", "passed"),
    [
        (6, 10, False),
        (7, 10, True),
        (8, 10, True),
        (69, 100, False),
        (70, 100, True),
        (21, 30, True),
        (20, 30, False),
        (2, 3, False),
        (0, 0, False),
    ],
)
def test_the_pass_mark_is_70_percent_in_exact_fractions(score, total, passed):
    assert Fraction(7, 10) == rules.QUIZ_PASS_SHARE
    assert rules.passes_quiz(score, total) is passed


def test_the_draw_is_deterministic_per_conference_and_covers_the_four_topics(course):
    conference = course["conference"]
    before = quiz.draw(conference, BEFORE)
    assert before == quiz.draw(conference, BEFORE) and len(before) == quiz.QUESTIONS_PER_TEST
    topics = [q.topic for q in quiz.load_questions(before)]
    assert sorted(topics.count(t) for t in BankTopic.values) == [2, 2, 3, 3]
    # Twenty questions in the bank: the test after the course asks the other ten.
    assert set(before).isdisjoint(quiz.draw(conference, AFTER))


def test_the_score_is_computed_on_the_server_and_one_attempt_per_test(course):
    attempt = _take(course, "passer", BEFORE, right=4)
    assert (attempt.score, attempt.total) == (4, 10)
    with pytest.raises(DomainError):
        _take(course, "passer", BEFORE, right=10)
    after = _take(course, "passer", AFTER, right=7)
    assert (after.score, after.total) == (7, 10) and rules.passes_quiz(after.score, after.total)
    assert _take(course, "failer", AFTER, right=6).score == 6
    with pytest.raises(DomainError):  # the test before closes once the test after is taken
        _take(course, "failer", BEFORE, right=3)
    with pytest.raises(DomainError):  # not a delegate
        actions.submit_quiz(course["conference"], actor=course["official_b"], kind=BEFORE, chosen={})
    assert QuizAttempt.objects.count() == 3


def test_an_option_of_another_question_or_a_missing_answer_scores_nothing(course):
    conference = course["conference"]
    ids = quiz.draw(conference, BEFORE)
    chosen = _answers(conference, BEFORE, right=10)
    chosen[ids[0]], chosen[ids[1]] = chosen[ids[1]], chosen[ids[0]]
    assert quiz.score_answers(ids, chosen) == (8, 10)
    del chosen[ids[2]]
    with pytest.raises(DomainError):
        actions.submit_quiz(conference, actor=course["delegates"]["passer"].user, kind=BEFORE, chosen=chosen)


def test_the_test_after_the_course_opens_once_the_last_session_has_ended(course, client, sign_in):
    """Issue 9: not on the morning of the conference, but after its last session; the page says when."""
    conference, delegate = course["conference"], course["delegates"]["passer"]
    day = conference.starts_on
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(8, 0)))
    sessions = list(conference.sessions.order_by("position"))
    for n, session in enumerate(sessions):
        session.starts_at = start + dt.timedelta(hours=n)
        session.ends_at = start + dt.timedelta(hours=n, minutes=50)
        session.save()
    last_end = sessions[-1].ends_at
    assert quiz.after_test_opens_at(conference) == last_end
    assert not quiz.attempt_allowed(delegate, AFTER, last_end - dt.timedelta(minutes=1)).ok
    assert quiz.attempt_allowed(delegate, AFTER, last_end).ok
    assert quiz.attempt_allowed(delegate, BEFORE, last_end - dt.timedelta(hours=8)).ok
    with pytest.raises(DomainError):
        actions.submit_quiz(
            conference,
            actor=delegate.user,
            kind=AFTER,
            chosen=_answers(conference, AFTER, 10),
            now=last_end - dt.timedelta(minutes=1),
        )
    # Without any session time, the test opens on the conference's last day.
    eve = timezone.make_aware(dt.datetime.combine(day - dt.timedelta(days=1), dt.time(12, 0)))
    conference.sessions.update(starts_at=None, ends_at=None)
    assert not quiz.attempt_allowed(delegate, AFTER, eve).ok
    # The page names the time and the day in words, not an ISO date.
    conference.sessions.filter(pk=sessions[-1].pk).update(
        starts_at=timezone.now() + dt.timedelta(hours=1), ends_at=timezone.now() + dt.timedelta(hours=2)
    )
    sign_in(client, delegate.user)
    page = client.get(reverse("training:quiz", args=[conference.pk])).content.decode()
    local = timezone.localtime(quiz.after_test_opens_at(conference))
    assert f"tháng {local.month} năm {local.year}" in page and local.date().isoformat() not in page


def test_rules_of_the_opening_and_the_attempts_left():
    eight = dt.datetime(2026, 12, 5, 8, tzinfo=dt.UTC)
    morning = dt.datetime(2026, 12, 5, 0, tzinfo=dt.UTC)
    hour = dt.timedelta(hours=1)
    assert rules.after_test_opens_at([], morning) == morning
    assert rules.after_test_opens_at([(None, None)], morning) == morning
    assert rules.after_test_opens_at([(eight, eight + hour), (eight + 2 * hour, None)], morning) == eight + 2 * hour
    assert rules.after_test_opens_at([(eight, eight + 3 * hour), (eight + hour, eight + 2 * hour)], morning) == (
        eight + 3 * hour
    )
    assert [rules.attempts_left(taken, 3, passed=False) for taken in range(5)] == [3, 2, 1, 0, 0]
    assert rules.attempts_left(1, 3, passed=True) == 0


def test_a_failed_test_after_the_course_is_taken_again_and_the_best_attempt_counts(course, client, sign_in):
    """Issue 9: up to the conference's number of attempts (3 unless set); the page says how many are left."""
    conference, failer = course["conference"], course["delegates"]["failer"]
    assert conference.after_test_attempts == rules.AFTER_TEST_ATTEMPTS == 3
    first = _take(course, "failer", AFTER, right=6)
    assert first.number == 1 and not quiz.certificate_verdict(failer).ok
    sign_in(client, failer.user)
    home = client.get(reverse("training:quiz", args=[conference.pk])).content.decode()
    assert "?again=1" in home
    assert quiz.attempts_left(failer, list(QuizAttempt.objects.filter(delegate=failer))) == 2
    url = reverse("training:quiz-take", args=[conference.pk, AFTER])
    review = client.get(url).content.decode()
    assert "?again=1" in review
    form = client.get(url, {"again": 1}).content.decode()
    assert form.count('type="radio"') == 30 and 'name="attempt" value="2"' in form
    data = {f"q{pk}": option for pk, option in _answers(conference, AFTER, right=5).items()}
    assert client.post(url, {**data, "attempt": 2}).status_code == 302
    # The same form sent twice is kept once.
    assert client.post(url, {**data, "attempt": 2}).status_code == 422
    assert QuizAttempt.objects.filter(delegate=failer, kind=AFTER).count() == 2
    # The best attempt counts: 6 of 10, not the later 5.
    rows = {r.delegate.pk: r for r in quiz.scores_by_delegate(conference)}
    assert rows[failer.pk].after == quiz.Result(6, 10)
    third = _take(course, "failer", AFTER, right=8)
    assert third.number == 3 and quiz.certificate_verdict(failer).ok
    rows = {r.delegate.pk: r for r in quiz.scores_by_delegate(conference)}
    assert rows[failer.pk].after == quiz.Result(8, 10)
    with pytest.raises(DomainError):  # passed: no more attempts
        _take(course, "failer", AFTER, right=10)


def test_no_attempt_is_left_after_the_conferences_number(course, client, sign_in):
    conference, failer = course["conference"], course["delegates"]["failer"]
    organizer = course["organizer"]
    actions.update_conference(
        conference, actor=organizer, title=conference.title, starts_on=conference.starts_on, after_test_attempts=2
    )
    failer.conference.refresh_from_db()
    _take(course, "failer", AFTER, right=1)
    _take(course, "failer", AFTER, right=6)
    with pytest.raises(DomainError):
        _take(course, "failer", AFTER, right=9)
    sign_in(client, failer.user)
    home = client.get(reverse("training:quiz", args=[conference.pk])).content.decode()
    assert "?again=1" not in home
    # The organizer sets the number on the conference's form, from 1 to 10.
    sign_in(client, organizer)
    edit = reverse("training:conference-edit", args=[conference.pk])
    fields = {"title": conference.title, "starts_on": conference.starts_on.isoformat(), "after_test_attempts": 11}
    assert client.post(edit, fields).status_code == 422
    assert client.post(edit, {**fields, "after_test_attempts": 4}).status_code == 302
    conference.refresh_from_db()
    assert conference.after_test_attempts == 4


def test_the_page_hides_the_answers_until_the_test_is_sent(course, client, sign_in):
    conference, delegate = course["conference"], course["delegates"]["passer"]
    sign_in(client, delegate.user)
    url = reverse("training:quiz-take", args=[conference.pk, BEFORE])
    page = client.get(url).content.decode()
    assert page.count('type="radio"') == 30
    assert "Giải thích" not in page and "Explanation" not in page
    chosen = _answers(conference, BEFORE, right=5)
    data = {f"q{pk}": option for pk, option in chosen.items()}
    incomplete = dict(list(data.items())[:9])
    assert client.post(url, incomplete).status_code == 422
    assert client.post(url, data).status_code == 302
    review = client.get(url).content.decode()
    assert "Giải thích" in review and "5" in review
    attempt = QuizAttempt.objects.get()
    assert (attempt.score, attempt.total, attempt.answers["questions"]) == (5, 10, quiz.draw(conference, BEFORE))
    client.post(url, data)  # a second attempt changes nothing
    assert QuizAttempt.objects.count() == 1


def test_certificate_only_for_delegates_who_checked_in_and_passed(course, client, sign_in):
    conference, delegates = course["conference"], course["delegates"]
    _take(course, "passer", AFTER, right=7)
    _take(course, "failer", AFTER, right=6)
    _take(course, "absent", AFTER, right=10)
    assert quiz.certificate_verdict(delegates["passer"]).ok
    assert not quiz.certificate_verdict(delegates["failer"]).ok
    assert not quiz.certificate_verdict(delegates["absent"]).ok  # passed, but never checked in
    sign_in(client, delegates["passer"].user)
    response = client.get(reverse("training:certificate", args=[conference.pk, delegates["passer"].pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # Another delegate's certificate is not theirs to download.
    assert client.get(reverse("training:certificate", args=[conference.pk, delegates["failer"].pk])).status_code == 404
    for name in ("failer", "absent"):
        sign_in(client, delegates[name].user)
        response = client.get(reverse("training:certificate", args=[conference.pk, delegates[name].pk]))
        assert response.status_code == 302
    sign_in(client, course["organizer"])
    response = client.get(reverse("training:certificate", args=[conference.pk, delegates["passer"].pk]))
    assert response.content.startswith(b"%PDF")
    assert quiz.certificate_number(delegates["passer"]).startswith(f"{conference.starts_on.year}/")


def test_scores_by_delegate_and_by_unit_for_the_organizers(course, client, sign_in):
    conference = course["conference"]
    _take(course, "passer", BEFORE, right=4)
    _take(course, "passer", AFTER, right=9)
    _take(course, "failer", AFTER, right=6)
    rows = quiz.scores_by_delegate(conference)
    by_name = {r.delegate.user.username: r for r in rows}
    assert by_name["passer"].certified and not by_name["failer"].certified and by_name["absent"].after is None
    units = {u.unit.code: u for u in quiz.scores_by_unit(rows)}
    village1 = units[course["a"]["village1"].code]
    assert (village1.delegates, village1.before, village1.after, village1.passed) == (
        2,
        Fraction(4, 10),
        Fraction(15, 20),
        1,
    )
    sign_in(client, course["organizer"])
    page = client.get(reverse("training:quiz-scores", args=[conference.pk])).content.decode()
    assert "75%" in page and "bar-w-75" in page and "css/charts.css" in page
    sign_in(client, course["delegates"]["passer"].user)
    assert client.get(reverse("training:quiz-scores", args=[conference.pk])).status_code == 404


def test_one_evaluation_per_delegate_who_attended_and_its_charts(course, client, sign_in):
    conference, delegates = course["conference"], course["delegates"]
    actions.submit_feedback(
        conference, actor=delegates["passer"].user, content=5, speakers=4, organization=4, comment="Rất bổ ích"
    )
    with pytest.raises(DomainError):
        actions.submit_feedback(conference, actor=delegates["passer"].user, content=1, speakers=1, organization=1)
    with pytest.raises(DomainError):  # did not attend
        actions.submit_feedback(conference, actor=delegates["absent"].user, content=5, speakers=5, organization=5)
    with pytest.raises(DomainError):
        actions.submit_feedback(conference, actor=delegates["failer"].user, content=6, speakers=5, organization=5)
    sign_in(client, delegates["failer"].user)
    response = client.post(
        reverse("training:feedback", args=[conference.pk]), {"content": 3, "speakers": 5, "organization": 4}
    )
    assert response.status_code == 302 and Feedback.objects.count() == 2
    summaries, comments = quiz.feedback_summary(conference)
    content = summaries[0]
    assert content.average == Fraction(4) and content.average_text == "4.0" and comments == ["Rất bổ ích"]
    assert [(b.value, b.count, b.width_class) for b in content.bars][:3] == [
        (5, 1, "bar-w-100"),
        (4, 0, "bar-w-0"),
        (3, 1, "bar-w-100"),
    ]
    sign_in(client, course["organizer"])
    page = client.get(reverse("training:feedback-results", args=[conference.pk])).content.decode()
    assert "bar-w-100" in page and "style=" not in page


@pytest.mark.parametrize(
    ("value", "largest", "css"),
    [
        (0, 5, "bar-w-0"),
        (1, 3, "bar-w-35"),
        (1, 40, "bar-w-5"),
        (1, 41, "bar-w-0"),
        (3, 3, "bar-w-100"),
        (2, 0, "bar-w-0"),
    ],
)
def test_bar_widths_come_from_a_fixed_set_of_classes(value, largest, css):
    assert bar_width_class(value, largest) == css


def test_the_demo_seeds_answers_results_and_three_difficulties(course):
    from grassroots.training.demo_qa import seed_qa_demo
    from grassroots.training.models import Difficulty, Question

    seed_qa_demo(course["conference"])
    assert Question.objects.filter(status=Question.Status.ANSWERED, in_faq=True).count() == 12
    assert list(Difficulty.objects.values_list("status", flat=True).order_by("status")) == [
        "answered",
        "assigned",
        "open",
    ]
    by_delegate = {}
    for attempt in QuizAttempt.objects.all():
        by_delegate.setdefault(attempt.delegate_id, {})[attempt.kind] = attempt.score
    assert by_delegate and all(s[BEFORE] < s[AFTER] for s in by_delegate.values())
    assert seed_qa_demo(course["conference"]) == quiz_demo_nothing()


def quiz_demo_nothing():  # type: ignore[no-untyped-def]
    from grassroots.training.demo_qa import Seeded

    return Seeded(0, 0, 0, 0)


def test_the_delegates_page_shows_the_tests_and_the_certificate_link(course, client, sign_in):
    conference, passer = course["conference"], course["delegates"]["passer"]
    _take(course, "passer", AFTER, right=8)
    sign_in(client, passer.user)
    page = client.get(reverse("training:quiz", args=[conference.pk])).content.decode()
    assert reverse("training:quiz-take", args=[conference.pk, AFTER]) in page  # the review of the answers
    assert reverse("training:quiz-take", args=[conference.pk, BEFORE]) not in page  # closed once after is taken
    assert reverse("training:certificate", args=[conference.pk, passer.pk]) in page
    assert 'type="radio"' in client.get(reverse("training:feedback", args=[conference.pk])).content.decode()
    sign_in(client, course["official_b"])
    assert client.get(reverse("training:quiz", args=[conference.pk])).status_code == 404


def test_the_conference_page_says_when_the_test_after_the_course_opens(course, client, sign_in):
    conference = course["conference"]
    last = conference.sessions.order_by("-position").first()
    last.starts_at = timezone.make_aware(dt.datetime.combine(conference.starts_on, dt.time(15, 0)))
    last.ends_at = timezone.make_aware(dt.datetime.combine(conference.starts_on, dt.time(16, 30)))
    last.save()
    sign_in(client, course["delegates"]["passer"].user)
    page = client.get(reverse("training:conference", args=[conference.pk])).content.decode()
    day = conference.starts_on
    assert f"16:30, ngày {day.day} tháng {day.month} năm {day.year}" in page
    assert reverse("training:quiz", args=[conference.pk]) in page
