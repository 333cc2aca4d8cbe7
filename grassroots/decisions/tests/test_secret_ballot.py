"""Secret ballots stay secret in the database and its backups (issue 8; D59 Art 5; law.md §3.6).

The attacker of these tests reads the database only: every table, every ordering the engines offer
(primary key, SQLite rowid, PostgreSQL ctid and xmin), the audit trail and the idempotency records. With
that, they must not recover which household chose what. Each vote commits on its own (transactional
test), as it does in production, so that transaction ids and physical row order are real.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import random

import pytest
from django.db import connection

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.audit import verify_chain
from grassroots.core.models import AuditEvent
from grassroots.decisions import actions
from grassroots.decisions.ballot_box import PLAINTEXT_BYTES
from grassroots.decisions.models import (
    Ballot,
    IdempotencyKey,
    Matter,
    Participation,
    SealedBallot,
)
from grassroots.decisions.tests.conftest import close_now, open_online_matter
from grassroots.people.models import Representation
from grassroots.people.tests.factories import make_household

VOTERS = 33  # 11 of each choice: a random order matches the true one with odds of about 1 in 10^14


def _open_online_matter(world) -> tuple[Matter, list]:  # type: ignore[no-untyped-def]
    village = world["a"]["village1"]
    for _ in range(VOTERS - 1):  # the world already has one household in this village
        make_household(village, members=1)
    voters = [
        UserFactory(username=f"voter{i}", resident=rep.resident)
        for i, rep in enumerate(Representation.objects.filter(household__unit=village).select_related("resident"))
    ]
    front = UserFactory(username="front_a1")
    grant(front, village, Role.VILLAGE_FRONT_HEAD)
    matter = open_online_matter(head=world["head_a1"], front=front, unit=village, optin=VOTERS)
    return matter, voters


def _cast_all(matter: Matter, voters: list) -> list[str]:  # type: ignore[type-arg]
    """Every voter votes, in a random order, with a random choice; returns the choices in voting order."""
    rng = random.Random()
    choices = ["agree", "disagree", "other"] * (VOTERS // 3)
    rng.shuffle(choices)
    order = list(voters)
    rng.shuffle(order)
    for i, (user, choice) in enumerate(zip(order, choices, strict=True)):
        comment = "ý kiến " * rng.randint(1, 40) if choice == "other" else ""
        key = f"key-{i}" if i % 2 == 0 else None
        actions.cast_online_vote(matter.pk, user=user, choice=choice, comment=comment, idempotency_key=key)
    return choices


def _choices(sql: str, params: list) -> list[str]:  # type: ignore[type-arg]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _orderings() -> list[str]:
    ballot = Ballot._meta.db_table
    orders = ["id", "token", "receipt_hash", "comment"]
    if connection.vendor == "sqlite":
        orders += ["rowid"]
    else:
        orders += ["ctid", "xmin::text::bigint"]
    return [f"SELECT choice FROM {ballot} WHERE matter_id = %s ORDER BY {order}" for order in orders]  # noqa: S608


@pytest.mark.django_db(transaction=True)
def test_reading_the_database_does_not_recover_who_chose_what(world):  # type: ignore[no-untyped-def]
    matter, voters = _open_online_matter(world)
    truth = _cast_all(matter, voters)
    # The order of voting is known to the attacker: the audit trail and the participations carry it.
    voted_in_order = list(
        AuditEvent.objects.filter(verb="decisions.vote_cast", target_id=str(matter.pk))
        .order_by("seq")
        .values_list("actor_id", flat=True)
    )
    assert len(voted_in_order) == VOTERS

    # While the vote is open, nothing stored says what anyone chose.
    assert Ballot.objects.filter(matter=matter).count() == 0
    sealed = list(SealedBallot.objects.filter(matter=matter).order_by("id").values_list("sealed", flat=True))
    assert len(sealed) == VOTERS
    assert len({len(s) for s in sealed}) == 1, "sealed ballots must all have one size (a comment's length leaks)"
    assert len(base64.b64decode(sealed[0])) >= PLAINTEXT_BYTES
    for raw in map(base64.b64decode, sealed):
        assert b"agree" not in raw and b"other" not in raw and "ý kiến".encode() not in raw
    for event in AuditEvent.objects.filter(target_id=str(matter.pk)).values_list("data", flat=True):
        assert not {"agree", "disagree", "other", "choice"} & (set(map(str, event.values())) | set(event))

    # The idempotency records keep neither the client's key nor the receipt in clear...
    keys = list(IdempotencyKey.objects.filter(matter=matter).values_list("key", "sealed_receipt"))
    assert len(keys) == (VOTERS + 1) // 2
    assert not [k for k, _r in keys if k.startswith("key-")]
    close_now(matter, actor=None)
    # ...and are gone with the count: after it, a sealed receipt would lead from an account to its ballot.
    assert not IdempotencyKey.objects.filter(matter=matter).exists()
    assert SealedBallot.objects.filter(matter=matter).count() == 0
    assert Ballot.objects.filter(matter=matter).count() == VOTERS

    # After the count, no ordering of the ballots gives the choices in the order households voted.
    for sql in _orderings():
        recovered = _choices(sql, [matter.pk])
        assert sorted(recovered) == sorted(truth)
        assert recovered != truth, sql
        assert recovered[::-1] != truth, sql
    # Ballots carry no time at all, and no column that names a household or an account.
    columns = {f.column for f in Ballot._meta.concrete_fields}
    assert not {"cast_on", "created_at", "household_id", "recorded_by_id", "user_id"} & columns
    assert not [f for f in Ballot._meta.concrete_fields if f.get_internal_type() in {"DateField", "DateTimeField"}]
    # No idempotency record leads from an account to a ballot: nothing in it hashes to a receipt.
    receipt_hashes = set(Ballot.objects.filter(matter=matter).values_list("receipt_hash", flat=True))
    for row in IdempotencyKey.objects.filter(matter=matter).values():
        for value in row.values():
            assert hashlib.sha256(str(value).encode()).hexdigest() not in receipt_hashes
    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_participation_is_recorded_on_the_vietnamese_date(world, time_machine):  # type: ignore[no-untyped-def]
    matter, voters = _open_online_matter(world)
    # 23:30 UTC on 1 March is 06:30 on 2 March in Hà Nội.
    time_machine.move_to(dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC), tick=False)
    Matter.objects.filter(pk=matter.pk).update(closes_at=dt.datetime(2026, 3, 5, tzinfo=dt.UTC))
    actions.cast_online_vote(matter.pk, user=voters[0], choice="agree")
    assert Participation.objects.get(matter=matter).recorded_on == dt.date(2026, 3, 2)


@pytest.mark.django_db(transaction=True)
def test_a_sealed_ballot_changed_in_the_database_stops_the_count(world):  # type: ignore[no-untyped-def]
    matter, voters = _open_online_matter(world)
    for user in voters[:3]:
        actions.cast_online_vote(matter.pk, user=user, choice="agree")
    row = SealedBallot.objects.filter(matter=matter).first()
    raw = bytearray(base64.b64decode(row.sealed))
    raw[40] ^= 1
    SealedBallot.objects.filter(pk=row.pk).update(sealed=base64.b64encode(bytes(raw)).decode())
    from grassroots.core.errors import DomainError

    with pytest.raises(DomainError):
        close_now(matter, actor=None)
    assert Matter.objects.get(pk=matter.pk).status == "open"


@pytest.mark.django_db(transaction=True)
def test_a_sealed_ballot_removed_from_the_box_stops_the_count(world):  # type: ignore[no-untyped-def]
    matter, voters = _open_online_matter(world)
    for user in voters[:3]:
        actions.cast_online_vote(matter.pk, user=user, choice="agree")
    SealedBallot.objects.filter(pk=SealedBallot.objects.filter(matter=matter).first().pk).delete()
    from grassroots.core.errors import DomainError

    with pytest.raises(DomainError):
        close_now(matter, actor=None)
