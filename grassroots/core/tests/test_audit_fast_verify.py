"""`verify_chain` reads plain rows in keyset chunks and builds the canonical content from the columns'
text: the bytes must be exactly those `audit.record` hashed, or the existing chain would no longer verify,
and a changed row must still be found. Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.core.models import AuditEvent

pytestmark = pytest.mark.django_db

# Data that json.dumps writes in every way it can: key order, non-ASCII, escapes, numbers, nesting.
AWKWARD_DATA = [
    {},
    {"i": 1},
    {"z": 1, "a": 2, "m": {"y": [3, 2, 1], "b": None}},
    {"name": "Nguyễn Thị Ánh", "place": "Nhà văn hóa thôn Đông, xã Tân Lập"},
    {"quote": 'say "no"', "slash": "a\\b/c", "control": "line\nbreak\ttab\u0001\u2028", "emoji": "🗳️"},
    {"float": 0.1, "big": 10**20, "negative": -3, "small": 1.5e-7, "half": 2.5, "zero": 0.0},
    {"flags": [True, False, None], "empty": {"list": [], "dict": {}}, "text": ""},
    {"ключ": "значение", "number_strings": ["1", "1.0"], "nested": [{"b": 1, "a": [{"d": 2, "c": 3}]}]},
]


def _chain_with_awkward_rows() -> list[AuditEvent]:
    actor = User.objects.create(username="chair")
    events = []
    for i, data in enumerate(AWKWARD_DATA):
        events.append(
            audit.record(
                f"test.event.{i}",
                actor=actor if i % 2 else None,
                target=("thing", f"đối tượng-{i}" if i % 3 else i),
                unit_id=None if i % 2 else 1000 + i,
                data=data,
            )
        )
    return events


def test_the_fast_read_builds_the_bytes_that_record_hashed():
    _chain_with_awkward_rows()
    fast = list(audit._stored_rows())
    exact = list(audit._event_rows(AuditEvent.objects.order_by("seq")))
    assert [row[3] for row in fast] == [row[3] for row in exact]
    assert fast == exact
    report = audit.verify_chain()
    assert report.ok, report.problem
    assert report.checked == len(AWKWARD_DATA)


def test_a_time_on_a_whole_second_verifies(monkeypatch):
    """SQLite stores such a time without its fraction ("…:05", not "…:05.000000")."""
    whole = dt.datetime(2026, 3, 1, 2, 3, 5, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: whole)
    audit.record("test.event", data={"i": 1})
    monkeypatch.undo()
    audit.record("test.event", data={"i": 2})
    assert audit.verify_chain().ok


def test_the_chain_verifies_across_chunks_and_a_gap_at_a_chunk_edge_is_found(monkeypatch):
    monkeypatch.setattr(audit, "VERIFY_CHUNK", 3)
    for i in range(10):
        audit.record("test.event", data={"i": i})
    report = audit.verify_chain()
    assert (report.ok, report.checked) == (True, 10)

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE seq = 4")
    report = audit.verify_chain()
    assert (report.ok, report.broken_seq) == (False, 4)


@pytest.mark.parametrize(
    "new_data",
    [
        {"name": "Nguyễn Thị Ánh", "i": 1},  # another character of the name
        {"i": "1", "name": "Nguyễn Thị Anh"},  # a number turned into text
        {"i": 1.0, "name": "Nguyễn Thị Anh"},  # an integer turned into a float
        {"i": 1, "name": "Nguyễn Thị Anh", "extra": None},  # a key added
    ],
)
def test_a_changed_data_row_is_found(new_data):
    for i in range(3):
        audit.record("test.event", data={"i": i, "name": "Nguyễn Thị Anh"})
    AuditEvent.objects.filter(seq=2).update(data=new_data)
    report = audit.verify_chain()
    assert (report.ok, report.broken_seq) == (False, 2)


def test_the_same_data_written_in_another_order_or_spacing_still_verifies():
    """The hash covers the meaning of `data` (canonical JSON), not how the database spells it."""
    for i in range(3):
        audit.record("test.event", data={"i": i, "name": "Nguyễn Thị Anh"})
    text = json.dumps({"name": "Nguyễn Thị Anh", "i": 1}, ensure_ascii=False, indent=2)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET data = %s WHERE seq = 2", [text])
    assert audit.verify_chain().ok


def test_a_time_moved_by_one_microsecond_is_found():
    events = [audit.record("test.event", data={"i": i}) for i in range(3)]
    moved = events[1].created_at + dt.timedelta(microseconds=1)
    AuditEvent.objects.filter(seq=2).update(created_at=moved)
    report = audit.verify_chain()
    assert (report.ok, report.broken_seq) == (False, 2)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the text of a SQLite time column")
def test_a_sqlite_time_written_in_another_form_of_the_same_instant_verifies_and_garbage_is_found():
    events = [audit.record("test.event", data={"i": i}) for i in range(3)]
    same = events[1].created_at.astimezone(dt.UTC).isoformat()  # "…T…+00:00", not Django's "… …"
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET created_at = %s WHERE seq = 2", [same])
    assert audit.verify_chain().ok

    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET created_at = %s WHERE seq = 2", ["not a time"])
    report = audit.verify_chain()
    assert (report.ok, report.broken_seq) == (False, 2)


def test_events_appended_while_the_chain_is_read_are_checked_too(monkeypatch):
    """A writer that commits during the check moves the head on; the check reads on instead of
    reporting a chain shorter than its head."""
    for i in range(3):
        audit.record("test.event", data={"i": i})
    real_stored_rows = audit._stored_rows
    appended = []

    def stored_rows_then_a_new_event(after=0, chunk=None):
        yield from real_stored_rows(after)
        if not appended:
            appended.append(audit.record("test.event", data={"i": "late"}))

    monkeypatch.setattr(audit, "_stored_rows", stored_rows_then_a_new_event)
    report = audit.verify_chain()
    assert (report.ok, report.checked) == (True, 4), report.problem


def test_a_change_among_many_events_with_the_same_data_is_found():
    """The canonical text of repeated data is computed once; a row that differs is still its own."""
    for _ in range(5):
        audit.record("decisions.vote_cast", data={"channel": "online"})
    AuditEvent.objects.filter(seq=4).update(data={"channel": "paper"})
    report = audit.verify_chain()
    assert (report.ok, report.broken_seq) == (False, 4)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite keeps any type in any column")
def test_text_written_into_an_id_column_is_found_not_a_crash():
    for i in range(3):
        audit.record("test.event", unit_id=7, data={"i": i})
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET unit_id = %s WHERE seq = 2", ["seven"])
    report = audit.verify_chain()
    assert (report.ok, report.broken_seq) == (False, 2)


def _stored_data_text(seq: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM core_auditevent WHERE seq = %s", [seq])
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's jsonb keeps no text of its own")
def test_data_is_stored_as_the_canonical_text_the_chain_hashes():
    data = {"z": 1, "a": "Nhà văn hóa", "m": [{"b": 2, "a": 1}]}
    event = audit.record("test.event", data=data)
    assert _stored_data_text(event.seq) == json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's jsonb keeps no text of its own")
def test_data_written_before_the_canonical_encoder_still_verifies_and_a_change_in_it_is_found():
    """Events written with Django's default encoder (spaces, \\u escapes, keys in any order) are hashed
    through the path that parses and re-encodes their data; the value is what counts, not the text."""
    for data in AWKWARD_DATA:
        audit.record("test.event", data=data)
    with connection.cursor() as cursor:
        for seq, data in enumerate(AWKWARD_DATA, start=1):
            old_text = json.dumps(dict(reversed(list(data.items()))))  # as Django wrote it before
            cursor.execute("UPDATE core_auditevent SET data = %s WHERE seq = %s", [old_text, seq])
    assert _stored_data_text(4) != json.dumps(AWKWARD_DATA[3], sort_keys=True, separators=(",", ":"))
    report = audit.verify_chain()
    assert (report.ok, report.checked) == (True, len(AWKWARD_DATA)), report.problem

    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET data = %s WHERE seq = 3", [json.dumps({"z": 1, "a": 3})])
    report = audit.verify_chain()
    assert (report.ok, report.broken_seq) == (False, 3)
