"""Representatives are told when a matter opens, shortly before it closes, and of the result: in the app,
by e-mail and by SMS, from background tasks (immediate backend in tests), each at most once."""

import datetime as dt
import logging
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from grassroots.accounts.tests.factories import UserFactory
from grassroots.core import sms
from grassroots.decisions import notifications, notify
from grassroots.decisions.models import Matter, Notification, NotificationKind, Status
from grassroots.people.crypto import decrypt_national_id
from grassroots.people.models import Household, Representation
from grassroots.people.tests.factories import make_household

SITE_URL = "https://dan-chu.example.gov.vn"


@pytest.fixture(autouse=True)
def _sms_and_links(settings):  # type: ignore[no-untyped-def]
    settings.SMS_BACKEND = "grassroots.core.sms.LocmemBackend"
    settings.SITE_URL = SITE_URL
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def reachable(village):  # type: ignore[no-untyped-def]
    """Every representative of A1 has an e-mail address and a phone; so do the representatives of
    village A2 and of commune B, who must never hear about A1's matters."""
    for i, user in enumerate(village["voters"]):
        user.email, user.phone = f"rep{i}@example.org", f"09120000{i:02d}"
        user.save(update_fields=["email", "phone"])
    outsiders = []
    for i, key in enumerate(["a2", "b1"]):
        rep = Representation.objects.get(household=village["households"][key], valid_to__isnull=True)
        outsiders.append(
            UserFactory(
                username=f"outsider{i}", resident=rep.resident, email=f"out{i}@example.org", phone=f"091300000{i}"
            )
        )
    return {**village, "outsiders": outsiders}


@pytest.fixture
def opened(request, reachable, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """The online matter of A1, opened with its on-commit callbacks (the notification task) run."""
    with django_capture_on_commit_callbacks(execute=True):
        matter = request.getfixturevalue("online_matter")
    return matter


def _told(matter: Matter, kind: str) -> set[int]:
    return set(Notification.objects.filter(matter=matter, kind=kind).values_list("user_id", flat=True))


def test_opening_a_matter_tells_every_representative_of_the_village_once(opened, reachable):
    voters = reachable["voters"]
    assert _told(opened, NotificationKind.OPENED) == {u.pk for u in voters}
    # One e-mail per representative, each to that one address only.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in voters)
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    link = f"{SITE_URL}/decisions/{opened.pk}/"
    assert all(opened.title in m.subject and link in m.body for m in mail.outbox)
    assert sorted(m.phone for m in sms.outbox) == sorted(u.phone for u in voters)
    assert all(link in m.text for m in sms.outbox)
    # Nobody in village A2 or in commune B.
    outsiders = {u.pk for u in reachable["outsiders"]}
    assert not outsiders & set(Notification.objects.values_list("user_id", flat=True))
    assert not {u.email for u in reachable["outsiders"]} & {m.to[0] for m in mail.outbox}
    assert not {u.phone for u in reachable["outsiders"]} & {m.phone for m in sms.outbox}


def test_running_the_task_again_sends_nothing_new(opened, reachable):
    before = (Notification.objects.count(), len(mail.outbox), len(sms.outbox))
    result = notify.matter_opened.enqueue(opened.pk)
    assert result.return_value == 0
    assert (Notification.objects.count(), len(mail.outbox), len(sms.outbox)) == before


def test_a_representative_linked_later_is_told_on_the_next_run_alone(opened, reachable):
    # A new household of A1, whose representative gets an account after the matter opened.
    rep = Representation.objects.get(household=make_household(reachable["a1"], members=1))
    newcomer = UserFactory(username="newcomer", resident=rep.resident, email="new@example.org")
    mail.outbox.clear()
    assert notify.matter_opened.enqueue(opened.pk).return_value == 1
    assert [m.to for m in mail.outbox] == [[newcomer.email]]
    assert len(sms.outbox) == len(reachable["voters"])  # no phone, no SMS


def test_only_current_representatives_with_an_active_account_are_told(reachable, online_matter):
    voters = reachable["voters"]
    voters[0].is_active = False
    voters[0].save(update_fields=["is_active"])
    Representation.objects.filter(resident=voters[1].resident).update(valid_to=dt.date(2025, 8, 1))
    Household.objects.filter(representations__resident=voters[2].resident).update(dissolved_on=dt.date(2025, 8, 1))
    voters[3].email = ""
    voters[3].save(update_fields=["email"])
    assert notify.matter_opened.enqueue(online_matter.pk).return_value == 7
    assert _told(online_matter, NotificationKind.OPENED) == {u.pk for u in voters[3:]}
    # Without an e-mail address: told in the app and by SMS, not by e-mail.
    assert len(mail.outbox) == 6
    assert voters[3].phone in {m.phone for m in sms.outbox}


def test_notifying_a_large_village_takes_a_fixed_number_of_queries(
    reachable, online_matter, django_assert_max_num_queries
):
    # No query per representative: 10 representatives here, far fewer queries than that.
    with django_assert_max_num_queries(6):
        assert notifications.send_for_matter(online_matter.pk, "opened") == 10


def test_nothing_is_sent_that_is_no_longer_true(reachable, online_matter):
    # A result notice before there is a result, a reminder after the vote closed.
    assert notifications.send_for_matter(online_matter.pk, "result") == 0
    Matter.objects.filter(pk=online_matter.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    assert notifications.send_for_matter(online_matter.pk, "closing_soon") == 0
    assert notifications.send_for_matter(123456, "opened") == 0
    assert mail.outbox == [] and sms.outbox == []


# --- Scheduled commands --------------------------------------------------------------------------
def test_close_due_matters_closes_an_expired_online_vote_once(
    opened, reachable, english, capsys, django_capture_on_commit_callbacks
):
    call_command("close_due_matters")
    assert Matter.objects.get(pk=opened.pk).status == Status.OPEN  # not due yet
    with time_machine.travel(opened.closes_at + dt.timedelta(minutes=1), tick=False):
        call_command("close_due_matters", "--dry-run")
        assert Matter.objects.get(pk=opened.pk).status == Status.OPEN
        assert f"Would close matter {opened.pk}" in capsys.readouterr().out
        with django_capture_on_commit_callbacks(execute=True):
            call_command("close_due_matters")
        matter = Matter.objects.get(pk=opened.pk)
        assert matter.status == Status.CLOSED and matter.result is not None
        assert "1 vote closed." in capsys.readouterr().out
        # The result goes to every representative, once.
        assert _told(matter, NotificationKind.RESULT) == {u.pk for u in reachable["voters"]}
        closed_at, sent = matter.closed_at, len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            call_command("close_due_matters")
        assert "0 votes closed." in capsys.readouterr().out
    assert Matter.objects.get(pk=opened.pk).closed_at == closed_at
    assert len(mail.outbox) == sent


def test_closing_reminders_are_sent_once(opened, reachable, english, capsys):
    call_command("send_closing_reminders", "--days", "2")
    assert _told(opened, NotificationKind.CLOSING_SOON) == set()  # 7 days to go
    with time_machine.travel(opened.closes_at - dt.timedelta(days=1), tick=False):
        mail.outbox.clear()
        call_command("send_closing_reminders", "--days", "2", "--dry-run")
        assert _told(opened, NotificationKind.CLOSING_SOON) == set()
        assert "1 reminder would be queued." in capsys.readouterr().out
        call_command("send_closing_reminders", "--days", "2")
        assert _told(opened, NotificationKind.CLOSING_SOON) == {u.pk for u in reachable["voters"]}
        assert len(mail.outbox) == len(reachable["voters"])
        call_command("send_closing_reminders", "--days", "2")
        assert "0 reminders queued." in capsys.readouterr().out.splitlines()[-1]
        # Even a task queued twice tells nobody twice.
        assert notify.closing_soon.enqueue(opened.pk).return_value == 0
    assert len(mail.outbox) == len(reachable["voters"])


def test_flag_overdue_lists_late_filings_and_recognitions_by_commune(village, english, capsys):
    from grassroots.decisions.models import Form

    def matter(title: str, **fields):  # type: ignore[no-untyped-def]
        return Matter.objects.create(unit=village["a1"], item=6, title=title, question="?", tabled_via="village_head",
                                     created_by=village["head"], form=Form.MEETING, **fields)  # fmt: skip

    today = timezone.localdate()
    late_filing = matter("Late filing", status=Status.CLOSED, filing_due_on=today - dt.timedelta(days=3))
    matter("Filing due today", status=Status.CLOSED, filing_due_on=today)
    late_recognition = matter(
        "Late recognition", status=Status.FILED, adopted=True, recognition_due_on=today - dt.timedelta(days=1)
    )
    matter("Recognized", status=Status.RECOGNIZED, recognition_due_on=today - dt.timedelta(days=9))
    call_command("flag_overdue", "--dry-run")
    out = capsys.readouterr().out
    assert "Xã A (AC)" in out
    assert f"matter {late_filing.pk} “Late filing”: filing was due" in out and "(3 days ago)" in out
    assert f"matter {late_recognition.pk} “Late recognition”: recognition was due" in out and "(1 day ago)" in out
    assert "Filing due today" not in out and "Recognized" not in out
    assert out.strip().endswith("2 decisions are overdue.")


# --- Privacy -------------------------------------------------------------------------------------
def test_no_phone_number_or_national_id_reaches_the_logs(
    request, reachable, settings, caplog, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "grassroots.core.sms.ConsoleBackend"
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        matter = request.getfixturevalue("online_matter")
    with time_machine.travel(matter.closes_at - dt.timedelta(days=1), tick=False):
        call_command("send_closing_reminders")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged.count("SMS to *******") == 2 * len(reachable["voters"])
    secrets = [u.phone for u in reachable["voters"]] + [u.email for u in reachable["voters"]]
    secrets += [decrypt_national_id(u.resident.national_id_encrypted) for u in reachable["voters"]]
    assert [s for s in secrets if s in logged] == []
    assert not re.findall(r"\b0\d{9}\b|\b\d{12}\b", logged)


def test_mask_phone_keeps_only_the_last_digits():
    assert sms.mask_phone("0912345678") == "*******678"
    assert sms.mask_phone(" 0912345678 ") == "*******678"
    assert sms.mask_phone("12345") == "*****"


# --- The notifications page ----------------------------------------------------------------------
@pytest.fixture
def two_inboxes(reachable, online_matter):  # type: ignore[no-untyped-def]
    """rep0 was told of A1's matter; an outsider in A2 was told of a matter of A2."""
    a2 = reachable["a"]["village2"]
    other = Matter.objects.create(unit=a2, item=6, title="Nạo vét mương thôn A2", question="?",
                                  tabled_via="village_head", created_by=reachable["head"])  # fmt: skip
    mine = Notification.objects.create(user=reachable["voters"][0], matter=online_matter, kind=NotificationKind.OPENED)
    theirs = Notification.objects.create(user=reachable["outsiders"][0], matter=other, kind=NotificationKind.OPENED)
    return {**reachable, "mine": mine, "theirs": theirs, "other": other}


def test_the_notifications_page_shows_only_the_users_own(client, sign_in, two_inboxes, online_matter):
    sign_in(client, two_inboxes["voters"][0], second_factor=False)
    body = client.get("/en/decisions/notifications/").content.decode()
    assert online_matter.title in body
    assert two_inboxes["other"].title not in body
    assert "(1 unread)" in body  # the header count


def test_posting_marks_the_users_own_notifications_read(client, sign_in, two_inboxes):
    sign_in(client, two_inboxes["voters"][0], second_factor=False)
    # Someone else's notification cannot be marked read.
    response = client.post("/en/decisions/notifications/", {"notification": two_inboxes["theirs"].pk})
    assert response.status_code == 302
    assert Notification.objects.filter(read_at__isnull=False).count() == 0
    client.post("/en/decisions/notifications/", {"notification": two_inboxes["mine"].pk})
    assert Notification.objects.get(pk=two_inboxes["mine"].pk).read_at is not None
    assert Notification.objects.get(pk=two_inboxes["theirs"].pk).read_at is None
    assert "unread)" not in client.get("/en/decisions/notifications/").content.decode()


def test_mark_all_read_leaves_other_users_alone(client, sign_in, two_inboxes):
    sign_in(client, two_inboxes["outsiders"][0], second_factor=False)
    client.post("/en/decisions/notifications/")
    assert Notification.objects.get(pk=two_inboxes["theirs"].pk).read_at is not None
    assert Notification.objects.get(pk=two_inboxes["mine"].pk).read_at is None


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get("/decisions/notifications/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
