"""Issue 9: a generic notice in the app, and by SMS where a phone number is known, told once per thing;
phone numbers never reach the logs; each user reads and marks only their own notices."""

import logging

import pytest

from grassroots.accounts.tests.factories import UserFactory
from grassroots.core import notices, sms, tasks
from grassroots.core.models import Notice

pytestmark = pytest.mark.django_db
PHONE = "0912345678"


@pytest.fixture
def outbox(settings):  # type: ignore[no-untyped-def]
    settings.SMS_BACKEND = "grassroots.core.sms.LocmemBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


def test_a_notice_is_written_once_and_sent_by_sms_to_those_with_a_phone(outbox, caplog):
    with_phone = UserFactory(username="with_phone", phone=PHONE)
    without = UserFactory(username="without_phone", phone=None)
    inactive = UserFactory(username="gone", phone="0987654321", is_active=False)
    ids = [with_phone.pk, without.pk, inactive.pk]
    with caplog.at_level(logging.DEBUG):
        told = tasks.send_notices.enqueue(ids, "test:1", "Bạn được mời dự hội nghị.", "/training/1/invitation/")
    assert told.return_value == 2
    assert set(Notice.objects.values_list("user__username", flat=True)) == {"with_phone", "without_phone"}
    assert [m.phone for m in outbox] == [PHONE] and "/training/1/invitation/" in outbox[0].text
    assert PHONE not in caplog.text and "0987654321" not in caplog.text
    # Running again tells nobody anew.
    assert notices.notify(ids, key="test:1", text="Bạn được mời dự hội nghị.") == 0
    assert Notice.objects.count() == 2 and len(outbox) == 1


def test_users_read_and_mark_only_their_own_notices(outbox):
    alice, bob = UserFactory(username="alice"), UserFactory(username="bob")
    notices.notify([alice.pk, bob.pk], key="test:2", text="Thông báo")
    bobs = Notice.objects.get(user=bob)
    assert notices.mark_read(alice.pk, bobs.pk) == 0
    assert notices.unread_count(bob.pk) == 1
    assert notices.mark_read(alice.pk) == 1
    assert notices.unread_count(alice.pk) == 0 and notices.unread_count(bob.pk) == 1
    assert list(notices.for_user(alice.pk)) == [Notice.objects.get(user=alice)]
