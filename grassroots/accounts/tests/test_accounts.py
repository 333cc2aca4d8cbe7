import datetime as dt

import pytest

from grassroots.accounts.tests.factories import UserFactory
from grassroots.core.models import AuditEvent
from grassroots.core.phone import mask_phone, normalize_phone
from grassroots.people.crypto import decrypt_national_id
from grassroots.people.linking import MAX_VERIFICATION_ATTEMPTS_PER_DAY
from grassroots.people.models import Membership

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "normal"),
    [("0912 345 678", "0912345678"), ("+84912345678", "0912345678"), ("84912345678", "0912345678"),
     ("091.234.5678", "0912345678"), ("12345", None), ("", None), ("09123456789", None)],
)  # fmt: skip
def test_normalize_phone(raw, normal):
    assert normalize_phone(raw) == normal


def test_mask_phone_shows_three_digits():
    assert mask_phone("0912345678") == "•••••••678"


def _login(client, username, password="pw-for-tests-1"):  # type: ignore[no-untyped-def]
    return client.post("/login/", {"username": username, "password": password})


def test_login_by_username_or_by_phone(client):
    user = UserFactory(username="lan", phone="0912345678")
    assert _login(client, "lan").status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post("/logout/")
    assert _login(client, "+84 912 345 678").status_code == 302
    client.post("/logout/")
    assert _login(client, "0912345678", "wrong").status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_error_does_not_say_whether_the_account_exists(client):
    UserFactory(username="lan")
    wrong_password = client.post("/login/", {"username": "lan", "password": "nope"})
    no_account = client.post("/login/", {"username": "nobody", "password": "nope"})
    assert wrong_password.status_code == no_account.status_code == 200
    assert wrong_password.context["form"].errors == no_account.context["form"].errors


def _resident(world):  # type: ignore[no-untyped-def]
    return Membership.objects.filter(household=world["households"]["a1"]).first().resident


def test_a_resident_verifies_with_national_id_and_birth_date(client, world, sign_in):
    user = UserFactory()
    sign_in(client, user)
    resident = _resident(world)
    number = decrypt_national_id(resident.national_id_encrypted)
    response = client.post(
        "/account/verify/", {"national_id": number, "birth_date": resident.birth_date.strftime("%d/%m/%Y")}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.resident == resident and user.resident_verified_at is not None
    assert AuditEvent.objects.filter(verb="accounts.resident_linked", actor=user).exists()


def test_a_wrong_birth_date_links_nothing_and_says_the_same_as_a_wrong_number(client, world, sign_in):
    user = UserFactory()
    sign_in(client, user)
    resident = _resident(world)
    number = decrypt_national_id(resident.national_id_encrypted)
    wrong_date = client.post("/account/verify/", {"national_id": number, "birth_date": "01/01/1901"})
    wrong_number = client.post("/account/verify/", {"national_id": "038999999999", "birth_date": "01/01/1901"})
    assert wrong_date.status_code == wrong_number.status_code == 422
    user.refresh_from_db()
    assert user.resident is None
    assert number not in wrong_date.content.decode()


def test_verification_attempts_are_limited_per_day(client, world, sign_in):
    user = UserFactory()
    sign_in(client, user)
    resident = _resident(world)
    for _ in range(MAX_VERIFICATION_ATTEMPTS_PER_DAY):
        client.post("/account/verify/", {"national_id": "038999999999", "birth_date": "01/01/1901"})
    number = decrypt_national_id(resident.national_id_encrypted)
    response = client.post(
        "/account/verify/", {"national_id": number, "birth_date": resident.birth_date.strftime("%d/%m/%Y")}
    )
    assert response.status_code == 422
    user.refresh_from_db()
    assert user.resident is None


def test_bad_input_names_the_field(client, world):
    client.force_login(UserFactory())
    response = client.post("/account/verify/", {"national_id": "12ab", "birth_date": "hôm qua"})
    assert response.status_code == 422
    form = response.context["form"]
    assert set(form.errors) == {"national_id", "birth_date"}


def test_profile_lists_active_roles_only(client, world, sign_in):
    from grassroots.accounts.models import Role
    from grassroots.accounts.tests.factories import grant

    user = world["official_a"]
    grant(user, world["b"]["commune"], Role.DELEGATE, valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2021, 1, 1))
    sign_in(client, user)
    body = client.get("/account/").content.decode()
    assert world["a"]["commune"].name in body and world["b"]["commune"].name not in body
