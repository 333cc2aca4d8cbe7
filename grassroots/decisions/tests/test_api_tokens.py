"""API tokens on the voting endpoints (issue 8): scope, and 401 (never 403) for a bad token."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from grassroots.accounts.tokens import create_token, revoke_all_tokens
from grassroots.decisions.models import Ballot

pytestmark = pytest.mark.django_db


def _vote(client, matter, token):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/matters/{matter.pk}/votes",
        {"choice": "agree"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_a_read_token_reads_but_may_not_vote(client, village, online_matter):
    voter = village["voters"][0]
    token = create_token(voter, "dashboard")  # read is the default
    read = client.get(f"/api/v1/matters/{online_matter.pk}", headers={"Authorization": f"Bearer {token}"})
    assert read.status_code == 200
    refused = _vote(client, online_matter, token)
    assert refused.status_code == 403
    assert "vote scope" in refused.json()["detail"]
    assert not Ballot.objects.exists()
    assert _vote(client, online_matter, create_token(voter, "voting app", scope="vote")).status_code == 201


@pytest.mark.parametrize("problem", ["unknown", "expired", "revoked"])
def test_a_bad_token_is_answered_401_with_www_authenticate(client, village, online_matter, problem):
    voter = village["voters"][0]
    token = create_token(voter, "voting app", scope="vote", days=1)
    now = timezone.now()
    if problem == "unknown":
        token = token[:-4] + "abcd"
    elif problem == "revoked":
        revoke_all_tokens(voter, actor=voter, reason="owner")
    # A machine client has no CSRF cookie: the refusal must not be the session check's CSRF 403.
    machine = Client(enforce_csrf_checks=True)
    with time_machine.travel(now + dt.timedelta(days=2 if problem == "expired" else 0)):
        response = _vote(machine, online_matter, token)
        listed = client.get("/api/v1/matters/", headers={"Authorization": f"Bearer {token}"})
    for answer in (response, listed):
        assert answer.status_code == 401
        assert answer["WWW-Authenticate"] == 'Bearer realm="grassroots", error="invalid_token"'
        assert "invalid, expired or revoked" in answer.json()["detail"]
    assert not Ballot.objects.exists()


def test_no_credentials_at_all_is_a_401_that_says_how_to_authenticate(client, village, online_matter):
    response = client.get("/api/v1/matters/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="grassroots"'
