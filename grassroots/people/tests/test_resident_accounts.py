"""Accounts residents can actually get (issue 9): bulk creation from the register, sign-in letters,
and the whole journey to a signed-in representative."""

import re

import pytest
from django.utils import timezone

from grassroots.accounts.models import LoginCode, RoleAssignment, User
from grassroots.core import sms
from grassroots.core.models import AuditEvent
from grassroots.people.models import LinkProposal, Representation
from grassroots.people.tests.factories import make_household

SITE_URL = "https://dan-chu.example.gov.vn"
CODE = re.compile(r"\b(\d{6})\b")


@pytest.fixture(autouse=True)
def _sms_outbox(settings):  # type: ignore[no-untyped-def]
    settings.SMS_BACKEND = "grassroots.core.sms.LocmemBackend"
    settings.SITE_URL = SITE_URL
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def _rep(household):  # type: ignore[no-untyped-def]
    return Representation.objects.get(household=household, valid_to__isnull=True).resident


def _give_phones(world):  # type: ignore[no-untyped-def]
    """Each representative gets a number of their own (the factory gives everyone the same one)."""
    for i, key in enumerate(["a1", "a2", "b1"]):
        resident = _rep(world["households"][key])
        resident.phone = f"09120000{i:02d}"
        resident.save(update_fields=["phone"])


def test_resident_gets_an_account_by_sms_code_and_signs_in(client, world, sign_in, django_capture_on_commit_callbacks):
    _give_phones(world)
    sign_in(client, world["official_a"])
    confirm = client.get("/register/unit/AC/accounts/")
    assert confirm.status_code == 200
    assert confirm.context["count"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/register/unit/AC/accounts/")
    assert done.status_code == 200
    assert len(done.context["created"]) == 2
    rep = _rep(world["households"]["a1"])
    account = User.objects.get(resident=rep)
    assert account.username == f"{world['households']['a1'].code.lower()}-1"
    assert not account.has_usable_password()
    assert account.phone == rep.phone
    assert account.created_by == world["official_a"]
    assert not RoleAssignment.objects.filter(user=account).exists()
    assert AuditEvent.objects.filter(verb="accounts.account_created_from_register", target_id=str(account.pk)).exists()
    # Each resident is told how to sign in, without a code.
    assert {m.phone for m in sms.outbox} == {rep.phone, _rep(world["households"]["a2"]).phone}
    assert all(f"{SITE_URL}/login/code/" in m.text and not CODE.search(m.text) for m in sms.outbox)

    client.logout()
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post("/login/code/", {"phone": rep.phone})
    assert asked.status_code == 302
    [message] = sms.outbox
    assert message.phone == rep.phone
    assert message.text.startswith("Mã đăng nhập Grassroots của bạn là")
    code = CODE.search(message.text).group(1)  # type: ignore[union-attr]
    entered = client.post("/login/code/enter/", {"identifier": rep.phone, "code": code})
    assert entered.status_code == 302
    assert entered["Location"] == "/login/code/password/"
    done = client.post(
        "/login/code/password/", {"new_password1": "mưa rơi trên đồi chè", "new_password2": "mưa rơi trên đồi chè"}
    )
    assert done.status_code == 302
    assert client.get("/account/").context["user"] == account
    account.refresh_from_db()
    assert account.check_password("mưa rơi trên đồi chè")
    # And from now on, the phone number and the password.
    client.logout()
    assert client.post("/login/", {"username": rep.phone, "password": "mưa rơi trên đồi chè"}).status_code == 302


def test_bulk_creation_skips_representatives_with_an_account_or_a_waiting_link(client, world, sign_in):
    a1, a2 = world["households"]["a1"], world["households"]["a2"]
    world["resident_a1"].resident = _rep(a1)
    world["resident_a1"].save(update_fields=["resident"])
    extra = make_household(world["a"]["village2"], members=1)
    LinkProposal.objects.create(
        account=world["head_a1"],
        resident=_rep(extra),
        household=extra,
        proposed_by=world["official_a"],
        proposed_at=timezone.now(),
    )
    sign_in(client, world["official_a"])
    assert client.get("/register/unit/AC/accounts/").context["count"] == 1
    done = client.post("/register/unit/AC/accounts/")
    assert [c.household for c in done.context["created"]] == [a2]
    reasons = {s.representation.household_id: s.reason for s in done.context["skipped"]}
    assert reasons == {a1.pk: "đã có tài khoản", extra.pk: "đang chờ xác nhận liên kết với một tài khoản có sẵn"}
    # The same residents already share one phone number (the factory's): only the first account gets it.
    assert User.objects.get(resident=_rep(a2)).phone in {"0912345678", None}
    # A second run creates nothing more.
    assert client.post("/register/unit/AC/accounts/").context["created"] == []


def test_accounts_of_one_village_only(client, world, sign_in):
    sign_in(client, world["official_a"])
    done = client.post("/register/unit/AC-2/accounts/")
    assert [c.household for c in done.context["created"]] == [world["households"]["a2"]]
    assert not User.objects.filter(resident=_rep(world["households"]["a1"])).exists()


def test_only_an_official_of_the_commune_creates_accounts(client, world, sign_in):
    # An official of another commune does not even see it; the village head reads it but may not create.
    for user, url, status in [
        (world["official_b"], "/register/unit/AC/accounts/", 404),
        (world["official_b"], "/register/unit/AC-1/accounts/", 404),
        (world["head_a1"], "/register/unit/AC-1/accounts/", 403),
        (world["official_a"], "/register/unit/BC/accounts/", 404),
    ]:
        sign_in(client, user)
        assert client.get(url).status_code == status, (user, url)
        assert client.post(url).status_code == status, (user, url)
    assert not User.objects.filter(created_by__isnull=False).exists()
    client.logout()
    assert client.post("/register/unit/AC/accounts/").status_code == 302  # to the login page


def _create_accounts(client, world, sign_in):  # type: ignore[no-untyped-def]
    sign_in(client, world["official_a"])
    client.post("/register/unit/AC/accounts/")
    client.logout()


def test_village_head_prints_a_letter_and_the_resident_signs_in_with_it(
    client, world, sign_in, django_capture_on_commit_callbacks
):
    _give_phones(world)
    _create_accounts(client, world, sign_in)
    household = world["households"]["a1"]
    account = User.objects.get(resident=_rep(household))
    sign_in(client, world["head_a1"])
    page = client.get(f"/register/household/{household.pk}/")
    assert b"/letter/" in page.content
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/register/household/{household.pk}/letter/")
        letter = client.post(f"/register/household/{household.pk}/letter/")
    assert letter.status_code == 200
    assert letter["Cache-Control"] == "no-store"
    text = letter.content.decode()
    assert account.username in text
    assert "Thư đăng nhập" in text
    assert re.search(r"\d{2}:\d{2}, ngày \d{1,2} tháng \d{1,2} năm \d{4}", text)
    old_code = first.context["letter"].code
    code = letter.context["letter"].code
    # The resident is told at the number of the register that a letter was printed.
    assert [m.phone for m in sms.outbox] == [account.phone, account.phone]
    # Who printed for whom is audited; the code is nowhere in the trail.
    events = AuditEvent.objects.filter(verb="accounts.sign_in_letter_printed", target_id=str(account.pk))
    assert events.count() == 2
    assert {e.actor_id for e in events} == {world["head_a1"].pk}
    assert all(code not in str(e.data) and old_code not in str(e.data) for e in events)
    assert not LoginCode.objects.filter(code_hash__contains=code).exists()

    client.logout()
    if old_code != code:
        # Printing again replaced the first letter.
        refused = client.post("/login/code/enter/", {"identifier": account.username, "code": old_code})
        assert refused.status_code == 422
    entered = client.post("/login/code/enter/", {"identifier": account.username, "code": code})
    assert entered.status_code == 302
    client.post("/login/code/password/", {"new_password1": "đồng lúa chín vàng", "new_password2": "đồng lúa chín vàng"})
    assert client.get("/account/").context["user"] == account


def test_letters_only_for_the_household_of_ones_own_village_or_commune(client, world, sign_in):
    _create_accounts(client, world, sign_in)
    a2, b1 = world["households"]["a2"], world["households"]["b1"]
    for user, household, status in [
        (world["head_a1"], a2, 404),  # the village head of another village
        (world["official_b"], a2, 404),  # an official of another commune
        (world["official_a"], b1, 404),
    ]:
        sign_in(client, user)
        assert client.post(f"/register/household/{household.pk}/letter/").status_code == status
    assert not LoginCode.objects.exists()
    sign_in(client, world["official_a"])
    assert client.post(f"/register/household/{a2.pk}/letter/").status_code == 200


def test_no_letter_before_the_representative_has_an_account(client, world, sign_in):
    sign_in(client, world["head_a1"])
    household = world["households"]["a1"]
    response = client.post(f"/register/household/{household.pk}/letter/", follow=True)
    assert response.status_code == 200
    assert "chưa có tài khoản" in response.content.decode()
    assert not LoginCode.objects.exists()


def test_no_letter_for_an_account_that_holds_an_official_role(client, world, sign_in):
    """A letter resets the password, so it is never printed for an official's or a staff account,
    even one linked to the representative before the rules that keep them apart."""
    household = world["households"]["a1"]
    User.objects.filter(pk=world["official_b"].pk).update(resident=_rep(household))
    sign_in(client, world["head_a1"])
    response = client.post(f"/register/household/{household.pk}/letter/", follow=True)
    assert "official_b" in response.content.decode()  # back on the household page
    assert not LoginCode.objects.exists()


def test_no_letter_for_an_inspection_board_members_account(client, world, sign_in):
    """Board members may represent their household (not official roles) but their account sees petitions,
    so a letter never resets its password either."""
    from grassroots.accounts.models import Role
    from grassroots.accounts.tests.factories import grant

    household = world["households"]["a1"]
    member = User.objects.create(username="board_member", resident=_rep(household))
    grant(member, world["a"]["commune"], Role.INSPECTION_BOARD)
    sign_in(client, world["head_a1"])
    client.post(f"/register/household/{household.pk}/letter/", follow=True)
    assert not LoginCode.objects.exists()


def test_no_letter_for_an_account_whose_holder_chose_a_password(client, world, sign_in):
    """A letter is a first sign-in only: one official alone may not reset a resident's own password and
    vote in the household's name (linking takes two officials or the resident's own proof)."""
    from grassroots.core.errors import DomainError
    from grassroots.people.resident_accounts import print_sign_in_letter

    _give_phones(world)
    _create_accounts(client, world, sign_in)
    household = world["households"]["a1"]
    account = User.objects.get(resident=_rep(household))
    account.set_password("the-residents-own-Passw0rd!")
    account.save()
    with pytest.raises(DomainError, match="đã tự đặt mật khẩu"):
        print_sign_in_letter(household, actor=world["head_a1"])


def test_the_admin_cannot_set_the_password_or_phone_of_an_account_that_votes(client, world, sign_in):
    from grassroots.accounts.tests.factories import UserFactory

    _give_phones(world)
    _create_accounts(client, world, sign_in)
    account = User.objects.get(resident=_rep(world["households"]["a1"]))
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    sign_in(client, admin)
    assert client.get(f"/admin/accounts/user/{account.pk}/password/").status_code == 403
    page = client.get(f"/admin/accounts/user/{account.pk}/change/")
    assert page.status_code == 200 and 'name="phone"' not in page.content.decode()
    other = UserFactory(username="clerk")  # an account that represents nobody keeps the usual pages
    assert client.get(f"/admin/accounts/user/{other.pk}/password/").status_code == 200
