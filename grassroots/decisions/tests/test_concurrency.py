"""Votes under concurrency: 200 submissions from 100 households at once, through the API.

Each household sends two requests at the same moment, from different threads with their own
database connections: one with an Idempotency-Key, and a second either with the same key (half of
the households: a retry, which must get the same receipt) or with none (the other half: a second
vote, refused with 409). Exactly one vote per household is recorded and nothing answers 5xx, on
SQLite (a file database in WAL mode, as in production: see TEST NAME in config/settings.py) and on
PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.accounts.tokens import create_token
from grassroots.core.audit import verify_chain
from grassroots.core.models import AuditEvent
from grassroots.decisions import actions, ballot_box
from grassroots.decisions.models import Ballot, Form, IdempotencyKey, Participation, SealedBallot, TabledVia
from grassroots.decisions.tests.conftest import ONLINE_TEAM, close_now
from grassroots.people.models import Representation
from grassroots.people.tests.factories import make_household

HOUSEHOLDS = 100
THREADS = 16


def _open_online_matter(world: dict[str, Any], households: int) -> Any:
    """The steps of the conftest `online_matter`, with an opt-in poll that fits this village."""
    head, village = world["head_a1"], world["a"]["village1"]
    front = UserFactory(username="front_a1")
    grant(front, village, Role.VILLAGE_FRONT_HEAD)
    matter = actions.create_matter(actor=head, unit=village, item=6, title="Lắp đèn đường ngõ 5",
                                   question="Đồng ý lắp đèn đường?", tabled_via=TabledVia.VILLAGE_HEAD)  # fmt: skip
    actions.record_agreement(matter, actor=head, who="head")
    actions.record_agreement(matter, actor=front, who="front")
    actions.record_optin_poll(matter, actor=head, yes=households)
    actions.record_notification(matter, actor=head, body="committee")
    actions.record_notification(matter, actor=head, body="front")
    actions.set_team(matter, actor=head, team="online_team", members=ONLINE_TEAM)
    actions.open_matter(matter, actor=head, form=Form.ONLINE, closes_at=timezone.now() + dt.timedelta(days=7))
    return matter


def _post(client: Client, request: dict[str, Any]) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {request['token']}"}
    if request["key"]:
        headers["Idempotency-Key"] = request["key"]
    response = client.post(
        request["url"], {"choice": request["choice"]}, content_type="application/json", headers=headers
    )
    body = response.json() if response.headers.get("Content-Type", "").startswith("application/json") else {}
    return {**request, "status": response.status_code, "receipt": body.get("receipt")}


def _worker(requests: list[dict[str, Any]], barrier: threading.Barrier) -> list[dict[str, Any]]:
    try:
        client = Client(raise_request_exception=False)  # one per thread: building one loads every middleware
        barrier.wait()
        return [_post(client, request) for request in requests]
    finally:
        connection.close()  # this thread's own connection


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_submissions_from_100_households_record_exactly_100_votes(world):  # type: ignore[no-untyped-def]
    village = world["a"]["village1"]
    tokens = []
    with transaction.atomic():  # one commit, not one per row
        for i in range(HOUSEHOLDS):
            household = make_household(village, members=1)
            rep = Representation.objects.get(household=household, valid_to__isnull=True)
            user = UserFactory(username=f"voter{i}", resident=rep.resident)
            tokens.append(create_token(user, "concurrency test"))
        matter = _open_online_matter(world, HOUSEHOLDS)
    url = f"/api/v1/matters/{matter.pk}/votes"

    # Both requests of a household go to neighbouring workers, so they race each other.
    requests = []
    for i, token in enumerate(tokens):
        same_key = i % 2 == 0
        choice = ("agree", "disagree")[i % 3 == 0]
        requests.append({"household": i, "token": token, "key": f"key-{i}", "choice": choice, "url": url})
        requests.append({"household": i, "token": token, "key": f"key-{i}" if same_key else None,
                         "choice": choice, "url": url})  # fmt: skip
    slices = [requests[w::THREADS] for w in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = [r for chunk in pool.map(_worker, slices, [barrier] * THREADS) for r in chunk]

    statuses = sorted({r["status"] for r in results})
    assert len(results) == 2 * HOUSEHOLDS
    assert not [r for r in results if r["status"] >= 500], statuses
    assert set(statuses) <= {200, 201, 409}, statuses
    assert Participation.objects.filter(matter=matter).count() == HOUSEHOLDS
    assert SealedBallot.objects.filter(matter=matter).count() == HOUSEHOLDS
    # A key is kept with the vote it created (the retries of a key create nothing).
    keyed = sum(1 for r in results if r["key"] and r["status"] == 201)
    assert IdempotencyKey.objects.filter(matter=matter).count() == keyed

    by_household: dict[int, list[dict[str, Any]]] = {}
    for r in results:
        by_household.setdefault(r["household"], []).append(r)
    created = []
    for i, (first, second) in sorted(by_household.items()):
        codes = sorted([first["status"], second["status"]])
        if i % 2 == 0:  # the same Idempotency-Key twice: one vote, the same receipt in both answers
            assert codes == [200, 201], (i, codes)
            assert first["receipt"] == second["receipt"] and first["receipt"], i
        else:  # a second vote without the key is refused, whichever came first
            assert codes == [201, 409], (i, codes)
        created += [r["receipt"] for r in (first, second) if r["status"] == 201]
    # The trail: one vote_cast per vote, a refusal logged only for the real second votes, chain intact.
    assert AuditEvent.objects.filter(verb="decisions.vote_cast").count() == HOUSEHOLDS
    assert AuditEvent.objects.filter(verb="decisions.second_vote_refused").count() == HOUSEHOLDS // 2
    assert verify_chain().ok
    # Every receipt handed out is in the sealed box (by its hash), and nothing else is; after the count,
    # on the bulletin.
    assert sorted(actions.receipt_hash(r) for r in created) == sorted(ballot_box.receipt_hashes_in_box(matter))
    close_now(matter, actor=None)
    assert sorted(actions.receipt_hash(r) for r in created) == sorted(
        Ballot.objects.filter(matter=matter).values_list("receipt_hash", flat=True)
    )
