"""Training (issue 5): at the door, an organizer on a phone checks a delegate in by opening the address in
the delegate's QR code; the code of a delegate of another conference is refused and checks nobody in.
The door list finds delegates without accents and checks them in with htmx; the delegate's own
invitation carries the QR code."""

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from grassroots.accounts.models import Role, User
from grassroots.territory.models import Unit, UnitKind
from grassroots.training import actions, qr
from grassroots.training.models import Conference, Delegate

from .conftest import PHONE, assert_fits_phone, log_in, path, t, url

pytestmark = pytest.mark.e2e


def conference_inviting(title: str, role: str, kinds: list[str]) -> Conference:
    """A conference of the province's steering committee today, inviting the holders of `role`."""
    organizer = User.objects.get(username="steering")
    conference = actions.create_conference(
        actor=organizer, unit=Unit.objects.get(code="38"), title=title, starts_on=timezone.localdate()
    )
    actions.add_rule(conference, actor=organizer, role=role, unit_kinds=kinds)
    actions.resolve_invitations(conference, actor=organizer)
    return conference


def name(delegate: Delegate) -> str:
    return delegate.user.get_full_name()


def test_check_in_by_qr_on_a_phone_and_a_delegate_of_another_conference_is_refused(
    live_server: Any, demo: None, page: Page, browser: Browser, snap: Any
) -> None:
    ours = conference_inviting("Hội nghị tập huấn tháng này", Role.INSPECTION_BOARD, [UnitKind.WARD])
    theirs = conference_inviting("Hội nghị khác", Role.VILLAGE_FRONT_HEAD, [UnitKind.RESIDENTIAL_GROUP])
    delegate = ours.delegates.select_related("user", "unit").get(user__username="inspector")
    stranger = theirs.delegates.select_related("user").get(user__username="villagefront")
    assert page.viewport_size == PHONE

    # The organizer logs in on the phone (password, then the authenticator code).
    log_in(page, live_server, "steering")

    # The camera app opens the address in the delegate's QR code: name, unit, role and a big button.
    page.goto(live_server.url + qr.checkin_path(delegate))
    main = page.locator("main")
    expect(main.locator(".who")).to_have_text(name(delegate))
    expect(main).to_contain_text("Phường Hạc Thành")
    expect(main).to_contain_text(t(Role.INSPECTION_BOARD.label))
    button = main.get_by_role("button", name=t("Check in"), exact=True)
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box is not None and box["width"] > PHONE["width"] * 0.8  # big enough to hit at the door
    snap(page, "training-check-in")
    assert_fits_phone(page)
    button.click()
    expect(main.locator("p.ok")).to_be_visible()
    expect(main.locator(".messages")).to_contain_text(t("%(name)s is checked in.") % {"name": name(delegate)})
    expect(main.get_by_role("button", name=t("Check in"), exact=True)).to_have_count(0)
    delegate.refresh_from_db()
    assert delegate.checked_in_at is not None

    # The code of a delegate of another conference, opened on this conference's door: refused, nobody in.
    page.goto(url(live_server, "training:check-in", ours.pk, stranger.checkin_token))
    expect(page.locator("h1")).to_have_text(t("Check-in refused"))
    expect(main.locator("[role=alert]")).to_have_text(t("This code is not a delegate of this conference."))
    expect(main).not_to_contain_text(name(stranger))
    expect(main.get_by_role("button", name=t("Check in"), exact=True)).to_have_count(0)
    snap(page, "training-check-in-refused")
    assert_fits_phone(page)
    stranger.refresh_from_db()
    assert stranger.checked_in_at is None
    assert Delegate.objects.filter(checked_in_at__isnull=False).count() == 1

    # A delegate is no organizer: the check-in page of their own conference does not exist for them.
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    try:
        phone = context.new_page()
        log_in(phone, live_server, "villagefront")
        response = phone.goto(live_server.url + qr.checkin_path(stranger))
        assert response is not None and response.status == 404
        # Their own invitation carries their QR code.
        phone.goto(url(live_server, "training:invitation", theirs.pk))
        expect(phone.locator("figure.qr img")).to_have_attribute("src", re.compile(r"^data:image/svg\+xml"))
        snap(phone, "training-invitation")
        assert_fits_phone(phone)
        phone.emulate_media(media="print")
        expect(phone.locator("header.top")).to_be_hidden()
        expect(phone.locator("form[action$='/respond/']")).to_be_hidden()
        expect(phone.locator("figure.qr img")).to_be_visible()
        snap(phone, "training-invitation-print")
    finally:
        context.close()


def test_the_door_list_finds_and_checks_in_with_htmx(live_server: Any, demo: None, page: Page, snap: Any) -> None:
    conference = conference_inviting(
        "Hội nghị tập huấn tháng này", Role.VILLAGE_FRONT_HEAD, [UnitKind.RESIDENTIAL_GROUP]
    )
    organizer = User.objects.get(username="steering")
    for username in ["official", "inspector", "supervisor", "delegate"]:
        actions.invite_by_name(conference, actor=organizer, user=User.objects.get(username=username),
                               unit=Unit.objects.get(code="14758"))  # fmt: skip
    front = conference.delegates.select_related("user").get(user__username="villagefront")
    session = conference.sessions.order_by("position").first()
    assert session is not None
    # The first session started an hour ago: whoever arrives now is late.
    session.starts_at = timezone.now() - dt.timedelta(hours=1)
    session.save()

    log_in(page, live_server, "steering")
    page.goto(url(live_server, "training:door", conference.pk))
    count = page.locator("#count .count")
    expect(count).to_have_text("0 / 5")
    rows = page.locator("#delegate-rows tbody tr")
    expect(rows).to_have_count(5)
    assert_fits_phone(page)

    # Typing a name without accents narrows the list in place (htmx), and the button checks in.
    page.evaluate("window.__sameDocument = true")
    page.locator("#q").fill("ngo thi cong")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(name(front))
    rows.first.get_by_role("button", name=t("Check in"), exact=True).click()
    expect(page.locator("#delegate-rows .messages")).to_contain_text(
        t("%(name)s is checked in.") % {"name": name(front)}
    )
    expect(count).to_have_text("1 / 5")
    expect(rows.first.locator(".tag")).to_have_text(t("late"))
    assert page.evaluate("window.__sameDocument") is True
    snap(page, "training-door")
    front.refresh_from_db()
    assert front.checked_in_at is not None

    # The organizer records that the delegate leaves before the end.
    rows.first.get_by_role("button", name=t("Record departure"), exact=True).click()
    expect(page.locator("#delegate-rows .messages")).to_contain_text(
        t("The departure of %(name)s is recorded.") % {"name": name(front)}
    )
    front.refresh_from_db()
    assert front.left_at is not None
    assert path("training:door", conference.pk) in page.url


def _bank() -> None:
    """The quiz bank, if the demo database holds none (transactional tests empty the migrations' data)."""
    from grassroots.library.models import Article, Chapter, Document, QuizOption, QuizQuestion
    from grassroots.library.models import Topic as BankTopic

    if QuizQuestion.objects.exists():
        return
    document = Document.objects.create(code="e2e-law", short_name_vi="Luật thử", short_name_en="Test law",
                                       title_vi="Luật thử", title_en="Test law", in_force_on=dt.date(2023, 7, 1))  # fmt: skip
    chapter = Chapter.objects.create(document=document, number=1, title_vi="Chương I", title_en="Chapter I")
    article = Article.objects.create(document=document, chapter=chapter, number=99, title_vi="Điều thử",
                                     title_en="Test article", summary_vi="Tóm tắt", summary_en="Summary")  # fmt: skip
    for topic in BankTopic.values:
        for n in range(5):
            question = QuizQuestion.objects.create(code=f"e-{topic}-{n}", topic=topic, article=article,
                                                   text_vi=f"Câu hỏi {topic} {n}?", text_en=f"Question {topic} {n}?",
                                                   explanation_vi="Giải thích.", explanation_en="Explanation.")  # fmt: skip
            for order in range(3):
                QuizOption.objects.create(question=question, order=order, text_vi=f"Phương án {order}",
                                          text_en=f"Option {order}", is_correct=order == 1)  # fmt: skip


def test_a_failed_test_after_the_course_is_taken_again_from_the_training_menu(
    live_server: Any, demo: None, page: Page, snap: Any
) -> None:
    """Issue 9: the menu reaches the FAQ; the test after the course opens after the last session; a delegate
    who fails it is told how many attempts are left and takes it again on a phone."""
    from grassroots.library.models import QuizOption
    from grassroots.training import quiz

    _bank()
    conference = conference_inviting("Hội nghị tập huấn tháng này", Role.INSPECTION_BOARD, [UnitKind.WARD])
    # The sessions are over.
    conference.sessions.update(starts_at=timezone.now() - dt.timedelta(hours=3),
                               ends_at=timezone.now() - dt.timedelta(hours=2))  # fmt: skip
    log_in(page, live_server, "inspector")
    page.goto(url(live_server, "training:quiz", conference.pk))
    menu = page.locator("nav.subnav")
    expect(menu.get_by_role("link", name=t("Frequently asked questions"), exact=True)).to_be_visible()
    assert_fits_phone(page)
    page.locator(f"a[href='{path('training:quiz-take', conference.pk, 'after')}']").click()
    for pk in quiz.draw(conference, "after"):
        wrong = QuizOption.objects.filter(question_id=pk, is_correct=False).order_by("order").first()
        assert wrong is not None
        page.locator(f"input[name='q{pk}'][value='{wrong.pk}']").check()
    snap(page, "training-quiz-after")
    assert_fits_phone(page)
    page.get_by_role("button", name=t("Send my answers"), exact=True).click()
    expect(page.locator("main")).to_contain_text(t("Not passed."))
    again = page.get_by_role("link", name=t("Take the test again"), exact=True)
    expect(again).to_be_visible()
    again.click()
    expect(page.locator("input[name='attempt']")).to_have_value("2")
    assert_fits_phone(page)
    menu.get_by_role("link", name=t("Frequently asked questions"), exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(path("training:faq"))))
