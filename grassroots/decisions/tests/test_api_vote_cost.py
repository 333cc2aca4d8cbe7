"""The vote API is the path that must stand a peak (issue 10): one look-up of the caller's household,
one commit with the token's last use in it, and the same answers as before for refusals."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grassroots.accounts import api_auth
from grassroots.accounts.models import ApiToken
from grassroots.accounts.tokens import create_token
from grassroots.decisions.tests.conftest import open_online_matter


def _vote(client, matter, token, choice="agree"):  # type: ignore[no-untyped-def]
    return client.post(f"/api/v1/matters/{matter.pk}/votes", data=json.dumps({"choice": choice}),
                       content_type="application/json", headers={"Authorization": f"Bearer {token}"})  # fmt: skip


@pytest.mark.django_db
def test_a_vote_looks_up_the_callers_household_once_in_at_most_9_statements(client, village, online_matter):
    token = create_token(village["voters"][0], "app", scope="vote")
    with CaptureQueriesContext(connection) as ctx:
        assert _vote(client, online_matter, token).status_code == 201
    sql = [q["sql"] for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]]  # the test's own transaction
    assert sum('FROM "people_representation"' in q for q in sql) == 1, sql
    # The official roles are asked in the same query as the household (no query of its own).
    assert not any(q.startswith('SELECT "accounts_roleassignment"') for q in sql), sql
    # The matter is read once before the transaction, and looked at again by the ballot's insert, which
    # goes into the box only if a count did not overtake the vote.
    assert sum(q.startswith('SELECT "decisions_matter"') for q in sql) == 1, sql
    assert sum(q.startswith('INSERT INTO "decisions_sealedballot"') and '"decisions_matter"' in q for q in sql) == 1
    # 18 before issue 10; 14 after its first changes; on PostgreSQL the audit event is one statement (8).
    assert len(sql) <= (9 if connection.vendor == "sqlite" else 8), sql


@pytest.mark.django_db(transaction=True)
def test_the_tokens_last_use_is_written_in_the_votes_transaction(client, village, online_matter, monkeypatch):
    token = create_token(village["voters"][0], "app", scope="vote")
    seen = []
    real = api_auth.record_use_of

    def spy(found, now=None):  # type: ignore[no-untyped-def]
        if found.last_used_at is None:
            seen.append(connection.in_atomic_block)
        real(found, now)

    monkeypatch.setattr(api_auth, "record_use_of", spy)
    assert _vote(client, online_matter, token).status_code == 201
    assert seen == [True]  # written once, inside the vote's transaction
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.django_db
def test_a_refused_vote_still_records_the_tokens_last_use(client, village, online_matter):
    token = create_token(village["voters"][0], "app", scope="vote")
    assert _vote(client, online_matter, token, choice="other").status_code == 422  # "other" needs a comment
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.django_db
def test_a_vote_on_a_matter_the_caller_may_not_see_is_a_404_not_a_422(client, village, world):
    """Access is checked by the action on success; a refusal still hides matters of other villages."""
    other = open_online_matter(head=village["head"], front=village["front"], unit=village["a1"], optin=6)
    stranger = world["official_b"]  # commune B: sees nothing of commune A
    token = create_token(stranger, "app", scope="vote")
    assert _vote(client, other, token).status_code == 404
    assert client.post("/api/v1/matters/999999/votes", data=json.dumps({"choice": "agree"}),
                       content_type="application/json",
                       headers={"Authorization": f"Bearer {token}"}).status_code == 404  # fmt: skip
