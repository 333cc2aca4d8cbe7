"""One-time codes (accounts.codes): sign in the first time, or reset a password, with a code by SMS.
Codes expire, work once, survive only a few wrong tries, are throttled and never logged."""

import datetime as dt
import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from grassroots.accounts.models import CodeRequest, LoginCode, User
from grassroots.accounts.tests.factories import UserFactory
from grassroots.core import sms
from grassroots.core.models import AuditEvent

PHONE = "0987654321"
PASSWORD = "trăng sáng trên sông Hồng"
CODE = re.compile(r"\b(\d{6})\b")


@pytest.fixture(autouse=True)
def _sms_outbox(settings):  # type: ignore[no-untyped-def]
    settings.SMS_BACKEND = "grassroots.core.sms.LocmemBackend"
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def resident(db):  # type: ignore[no-untyped-def]
    """An account made from the register: a phone number, no password yet."""
    user = UserFactory(username="hh000001-1", phone=PHONE)
    user.set_unusable_password()
    user.save()
    return user


def _ask(client, phone=PHONE, url="/login/code/"):  # type: ignore[no-untyped-def]
    return client.post(url, {"phone": phone})


def _sent_code(django_capture_on_commit_callbacks, client, phone=PHONE):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, phone)
    return CODE.search(sms.outbox[-1].text).group(1)  # type: ignore[union-attr]


def _enter(client, code, identifier=PHONE):  # type: ignore[no-untyped-def]
    return client.post("/login/code/enter/", {"identifier": identifier, "code": code})


def _set_password(client, password=PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/login/code/password/", {"new_password1": password, "new_password2": password})


def test_a_code_signs_the_resident_in_after_choosing_a_password(client, resident, django_capture_on_commit_callbacks):
    code = _sent_code(django_capture_on_commit_callbacks, client)
    assert _enter(client, code).status_code == 302
    assert _set_password(client).status_code == 302
    assert client.get("/account/").context["user"] == resident
    resident.refresh_from_db()
    assert resident.check_password(PASSWORD)
    verbs = list(AuditEvent.objects.filter(target_id=str(resident.pk)).values_list("verb", flat=True))
    assert {"accounts.login_code_sent", "accounts.login_code_used", "accounts.password_set_with_code"} <= set(verbs)


def test_only_a_keyed_hash_of_the_code_is_stored(client, resident, django_capture_on_commit_callbacks):
    code = _sent_code(django_capture_on_commit_callbacks, client)
    row = LoginCode.objects.get(user=resident)
    assert code not in row.code_hash and len(row.code_hash) == 64
    assert not AuditEvent.objects.filter(data__icontains=code).exists()


def test_an_expired_code_is_refused(client, resident, django_capture_on_commit_callbacks, settings):
    code = _sent_code(django_capture_on_commit_callbacks, client)
    row = LoginCode.objects.get(user=resident)
    assert row.expires_at - row.created_at == dt.timedelta(minutes=settings.LOGIN_CODE_SMS_MINUTES)
    LoginCode.objects.filter(pk=row.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = _enter(client, code)
    assert response.status_code == 422
    assert "code" in response.context["form"].errors
    assert _set_password(client).status_code == 302  # back to the code page
    assert not User.objects.get(pk=resident.pk).has_usable_password()


def test_a_code_works_only_once(client, resident, django_capture_on_commit_callbacks):
    code = _sent_code(django_capture_on_commit_callbacks, client)
    assert _enter(client, code).status_code == 302
    other = client.__class__()
    assert _enter(other, code).status_code == 422


def test_a_new_code_replaces_the_earlier_one(client, resident, django_capture_on_commit_callbacks):
    first = _sent_code(django_capture_on_commit_callbacks, client)
    second = _sent_code(django_capture_on_commit_callbacks, client)
    if first != second:
        assert _enter(client, first).status_code == 422
    assert _enter(client, second).status_code == 302


def test_a_code_stops_working_after_too_many_wrong_tries(
    client, resident, django_capture_on_commit_callbacks, settings
):
    code = _sent_code(django_capture_on_commit_callbacks, client)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(settings.LOGIN_CODE_MAX_ATTEMPTS):
        assert _enter(client, wrong).status_code == 422
    assert LoginCode.objects.get(user=resident).attempts == settings.LOGIN_CODE_MAX_ATTEMPTS
    # Even the right code is refused now.
    assert _enter(client, code).status_code == 422


def test_too_many_tries_for_one_number_are_throttled(client, resident, settings):
    for _ in range(2 * settings.LOGIN_CODE_MAX_ATTEMPTS):
        assert _enter(client, "000000").status_code == 422
    response = _enter(client, "000000")
    assert response.status_code == 429


def test_codes_sent_to_one_number_are_throttled(client, resident, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(settings.LOGIN_CODE_SENDS_PER_PHONE):
            assert _ask(client).status_code == 302
        assert _ask(client).status_code == 429
    assert len(sms.outbox) == settings.LOGIN_CODE_SENDS_PER_PHONE


def test_requests_from_one_address_are_throttled_across_numbers(client, db, settings):
    settings.LOGIN_CODE_REQUESTS_PER_ADDRESS = 3
    for i in range(3):
        assert _ask(client, f"09110000{i:02d}").status_code == 302
    assert _ask(client, "0911000099").status_code == 429


def test_an_unknown_number_gets_the_same_answer(client, resident, django_capture_on_commit_callbacks, settings):
    with django_capture_on_commit_callbacks(execute=True):
        known = _ask(client, PHONE, "/login/forgot/")
        known_page = client.get(known["Location"])
        unknown = _ask(client, "0911111111", "/login/forgot/")
        unknown_page = client.get(unknown["Location"])
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [str(m) for m in known_page.context["messages"]] == [str(m) for m in unknown_page.context["messages"]]
    assert [m.phone for m in sms.outbox] == [PHONE]
    # The unknown number is throttled like a known one.
    for _ in range(settings.LOGIN_CODE_SENDS_PER_PHONE - 1):
        _ask(client, "0911111111", "/login/forgot/")
    assert _ask(client, "0911111111", "/login/forgot/").status_code == 429
    assert CodeRequest.objects.filter(kind="send").count() == settings.LOGIN_CODE_SENDS_PER_PHONE + 1


def test_a_bad_phone_number_is_named_on_the_form(client, db):
    response = _ask(client, "12ab")
    assert response.status_code == 422
    assert "phone" in response.context["form"].errors
    assert not CodeRequest.objects.exists()


def test_reset_by_sms_replaces_the_password_and_ends_other_sessions(client, db, django_capture_on_commit_callbacks):
    user = UserFactory(phone=PHONE)
    elsewhere = client.__class__()
    elsewhere.post("/login/", {"username": PHONE, "password": "pw-for-tests-1"})
    assert Session.objects.count() == 1
    code = _sent_code(django_capture_on_commit_callbacks, client)
    assert LoginCode.objects.get(user=user).purpose == "reset"
    _enter(client, code)
    assert _set_password(client).status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD) and not user.check_password("pw-for-tests-1")
    # The old session is gone; the new one signs the user in.
    assert elsewhere.get("/account/").status_code == 302
    assert client.get("/account/").status_code == 200


def test_the_new_password_follows_the_password_rules(client, resident, django_capture_on_commit_callbacks):
    code = _sent_code(django_capture_on_commit_callbacks, client)
    _enter(client, code)
    response = _set_password(client, "123")
    assert response.status_code == 422
    assert "new_password2" in response.context["form"].errors
    assert not User.objects.get(pk=resident.pk).has_usable_password()


def test_the_password_page_needs_a_right_code_first(client, resident):
    response = _set_password(client)
    assert response.status_code == 302
    assert response["Location"] == "/login/code/enter/"
    assert not User.objects.get(pk=resident.pk).has_usable_password()


def test_the_code_and_the_phone_number_never_reach_the_logs(
    client, resident, caplog, settings, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    code = _sent_code(django_capture_on_commit_callbacks, client)
    _enter(client, "000000")
    _enter(client, code)
    _set_password(client)
    client.logout()
    _ask(client, "0911111111", "/login/forgot/")
    # The console backend, as on a development machine.
    settings.SMS_BACKEND = "grassroots.core.sms.ConsoleBackend"
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, PHONE, "/login/forgot/")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "SMS to" in logged, "the console backend should have logged the masked message"
    assert code not in logged
    assert PHONE not in logged and "0911111111" not in logged
    assert not re.search(r"\b0\d{9}\b", logged)
