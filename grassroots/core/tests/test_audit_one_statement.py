"""`audit.record` appends an event on PostgreSQL in one statement that hashes in the server: the bytes it
hashes must be exactly `canonical_content`'s, or the chain would not verify. Runs on SQLite (the plain-SQL
path) and on PostgreSQL (DATABASE_URL)."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.core.models import AuditEvent
from grassroots.core.tests.test_audit_fast_verify import AWKWARD_DATA

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@given(
    actor_id=st.none() | st.integers(1, 10**12),
    verb=st.text(max_size=30),
    target=st.tuples(st.text(max_size=20), st.text(max_size=20)),
    unit_id=st.none() | st.integers(1, 10**12),
    data=st.dictionaries(st.text(max_size=10), json_values, max_size=4),
    seq=st.integers(1, 10**15),
    created_at=st.datetimes(
        min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2200, 1, 1), timezones=st.just(dt.UTC)
    ),
)
@settings(max_examples=300)
def test_the_pieces_around_the_time_and_the_number_make_the_canonical_content(
    actor_id, verb, target, unit_id, data, seq, created_at
):
    fields = {"actor_id": actor_id, "verb": verb, "target_type": target[0], "target_id": target[1],
              "unit_id": unit_id, "data": data}  # fmt: skip
    first, second, third = audit.content_pieces(fields)
    at = created_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert (first + at + second + str(seq) + third).encode() == audit.canonical_content(
        seq=seq, created_at=created_at, **fields
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("data", AWKWARD_DATA)
def test_an_appended_event_is_hashed_as_canonical_content_says_and_the_chain_verifies(data):
    actor = User.objects.create(username="auditor-one-statement")
    first = audit.record("test.first", actor=actor, target=("core.thing", 7), unit_id=12, data=data)
    event = audit.record("test.second", actor=actor, target=("core.thing", "x"), data=data)
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.seq, stored.prev_hash, stored.hash) == (first.seq + 1, first.hash, event.hash)
    assert stored.created_at == event.created_at and stored.created_at >= first.created_at
    content = audit.canonical_content(seq=stored.seq, created_at=stored.created_at, actor_id=actor.pk,
                                      verb="test.second", target_type="core.thing", target_id="x", unit_id=None,
                                      data=data)  # fmt: skip
    assert stored.hash == audit.chain_hash(first.hash, content)
    assert stored.data == data
    assert audit.verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_the_first_event_of_a_new_database_makes_the_head():
    audit.AuditHead.objects.all().delete()
    event = audit.record("test.first")
    assert (event.seq, event.prev_hash) == (1, audit.GENESIS_HASH)
    assert audit.AuditHead.objects.get().hash == event.hash
    assert audit.verify_chain().ok
