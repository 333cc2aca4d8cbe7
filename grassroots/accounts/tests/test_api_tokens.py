"""API tokens (issue 8): listed and revoked by their owner and by an administrator, expiring,
revoked when the password changes; every write audited."""

import datetime as dt

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from grassroots.accounts.models import ApiToken
from grassroots.accounts.tests.factories import UserFactory
from grassroots.accounts.tokens import create_token, token_for
from grassroots.core.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-1"


def _api(client, token):  # type: ignore[no-untyped-def]
    return client.get("/api/v1/matters/", headers={"Authorization": f"Bearer {token}"})


def test_a_token_expires_after_api_token_days(client, world, settings):
    settings.API_TOKEN_DAYS = 30
    token = create_token(world["resident_a1"], "app")
    row = ApiToken.objects.get()
    assert row.expires_at - row.created_at == pytest.approx(dt.timedelta(days=30), abs=dt.timedelta(seconds=5))
    with time_machine.travel(timezone.now() + dt.timedelta(days=29)):
        assert _api(client, token).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        assert _api(client, token).status_code == 401


def test_the_default_lifetime_is_90_days():
    from config import settings as project_settings

    assert project_settings.API_TOKEN_DAYS == 90


def test_last_use_is_written_at_most_once_a_minute(world, django_assert_num_queries):
    token = create_token(world["resident_a1"], "app")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token_for(token)
        first = ApiToken.objects.get().last_used_at
        assert first is not None
        with django_assert_num_queries(1):  # the look-up only, no UPDATE
            token_for(token)
    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        token_for(token)
        assert ApiToken.objects.get().last_used_at == first
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        token_for(token)
        assert ApiToken.objects.get().last_used_at > first


def test_the_owner_lists_tokens_without_the_secret_and_revokes_one_after_confirming(client, world, sign_in):
    owner = world["resident_a1"]
    secret = create_token(owner, "voting app", scope="vote")
    create_token(owner, "dashboard")
    create_token(world["official_b"], "someone else's")
    sign_in(client, owner, second_factor=False)
    assert 'href="/account/api-tokens/"' in client.get("/account/").content.decode()
    page = client.get("/account/api-tokens/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "voting app" in body and "dashboard" in body and "someone else" not in body
    assert secret not in body and secret[:10] in body  # the prefix only
    token = ApiToken.objects.get(name="voting app")
    confirm = client.get(f"/account/api-tokens/{token.pk}/revoke/")
    assert confirm.status_code == 200 and "voting app" in confirm.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None  # a GET only asks
    done = client.post(f"/account/api-tokens/{token.pk}/revoke/")
    assert done.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _api(client.__class__(), secret).status_code == 401
    event = AuditEvent.objects.get(verb="accounts.api_token_revoked")
    assert event.actor == owner and event.data == {"token": token.pk, "name": "voting app", "reason": "owner"}


def test_nobody_revokes_another_users_token_from_the_account_page(client, world, sign_in):
    create_token(world["official_b"], "theirs")
    theirs = ApiToken.objects.get()
    sign_in(client, world["resident_a1"], second_factor=False)
    assert client.get(f"/account/api-tokens/{theirs.pk}/revoke/").status_code == 404
    assert client.post(f"/account/api-tokens/{theirs.pk}/revoke/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_an_administrator_revokes_tokens_from_the_admin_through_the_audited_action(client, world, sign_in):
    secret = create_token(world["resident_a1"], "app")
    token = ApiToken.objects.get()
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    sign_in(client, admin)
    listing = client.get("/admin/accounts/apitoken/")
    assert listing.status_code == 200 and "app" in listing.content.decode()
    assert client.get("/admin/accounts/apitoken/add/").status_code == 403
    response = client.post("/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert response.status_code == 302
    assert _api(client.__class__(), secret).status_code == 401
    event = AuditEvent.objects.get(verb="accounts.api_token_revoked")
    assert event.actor == admin and event.data["reason"] == "administrator"


def test_the_revoke_command_takes_a_user_or_one_token(world, capsys):
    first = create_token(world["resident_a1"], "one")
    second = create_token(world["resident_a1"], "two")
    other = create_token(world["official_b"], "three")
    call_command("revoke_api_tokens", "--token-id", str(ApiToken.objects.get(name="one").pk))
    assert "Revoked 1 API token(s)." in capsys.readouterr().out
    assert token_for(first) is None and token_for(second) is not None
    call_command("revoke_api_tokens", "--user", "resident_a1")
    assert token_for(second) is None and token_for(other) is not None
    assert AuditEvent.objects.filter(verb="accounts.api_token_revoked").count() == 2
    with pytest.raises(CommandError):
        call_command("revoke_api_tokens", "--user", "nobody")
    with pytest.raises(CommandError):
        call_command("revoke_api_tokens", "--token-id", "999999")
    with pytest.raises(CommandError):
        call_command("revoke_api_tokens")


def test_the_create_command_sets_scope_and_lifetime(world, capsys):
    call_command("create_api_token", "resident_a1", "--scope", "vote", "--days", "7")
    secret = capsys.readouterr().out.strip()
    row = token_for(secret)
    assert row is not None and row.scope == "vote"
    assert row.expires_at - row.created_at == pytest.approx(dt.timedelta(days=7), abs=dt.timedelta(seconds=5))
    with pytest.raises(CommandError):
        call_command("create_api_token", "resident_a1", "--days", "0")


def test_changing_the_password_revokes_every_token(client, world):
    secret = create_token(world["resident_a1"], "app", scope="vote")
    other = create_token(world["official_b"], "not theirs")
    client.post("/login/", {"username": "resident_a1", "password": PASSWORD})
    new = "một câu dài dễ nhớ 2026"
    response = client.post("/account/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert token_for(secret) is None and token_for(other) is not None
    event = AuditEvent.objects.get(verb="accounts.api_token_revoked")
    assert event.data["reason"] == "password_changed"


def test_a_password_set_by_an_administrator_revokes_the_tokens_too(client, world, sign_in):
    secret = create_token(world["resident_a1"], "app")
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    sign_in(client, admin)
    new = "một câu dài dễ nhớ 2026"
    response = client.post(
        f"/admin/accounts/user/{world['resident_a1'].pk}/password/",
        {"password1": new, "password2": new, "usable_password": "true"},
    )
    assert response.status_code == 302
    assert token_for(secret) is None
