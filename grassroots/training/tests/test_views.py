"""Issue 5, items 1–3 through the pages: an organizer builds a conference from the template, invites by
rule, checks delegates in by their QR code and reads the coverage; a code of another conference checks
nobody in; organizers elsewhere, delegates and anonymous visitors meet 404s and the login page."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.models import AuditEvent
from grassroots.territory.models import UnitKind
from grassroots.territory.tests.factories import UnitFactory
from grassroots.training import actions, qr
from grassroots.training.models import Conference, Delegate, Material, Topic

pytestmark = pytest.mark.django_db
# Two weeks ahead: invitations go out only before a conference.
DAY = timezone.localdate() + dt.timedelta(days=14)
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def city():  # type: ignore[no-untyped-def]
    """Province P (three communes, C1 a ward, two villages each) with its steering committee and the
    head of the People's Inspection Board of C1 and C2; province Q with a steering committee of its own."""
    province = UnitFactory(code="P", name="Tỉnh P", kind=UnitKind.PROVINCE)
    communes = [
        UnitFactory(code=f"C{i}", name=f"Xã C{i}", kind=UnitKind.WARD if i == 1 else UnitKind.COMMUNE, parent=province)
        for i in (1, 2, 3)
    ]
    for c in communes:
        for j in (1, 2):
            UnitFactory(code=f"{c.code}-{j}", name=f"Thôn {j}", kind=UnitKind.VILLAGE, parent=c)
    organizer = UserFactory(username="steering", first_name="Đạo", last_name="Lê Văn Chỉ")
    grant(organizer, province, Role.STEERING_MEMBER)
    heads = {}
    for commune, (last, first) in zip(communes[:2], [("Vũ Văn", "Thanh"), ("Trần Thị", "Hoa")], strict=True):
        head = UserFactory(
            username=f"pib_{commune.code}", first_name=first, last_name=last, email=f"{commune.code}@example.org"
        )
        grant(head, commune, Role.INSPECTION_BOARD)
        heads[commune.code] = head
    other_province = UnitFactory(code="Q", name="Tỉnh Q", kind=UnitKind.PROVINCE)
    outsider = UserFactory(username="steering_q")
    grant(outsider, other_province, Role.STEERING_MEMBER)
    return {"province": province, "communes": communes, "organizer": organizer, "heads": heads, "outsider": outsider}


def conference_with_delegates(city, title="Hội nghị tập huấn 2026"):  # type: ignore[no-untyped-def]
    conference = actions.create_conference(actor=city["organizer"], unit=city["province"], title=title, starts_on=DAY)
    actions.add_rule(
        conference, actor=city["organizer"], role=Role.INSPECTION_BOARD, unit_kinds=[UnitKind.COMMUNE, UnitKind.WARD]
    )
    actions.resolve_invitations(conference, actor=city["organizer"])
    return conference


def t(message: str) -> str:
    """A message as the pages render it (Vietnamese, the default language, once the catalog has it)."""
    with translation.override("vi"):
        return translation.gettext(message)


def check_in_path(delegate: Delegate) -> str:
    return reverse("training:check-in", args=[delegate.conference_id, delegate.checkin_token])


def conference_pages(conference: Conference, delegate: Delegate) -> list[str]:
    pk = conference.pk
    session = conference.sessions.first()
    assert session is not None
    return [
        reverse("training:conference", args=[pk]),
        reverse("training:conference-edit", args=[pk]),
        reverse("training:session-new", args=[pk]),
        reverse("training:session-edit", args=[pk, session.pk]),
        reverse("training:material-new", args=[pk]),
        reverse("training:delegates", args=[pk]),
        reverse("training:delegate-invitation", args=[pk, delegate.pk]),
        reverse("training:invitation", args=[pk]),
        reverse("training:door", args=[pk]),
        reverse("training:coverage", args=[pk]),
        check_in_path(delegate),
    ]


def test_the_organizer_journey_from_template_to_coverage(client, sign_in, city):
    sign_in(client, city["organizer"])
    response = client.post(
        reverse("training:conference-new"),
        {"unit": city["province"].pk, "title": "Hội nghị tập huấn 2026", "starts_on": DAY.isoformat(),
         "venue": "Hội trường tỉnh", "from_template": "on"},
    )  # fmt: skip
    conference = Conference.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("training:conference", args=[conference.pk])
    sessions = list(conference.sessions.all())
    assert [s.topic for s in sessions] == [Topic.LAW, Topic.DECREE_59, Topic.TASKS, Topic.SITUATION, Topic.EXCHANGE]

    # The organizers set the speaker and the time of the first session.
    first = sessions[0]
    response = client.post(
        reverse("training:session-edit", args=[conference.pk, first.pk]),
        {
            "topic": Topic.LAW,
            "title": "",
            "speaker": "Trưởng ban Dân vận",
            "starts_at": f"{DAY}T07:30",
            "ends_at": f"{DAY}T08:30",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.speaker == "Trưởng ban Dân vận" and timezone.localtime(first.starts_at).hour == 7
    assert first.title == str(Topic.LAW.label)
    page = client.get(reverse("training:conference", args=[conference.pk])).content.decode()
    assert "Trưởng ban Dân vận" in page and "07:30" in page

    # Invite the head of the People's Inspection Board of every ward and commune, and resolve the list.
    response = client.post(
        reverse("training:rule-add", args=[conference.pk]),
        {"role": Role.INSPECTION_BOARD, "unit_kinds": ["commune", "ward"]},
    )
    assert response.status_code == 302
    assert client.post(reverse("training:resolve", args=[conference.pk])).status_code == 302
    assert set(conference.delegates.values_list("user__username", flat=True)) == {"pib_C1", "pib_C2"}

    # The QR code of a delegate opens their check-in page; "Check in" records the arrival.
    delegate = conference.delegates.get(user__username="pib_C1")
    path = check_in_path(delegate)
    assert path == f"/training/{conference.pk}/check-in/{delegate.checkin_token}/" == qr.checkin_path(delegate)
    page = client.get(path)
    assert page.status_code == 200
    assert "Vũ Văn Thanh" in page.content.decode() and "Xã C1" in page.content.decode()
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == path
    delegate.refresh_from_db()
    assert delegate.checked_in_at is not None
    assert AuditEvent.objects.filter(verb="training.checked_in").count() == 1
    # Scanning the same code twice checks in once.
    client.post(path)
    assert AuditEvent.objects.filter(verb="training.checked_in").count() == 1

    # Coverage: C2 was invited and did not come; C3 has nobody holding the role.
    page = client.get(reverse("training:coverage", args=[conference.pk])).content.decode()
    nobody = page.split('id="nobody"')[1].split("</ul>")[0]
    assert "Xã C2" in nobody and "Xã C3" in nobody and "Xã C1" not in nobody


def test_a_code_of_another_conference_is_refused_and_checks_nobody_in(client, sign_in, city):
    first = conference_with_delegates(city, "Hội nghị thứ nhất")
    second = conference_with_delegates(city, "Hội nghị thứ hai")
    of_second = second.delegates.get(user__username="pib_C1")
    foreign = reverse("training:check-in", args=[first.pk, of_second.checkin_token])
    sign_in(client, city["organizer"])
    for response in (client.get(foreign), client.post(foreign)):
        assert response.status_code == 404
        body = response.content.decode()
        assert t("This code is not a delegate of this conference.") in body
        assert "Hội nghị thứ hai" in body  # the organizer runs that one too, so it is named
    assert not Delegate.objects.filter(checked_in_at__isnull=False).exists()
    assert not AuditEvent.objects.filter(verb="training.checked_in").exists()
    # A made-up code is refused the same way.
    assert client.post(reverse("training:check-in", args=[first.pk, "not-a-code"])).status_code == 404


def test_a_delegate_is_refused_at_the_qr_url_of_a_conference(client, sign_in, city):
    first = conference_with_delegates(city, "Hội nghị thứ nhất")
    second = conference_with_delegates(city, "Hội nghị thứ hai")
    delegate_of_second = city["heads"]["C2"]
    target = first.delegates.get(user__username="pib_C1")
    sign_in(client, delegate_of_second)
    # A delegate (of this conference or another) is not an organizer: the check-in page does not exist for them.
    for conference in (first, second):
        someone = conference.delegates.get(user__username="pib_C1")
        assert client.get(check_in_path(someone)).status_code == 404
        assert client.post(check_in_path(someone)).status_code == 404
    target.refresh_from_db()
    assert target.checked_in_at is None


def test_an_organizer_of_another_province_gets_404_for_every_conference_page(client, sign_in, city):
    conference = conference_with_delegates(city)
    delegate = conference.delegates.first()
    sign_in(client, city["outsider"])
    for url in conference_pages(conference, delegate):
        assert client.get(url).status_code == 404, url
    for name in ["resolve", "send-invitations", "rule-add", "invite"]:
        assert client.post(reverse(f"training:{name}", args=[conference.pk])).status_code == 404, name
    assert client.post(reverse("training:door-check-in", args=[conference.pk, delegate.pk])).status_code == 404
    assert client.post(check_in_path(delegate)).status_code == 404
    delegate.refresh_from_db()
    assert delegate.checked_in_at is None
    assert conference.title not in client.get(reverse("training:home")).content.decode()


def test_a_delegate_sees_only_their_own_invitation_and_not_the_door(client, sign_in, city):
    conference = conference_with_delegates(city)
    me, other = conference.delegates.get(user__username="pib_C1"), conference.delegates.get(user__username="pib_C2")
    sign_in(client, me.user)
    page = client.get(reverse("training:invitation", args=[conference.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Vũ Văn Thanh" in body and "Trần Thị Hoa" not in body
    assert 'src="data:image/svg+xml' in body  # the QR code, inline
    assert 'media="print"' in body and "<script>" not in body and "style=" not in body
    assert client.get(reverse("training:conference", args=[conference.pk])).status_code == 200
    for url in [
        reverse("training:delegate-invitation", args=[conference.pk, other.pk]),
        reverse("training:delegate-invitation", args=[conference.pk, me.pk]),
        reverse("training:door", args=[conference.pk]),
        reverse("training:delegates", args=[conference.pk]),
        reverse("training:coverage", args=[conference.pk]),
        reverse("training:conference-edit", args=[conference.pk]),
        check_in_path(me),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("training:door-check-in", args=[conference.pk, me.pk])).status_code == 404
    # Somebody invited to nothing has no invitation page.
    sign_in(client, UserFactory(username="nobody"))
    assert client.get(reverse("training:invitation", args=[conference.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, city):
    conference = conference_with_delegates(city)
    for url in [reverse("training:home"), *conference_pages(conference, conference.delegates.first())]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_invitations_are_emailed_once(client, sign_in, city, django_capture_on_commit_callbacks):
    conference = conference_with_delegates(city)
    sign_in(client, city["organizer"])
    send = reverse("training:send-invitations", args=[conference.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(send).status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["C1@example.org", "C2@example.org"]
    message = mail.outbox[0]
    assert conference.title in message.subject
    assert f"/training/{conference.pk}/invitation/" in message.body
    # Pressing again, or the task running again, sends nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(send)
    assert actions.send_for_conference(conference.pk) == 0
    assert len(mail.outbox) == 2
    assert not conference.delegates.filter(invitation_sent_at__isnull=True).exists()
    # A deputy sent later gets an invitation of their own, and only they do.
    deputy = UserFactory(username="deputy", phone="0912345678", email="deputy@example.org")
    sign_in(client, city["heads"]["C2"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("training:substitute", args=[conference.pk]), {"deputy": "+84 912 345 678"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox[2:]] == [["deputy@example.org"]]
    substitute = conference.delegates.get(user=deputy)
    assert substitute.substitute_for.user.username == "pib_C2" and substitute.status == Delegate.Status.REGISTERED


def test_a_delegate_registers_declines_or_sends_a_deputy(client, sign_in, city):
    conference = conference_with_delegates(city)
    head = city["heads"]["C1"]
    sign_in(client, head)
    respond = reverse("training:respond", args=[conference.pk])
    client.post(respond, {"attending": "yes"})
    assert conference.delegates.get(user=head).status == Delegate.Status.REGISTERED
    client.post(respond, {"attending": "no"})
    assert conference.delegates.get(user=head).status == Delegate.Status.DECLINED
    # An unknown deputy is an error beside the field; nothing changes.
    response = client.post(reverse("training:substitute", args=[conference.pk]), {"deputy": "no-such-person"})
    assert (
        response.status_code == 422 and t("No account has this username or phone number.") in response.content.decode()
    )
    deputy = UserFactory(username="pho_ban", first_name="Nam", last_name="Đỗ Văn")
    client.post(reverse("training:substitute", args=[conference.pk]), {"deputy": "pho_ban"})
    original = conference.delegates.get(user=head)
    assert original.status == Delegate.Status.REPLACED
    page = client.get(reverse("training:invitation", args=[conference.pk])).content.decode()
    assert "Đỗ Văn Nam" in page and "data:image/svg+xml" not in page  # the head's code no longer works
    # The deputy's own invitation has a code, and it checks in.
    sign_in(client, deputy)
    assert "data:image/svg+xml" in client.get(reverse("training:invitation", args=[conference.pk])).content.decode()
    sign_in(client, city["organizer"])
    assert client.post(check_in_path(original)).status_code == 409
    client.post(check_in_path(conference.delegates.get(user=deputy)))
    assert conference.delegates.get(user=deputy).checked_in_at is not None


def test_the_door_searches_checks_in_with_and_without_htmx_and_shows_late_and_early(client, sign_in, city):
    conference = conference_with_delegates(city)
    first_session = conference.sessions.order_by("position").first()
    start = timezone.make_aware(dt.datetime.combine(DAY, dt.time(7, 30)))
    first_session.starts_at, first_session.ends_at = start, start + dt.timedelta(hours=8)
    first_session.save()
    sign_in(client, city["organizer"])
    door = reverse("training:door", args=[conference.pk])
    # Search without accents, by name or unit: the rows only, when htmx asks.
    response = client.get(door, {"q": "tran thi hoa"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="delegate-rows")
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith('<div id="delegate-rows">')
    assert "Trần Thị Hoa" in body and "Vũ Văn Thanh" not in body
    assert "Vũ Văn Thanh" in client.get(door, {"q": "xa c1"}).content.decode()
    # The live count.
    count = client.get(door, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="count").content.decode()
    assert count.lstrip().startswith('<section id="count"') and "<strong>0</strong> / 2" in count
    # Check in from the list, with htmx: rows and count come back in place.
    hoa = conference.delegates.get(user__username="pib_C2")
    response = client.post(
        reverse("training:door-check-in", args=[conference.pk, hoa.pk]), {"q": "hoa"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and t("%(name)s is checked in.") % {"name": "Trần Thị Hoa"} in body
    assert 'hx-swap-oob="true"' in body and "<strong>1</strong> / 2" in body
    # Without JavaScript: POST, then back to the same search.
    thanh = conference.delegates.get(user__username="pib_C1")
    response = client.post(reverse("training:door-check-in", args=[conference.pk, thanh.pk]), {"q": "thanh"})
    assert response.status_code == 302 and response["Location"] == f"{door}?q=thanh"
    # Thanh came at 08:10 (late: more than 15 minutes after 07:30) and leaves at 11:00, before the end.
    Delegate.objects.filter(pk=thanh.pk).update(checked_in_at=start + dt.timedelta(minutes=40))
    client.post(reverse("training:door-leave", args=[conference.pk, thanh.pk]))
    Delegate.objects.filter(pk=thanh.pk).update(left_at=start + dt.timedelta(hours=3, minutes=30))
    page = client.get(door).content.decode()
    assert t("arrived %(time)s") % {"time": "08:10"} in page and t("left %(time)s") % {"time": "11:00"} in page
    assert page.count(f'class="tag">{t("late")}<') == 1 and page.count(f'class="tag">{t("left early")}<') == 1
    coverage = client.get(reverse("training:coverage", args=[conference.pk])).content.decode()
    assert "Vũ Văn Thanh" in coverage.split(f"{t('Arrived late')}</h2>")[1]


def test_the_door_page_runs_a_fixed_number_of_queries(client, sign_in, city, django_assert_max_num_queries):
    conference = conference_with_delegates(city)
    for i in range(30):
        person = UserFactory(username=f"front_{i}")
        actions.invite_by_name(conference, actor=city["organizer"], user=person, unit=city["communes"][i % 3])
    sign_in(client, city["organizer"])
    client.get(reverse("training:door", args=[conference.pk]))  # warm the session
    with django_assert_max_num_queries(14):
        assert client.get(reverse("training:door", args=[conference.pk])).status_code == 200


def test_materials_are_uploaded_checked_and_given_to_delegates_only(client, sign_in, city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    conference = conference_with_delegates(city)
    sign_in(client, city["organizer"])
    new = reverse("training:material-new", args=[conference.pk])
    renamed = SimpleUploadedFile("luat.pdf", b"MZ\x90\x00program", content_type="application/pdf")
    response = client.post(new, {"title": "Luật 10/2022/QH15", "file": renamed})
    assert response.status_code == 422 and not Material.objects.exists()
    assert (
        client.post(
            new, {"title": "Both", "file": SimpleUploadedFile("a.pdf", PDF), "url": "https://vbpl.vn/"}
        ).status_code
        == 422
    )
    response = client.post(new, {"title": "Luật 10/2022/QH15", "file": SimpleUploadedFile("luat.pdf", PDF)})
    assert response.status_code == 302
    client.post(new, {"title": "Nghị định 59/2023/NĐ-CP", "url": "https://vbpl.vn/"})
    document, link = Material.objects.order_by("pk")
    sign_in(client, city["heads"]["C1"])
    response = client.get(reverse("training:material", args=[conference.pk, document.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert 'filename="luat.pdf"' in response["Content-Disposition"]
    assert client.get(reverse("training:material", args=[conference.pk, link.pk]))["Location"] == "https://vbpl.vn/"
    sign_in(client, city["outsider"])
    assert client.get(reverse("training:material", args=[conference.pk, document.pk])).status_code == 404


def test_the_training_link_shows_for_organizers_and_delegates_only(client, sign_in, city):
    conference_with_delegates(city)
    link = f'href="{reverse("training:home")}"'
    for user, shown in [
        (city["organizer"], True),
        (city["heads"]["C1"], True),
        (UserFactory(username="resident"), False),
    ]:
        sign_in(client, user)
        body = client.get(reverse("accounts:profile")).content.decode()
        assert (link in body) is shown, user.username


def test_organizers_add_and_remove_sessions_within_the_conference_day(client, sign_in, city):
    conference = conference_with_delegates(city)
    sign_in(client, city["organizer"])
    new = reverse("training:session-new", args=[conference.pk])
    wrong_day = client.post(
        new, {"topic": Topic.OTHER, "title": "Tham quan", "starts_at": f"{DAY + dt.timedelta(days=1)}T08:00"}
    )
    assert (
        wrong_day.status_code == 422
        and t("The session must take place on a day of the conference.") in wrong_day.content.decode()
    )
    backwards = client.post(
        new, {"topic": Topic.OTHER, "title": "Tham quan", "starts_at": f"{DAY}T09:00", "ends_at": f"{DAY}T08:00"}
    )
    assert backwards.status_code == 422
    assert client.post(new, {"topic": Topic.OTHER, "title": "Tổng kết", "starts_at": f"{DAY}T16:00"}).status_code == 302
    added = conference.sessions.get(title="Tổng kết")
    assert added.position == 5
    client.post(reverse("training:session-remove", args=[conference.pk, added.pk]))
    assert conference.sessions.count() == 5


def test_the_printable_invitation_of_any_delegate_is_for_organizers(client, sign_in, city):
    conference = conference_with_delegates(city)
    delegate = conference.delegates.get(user__username="pib_C2")
    sign_in(client, city["organizer"])
    body = client.get(reverse("training:delegate-invitation", args=[conference.pk, delegate.pk])).content.decode()
    assert "Trần Thị Hoa" in body and "data:image/svg+xml" in body
    assert not re.search(r"<form[^>]*training/\d+/invitation/", body)  # no answer buttons on someone else's


def test_after_the_conference_no_invitation_goes_out_and_delegates_no_longer_answer(client, sign_in, city):
    conference = conference_with_delegates(city)
    Conference.objects.filter(pk=conference.pk).update(starts_on=timezone.localdate() - dt.timedelta(days=1))
    sign_in(client, city["organizer"])
    page = client.get(reverse("training:delegates", args=[conference.pk])).content.decode()
    assert reverse("training:send-invitations", args=[conference.pk]) not in page
    client.post(reverse("training:send-invitations", args=[conference.pk]))
    assert not mail.outbox and not conference.delegates.filter(invitation_sent_at__isnull=False).exists()
    assert actions.send_for_conference(conference.pk) == 0
    sign_in(client, city["heads"]["C1"])
    page = client.get(reverse("training:invitation", args=[conference.pk])).content.decode()
    assert reverse("training:respond", args=[conference.pk]) not in page


def test_organizers_invite_by_name_and_rules_need_a_kind_of_unit(client, sign_in, city):
    conference = conference_with_delegates(city)
    sign_in(client, city["organizer"])
    response = client.post(reverse("training:rule-add", args=[conference.pk]), {"role": Role.VILLAGE_FRONT_HEAD})
    assert response.status_code == 422 and conference.rules.count() == 1
    guest = UserFactory(username="guest", phone="0987654321")
    grant(guest, city["communes"][2], Role.COMMUNE_FRONT)
    response = client.post(reverse("training:invite", args=[conference.pk]), {"account": "0987 654 321"})
    assert response.status_code == 302
    invited = conference.delegates.get(user=guest)
    assert invited.unit == city["communes"][2] and invited.rule is None  # the unit where the guest holds a role
    response = client.post(reverse("training:invite", args=[conference.pk]), {"account": "nobody-here"})
    assert response.status_code == 422
    # Resolving the list again keeps a delegate invited by name.
    client.post(reverse("training:resolve", args=[conference.pk]))
    assert conference.delegates.get(user=guest).status == Delegate.Status.INVITED


def test_sending_with_no_delegate_says_there_is_nobody_to_send_to(client, sign_in, city):
    """Issue 9: not "sent to every delegate" when there is no delegate; it says what to do."""
    conference = actions.create_conference(actor=city["organizer"], unit=city["province"], title="Trống", starts_on=DAY)
    sign_in(client, city["organizer"])
    page = client.get(reverse("training:delegates", args=[conference.pk])).content.decode()
    nobody = t(str(actions.conferences.NOBODY_TO_INVITE))
    assert nobody in page and t("Every delegate has been sent the invitation.") not in page
    response = client.post(reverse("training:send-invitations", args=[conference.pk]), follow=True)
    assert nobody in response.content.decode()
    assert not AuditEvent.objects.filter(verb="training.invitations_sent").exists()


def test_invitations_appear_in_the_notifications_and_go_by_sms(
    client, sign_in, city, settings, django_capture_on_commit_callbacks
):
    """Issue 9: the invitation is a notice in the app (the header counts it, the notifications page lists
    it) and an SMS when the delegate's account has a phone number; never the phone in the logs."""
    from grassroots.core import sms
    from grassroots.core.models import Notice

    settings.SMS_BACKEND = "grassroots.core.sms.LocmemBackend"
    sms.outbox.clear()
    head = city["heads"]["C1"]
    head.phone = "0911222333"
    head.save(update_fields=["phone"])
    conference = conference_with_delegates(city)
    sign_in(client, city["organizer"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("training:send-invitations", args=[conference.pk]))
    assert Notice.objects.filter(key=f"training.invitation:{conference.pk}").count() == 2
    assert [m.phone for m in sms.outbox] == ["0911222333"]
    assert f"/training/{conference.pk}/invitation/" in sms.outbox[0].text
    sms.outbox.clear()
    sign_in(client, head)
    home = client.get(reverse("training:home")).content.decode()
    assert "(1 " in home  # the header's unread count
    page = client.get(reverse("decisions:notifications")).content.decode()
    assert conference.title in page and f'href="/training/{conference.pk}/invitation/"' in page
    notice = Notice.objects.get(user=head)
    client.post(reverse("decisions:notifications"), {"notice": notice.pk})
    notice.refresh_from_db()
    assert notice.read_at is not None
    # Another delegate's notice is not on this page, and marking it from here changes nothing.
    other = Notice.objects.get(user=city["heads"]["C2"])
    client.post(reverse("decisions:notifications"), {"notice": other.pk})
    other.refresh_from_db()
    assert other.read_at is None
    sign_in(client, city["outsider"])
    assert conference.title not in client.get(reverse("decisions:notifications")).content.decode()


@pytest.mark.parametrize(("minutes", "warned"), [(1, False), (10, True)])
def test_the_notifications_page_says_when_the_worker_is_not_running(client, sign_in, city, settings, minutes, warned):
    from django_tasks_db.models import DBTaskResult, get_date_max

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WORKER_LATE_SECONDS = 120
    row = DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="x.y", backend_name="default",
                                      run_after=get_date_max())  # fmt: skip
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - dt.timedelta(minutes=minutes))
    sign_in(client, city["organizer"])
    body = client.get("/en" + reverse("decisions:notifications")).content.decode()
    assert ("does not seem to be running" in body) is warned
