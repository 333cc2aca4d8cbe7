"""Writing and verifying the hash-chained audit trail."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import GENESIS_HASH, AuditEvent, AuditHead
from .prepared import prepared_cursor


def canonical_content(
    *,
    seq: int,
    created_at: dt.datetime,
    actor_id: int | None,
    verb: str,
    target_type: str,
    target_id: str,
    unit_id: int | None,
    data: Any,
) -> bytes:
    """The bytes that are hashed: sorted-key JSON, UTC time with microseconds."""
    body = {
        "seq": seq,
        "created_at": created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor_id": actor_id,
        "verb": verb,
        "target_type": target_type,
        "target_id": target_id,
        "unit_id": unit_id,
        "data": data,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(prev_hash: str, content: bytes) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + content).hexdigest()


def _target_of(target: models.Model | tuple[str, Any] | None) -> tuple[str, str]:
    if target is None:
        return "", ""
    if isinstance(target, tuple):
        return target[0], str(target[1])
    return target._meta.label_lower, str(target.pk)


def record(
    verb: str,
    *,
    actor: Any = None,
    target: models.Model | tuple[str, Any] | None = None,
    unit_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Call inside the action's transaction.

    `data` must hold JSON values only (str, int, bool, None, lists, dicts) and never personal data
    such as national ID or phone numbers: the trail is read by auditors, not only by the register.
    """
    actor_id = getattr(actor, "pk", None) if actor is not None and actor.is_authenticated else None
    target_type, target_id = _target_of(target)
    payload = json.loads(json.dumps(data or {}, sort_keys=True))
    fields = {"actor_id": actor_id, "verb": verb, "target_type": target_type, "target_id": target_id,
              "unit_id": unit_id, "data": payload}  # fmt: skip
    # Inside the action's transaction no savepoint is needed: a failure here fails the action. The head is
    # the one place where all writers queue: it is taken last and held only until the commit, and
    # everything that does not depend on it is made before it is taken.
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            row = _append_in_one_statement(fields)
            if row is None:  # a new database: the head's row is made once
                AuditHead.objects.get_or_create(id=1)
                row = _append_in_one_statement(fields)
            if row is None:
                raise RuntimeError("the audit chain's head could not be made")
            pk, seq, created_at, prev_hash, digest = row
        else:
            pk, seq, created_at, prev_hash, digest = _append(fields)
    event = AuditEvent(pk=pk, seq=seq, created_at=created_at, prev_hash=prev_hash, hash=digest, **fields)
    event._state.adding, event._state.db = False, connection.alias
    return event


_EVENT_COLUMNS = ("seq", "created_at", "actor_id", "verb", "target_type", "target_id", "unit_id", "data", "prev_hash",
                  "hash")  # fmt: skip


def _event_columns() -> str:
    return ", ".join(connection.ops.quote_name(c) for c in _EVENT_COLUMNS)


def _values(fields: dict[str, Any]) -> list[Any]:
    """The columns of `fields` as the ORM would pass them to the driver (the JSON as its canonical text)."""
    data = AuditEvent._meta.get_field("data").get_db_prep_value(fields["data"], connection)
    return [fields["actor_id"], fields["verb"], fields["target_type"], fields["target_id"], fields["unit_id"], data]


def _append(fields: dict[str, Any]) -> tuple[int, int, dt.datetime, str, str]:
    """SQLite (and any other database): lock the head, hash in Python, two plain statements."""
    prev_seq, prev_hash = _lock_head()
    seq = prev_seq + 1
    created_at = timezone.now()
    digest = chain_hash(prev_hash, canonical_content(seq=seq, created_at=created_at, **fields))
    event_table = connection.ops.quote_name(AuditEvent._meta.db_table)
    insert = f"INSERT INTO {event_table} ({_event_columns()}) VALUES ({', '.join(['%s'] * 10)})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(
            insert,
            [seq, connection.ops.adapt_datetimefield_value(created_at), *_values(fields), prev_hash, digest],
        )
        pk = cursor.lastrowid
        cursor.execute(f"UPDATE {_head_table()} SET seq = %s, hash = %s WHERE id = 1", [seq, digest])  # noqa: S608
    return pk, seq, created_at, prev_hash, digest


def content_pieces(fields: dict[str, Any]) -> tuple[str, str, str]:
    """`canonical_content` cut around the time and the sequence number (which only the head decides):
    content = first + created_at text + second + seq + third (tests/test_audit_one_statement.py)."""

    def dumps(value: Any) -> str:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    first = '{"actor_id":' + dumps(fields["actor_id"]) + ',"created_at":"'
    second = '","data":' + dumps(fields["data"]) + ',"seq":'
    third = (
        ',"target_id":' + dumps(fields["target_id"]) + ',"target_type":' + dumps(fields["target_type"])
        + ',"unit_id":' + dumps(fields["unit_id"]) + ',"verb":' + dumps(fields["verb"]) + "}"
    )  # fmt: skip
    return first, second, third


def _append_in_one_statement(fields: dict[str, Any]) -> tuple[int, int, dt.datetime, str, str] | None:
    """PostgreSQL: lock the head, hash (sha256 in the server), insert the event and move the head in one
    statement, so the head is held for that statement and the commit, not for a round trip and Python's
    work between each of four statements. The hashed bytes are `canonical_content`'s, with the number the
    head gives. The time is taken just before (as `timezone.now()` gives it, which tests and the demo can
    set): two actions appending at the same moment may be a few milliseconds out of the chain's order.
    None if the head's row does not exist yet."""
    created_at = timezone.now()
    first, second, third = content_pieces(fields)
    before = first + created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ") + second
    head, event_table = _head_table(), connection.ops.quote_name(AuditEvent._meta.db_table)
    sql = f"""
        WITH h AS (SELECT seq, hash FROM {head} WHERE id = 1 FOR UPDATE),
        c AS (
            SELECT h.seq + 1 AS seq, h.hash AS prev_hash,
                   encode(sha256(convert_to(h.hash || E'\\n' || %s || (h.seq + 1)::text || %s, 'UTF8')), 'hex') AS hash
            FROM h
        ),
        u AS (UPDATE {head} SET seq = c.seq, hash = c.hash FROM c WHERE {head}.id = 1)
        INSERT INTO {event_table} ({_event_columns()})
        SELECT c.seq, %s::timestamptz, %s::bigint, %s, %s, %s, %s::bigint, %s::jsonb, c.prev_hash, c.hash FROM c
        RETURNING id, seq, prev_hash, hash
    """  # noqa: S608 - the models' tables
    # A prepared statement (core.prepared): planned once per connection, not at every event.
    with prepared_cursor() as cursor:
        cursor.execute(sql, [before, third, connection.ops.adapt_datetimefield_value(created_at), *_values(fields)])
        row = cursor.fetchone()
    return None if row is None else (row[0], row[1], created_at, row[2], row[3])


def _head_table() -> str:
    return connection.ops.quote_name(AuditHead._meta.db_table)


def _lock_head() -> tuple[int, str]:
    """(seq, hash) of the chain's head, locked until the commit (FOR UPDATE where the database has it;
    SQLite's BEGIN IMMEDIATE already holds the only write lock). Plain SQL: this runs in every action."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    sql = f"SELECT seq, hash FROM {_head_table()} WHERE id = 1{lock}"  # noqa: S608 - the model's table
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
        if row is None:
            AuditHead.objects.get_or_create(id=1)
            cursor.execute(sql)
            row = cursor.fetchone()
    return int(row[0]), str(row[1])


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    head_hash: str
    problem: str = ""
    broken_seq: int | None = None


@dataclass(frozen=True)
class Anchor:
    """The head of the chain as it was at `at`, kept outside the database (see `verify_chain`)."""

    seq: int
    hash: str
    at: str = ""

    def to_json(self) -> str:
        return json.dumps({"seq": self.seq, "hash": self.hash, "at": self.at})


class AnchorFileDamaged(ValueError):
    pass


def read_last_anchor(path: Path) -> Anchor | None:
    """The last anchor written to the file (one JSON object a line), or None if there is none yet.

    A last line that is not an anchor is an error, never "no anchor": wiping the line must not switch
    the check off.
    """
    try:
        with open(path, "rb") as handle:
            lines = [line for line in handle.read().splitlines() if line.strip()]
    except FileNotFoundError:
        return None
    if not lines:
        return None
    try:
        data = json.loads(lines[-1])
        anchor = Anchor(seq=int(data["seq"]), hash=str(data["hash"]), at=str(data.get("at", "")))
    except (ValueError, KeyError, TypeError):
        raise AnchorFileDamaged(f"the last line of {path} is not an anchor") from None
    if anchor.seq < 0 or len(anchor.hash) != 64:
        raise AnchorFileDamaged(f"the last line of {path} is not an anchor")
    return anchor


def append_anchor(path: Path, anchor: Anchor) -> None:
    """Add the anchor as one line at the end of the file (created readable by its owner only)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
        handle.write(anchor.to_json() + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def current_anchor() -> Anchor:
    head = AuditHead.objects.filter(id=1).first()
    return Anchor(
        seq=head.seq if head else 0,
        hash=head.hash if head else GENESIS_HASH,
        at=timezone.now().isoformat(timespec="seconds"),
    )


# A row to check: (seq, prev_hash, hash, the canonical content bytes).
_Row = tuple[int, str, str, bytes]

VERIFY_CHUNK = 10_000
DATA_CACHE = 4096  # distinct `data` texts whose canonical text is kept during one check
_encode_str = json.encoder.encode_basestring  # how json.dumps(ensure_ascii=False) writes a str
_decode = json.JSONDecoder().raw_decode


def _data_encoder() -> Callable[[Any], str]:
    """json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False), made once.

    json.dumps builds a new C encoder on every call, which costs as much as the encoding of a small
    dict; this keeps one (the same C encoder json.dumps uses, so the same bytes:
    test_audit_fast_verify checks them against canonical_content)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # no C accelerator: the pure-Python encoder, slower but the same bytes
        return json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode
    iterencode = make(None, json.JSONEncoder().default, _encode_str, None, ":", ",", True, False, True)
    return lambda value: "".join(iterencode(value, 0))


_encode_data = _data_encoder()


def _event_rows(events: Iterable[Any]) -> Iterator[_Row]:
    """Rows of model-like objects (a backup being restored), through canonical_content itself."""
    for event in events:
        content = canonical_content(
            seq=event.seq,
            created_at=event.created_at,
            actor_id=event.actor_id,
            verb=event.verb,
            target_type=event.target_type,
            target_id=event.target_id,
            unit_id=event.unit_id,
            data=event.data,
        )
        yield event.seq, event.prev_hash, event.hash, content


def _utc_text(value: Any) -> str:
    """created_at as canonical_content writes it, from the column as the database returns it.

    SQLite keeps Django's `str()` of the naive UTC time ("2026-12-02 19:56:59.123456", without the
    fraction when it is zero); PostgreSQL formats it in the query (_created_at_sql). Anything else
    is parsed as Django would read it.
    """
    if isinstance(value, str):
        if len(value) == 26 and value[10] == " " and value[19] == ".":
            return f"{value[:10]}T{value[11:]}Z"
        if len(value) == 27 and value[10] == "T" and value[26] == "Z":
            return value
        if len(value) == 19 and value[10] == " ":
            return f"{value[:10]}T{value[11:]}.000000Z"
        parsed = parse_datetime(value)
        if parsed is None:
            return value  # not a time: these bytes were not hashed, so the event shows as changed
        value = parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=dt.UTC)
    return str(value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"))


def _data_text(value: Any) -> str:
    """The `data` column as canonical JSON text, from JSON text (SQLite; Django's jsonb loader on
    PostgreSQL) or from values already parsed (another driver)."""
    if isinstance(value, str):
        if value == "{}":
            return value
        try:
            parsed, end = _decode(value)
            if end == len(value):
                return _encode_data(parsed)
        except ValueError:
            pass  # leading or trailing space, or not JSON: json.loads decides, as JSONField.from_db_value does
        try:
            return _encode_data(json.loads(value))
        except json.JSONDecodeError:
            return _encode_data(value)  # as JSONField.from_db_value: the text itself
    return _encode_data(value)


def _number(value: Any) -> str:
    """An id column as json.dumps writes it; a value that is not an int (written into SQLite out of band)
    is written as canonical_content would write it, so the event shows as changed instead of failing."""
    if value.__class__ is int:
        return str(value)
    return "null" if value is None else _encode_data(value)


def _created_at_sql() -> str | None:
    if connection.vendor == "sqlite":
        return "CAST(created_at AS TEXT)"  # an expression has no declared type, so no datetime converter
    if connection.vendor == "postgresql":
        return """to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""
    return None


def _stored_rows(after: int = 0, chunk: int | None = None, *, data_as_stored: bool = True) -> Iterator[_Row]:
    """Every event with seq > `after`, in order of seq, read as plain rows in keyset chunks (no model
    instances, no OFFSET), the canonical content built from the columns' text.

    With `data_as_stored` (SQLite), the `data` column's text goes into the content as it is: events are
    written with `CanonicalJSONEncoder`, so it is the text that was hashed. A row whose text is not
    canonical (written before that encoder, or by hand) no longer matches its hash that way, and
    `verify_chain` builds it again with `data_as_stored=False`, which parses and re-encodes the data.
    Hashing the stored text can never make a changed row pass: a match means these are the hashed bytes."""
    chunk = chunk or VERIFY_CHUNK
    created_at_sql = _created_at_sql()
    if created_at_sql is None:  # another database: through the model
        yield from _event_rows(AuditEvent.objects.filter(seq__gt=after).order_by("seq").iterator(chunk_size=2000))
        return
    # PostgreSQL's jsonb keeps no text: it is always parsed and re-encoded.
    data_as_stored = data_as_stored and connection.vendor == "sqlite"
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    sql = (
        f"SELECT seq, prev_hash, hash, {created_at_sql}, actor_id, verb, target_type, target_id, unit_id, data "  # noqa: S608
        f"FROM {table} WHERE seq > %s ORDER BY seq LIMIT %s"
    )
    utc_text, data_text, encode_str = _utc_text, _data_text, _encode_str
    # Many events carry the same data ({"channel": "online"} on every vote): its canonical text once.
    canonical_data: dict[str, str] = {}
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [after, chunk])
            rows = cursor.fetchall()
        for seq, prev_hash, digest, created_at, actor_id, verb, target_type, target_id, unit_id, data in rows:
            if len(created_at) == 26 and created_at[10] == " " and created_at[19] == ".":  # SQLite's usual text
                created_at = f"{created_at[:10]}T{created_at[11:]}Z"
            elif not (len(created_at) == 27 and created_at[26] == "Z"):  # not PostgreSQL's to_char either
                created_at = utc_text(created_at)
            if data.__class__ is not str:
                data = data_text(data)
            elif not data_as_stored:
                text = canonical_data.get(data)
                if text is None:
                    text = data_text(data)
                    if len(canonical_data) < DATA_CACHE:
                        canonical_data[data] = text
                data = text
            # canonical_content's bytes (its keys in sorted order) without a dict and json.dumps per row.
            yield (
                seq,
                prev_hash,
                digest,
                (
                    f'{{"actor_id":{actor_id if actor_id.__class__ is int else _number(actor_id)},'
                    f'"created_at":"{created_at}","data":{data},"seq":{seq if seq.__class__ is int else _number(seq)},'
                    f'"target_id":{encode_str(target_id)},"target_type":{encode_str(target_type)},'
                    f'"unit_id":{unit_id if unit_id.__class__ is int else _number(unit_id)},'
                    f'"verb":{encode_str(verb)}}}'
                ).encode(),
            )
        if len(rows) < chunk:
            return
        after = rows[-1][0]


def _reencoded(seq: int) -> bytes | None:
    """The canonical content of stored event #seq with its data parsed and encoded again."""
    for row in _stored_rows(after=seq - 1, chunk=1, data_as_stored=False):
        return row[3] if row[0] == seq else None
    return None


def verify_chain(
    *,
    anchor: str | Anchor | None = None,
    events: Iterable[Any] | None = None,
    head: tuple[int, str] | None = None,
) -> ChainReport:
    """Recompute every hash in order; report the first event that does not fit.

    Catches a row changed (its hash no longer matches its content), removed (a gap in the
    sequence or a prev_hash that points elsewhere), or inserted out of band (a sequence number or
    prev_hash that does not follow). The head row catches removal of the newest events, unless whoever
    removed them also rewound the head: an unkeyed chain cannot tell that from a shorter history.

    That is what an anchor is for. An `Anchor` (seq, hash), recorded earlier outside the database by
    the scheduled `audit_verify`, must still be event #seq with that hash, and the chain must not end
    before #seq: a tail cut off with the head rewound, or a history rewritten from an earlier point,
    no longer contains it. A bare hash (as printed by `audit_anchor`) must be somewhere on the chain.

    `events` and `head` check a chain read from elsewhere (a backup file before it is restored):
    objects with the fields of AuditEvent, in order of seq, and the (seq, hash) of its head.
    """
    prev = GENESIS_HASH
    expected_seq = 1
    anchor_hash = anchor.hash if isinstance(anchor, Anchor) else anchor
    anchor_seq = anchor.seq if isinstance(anchor, Anchor) else None
    anchor_seen = anchor_hash is None or (anchor_hash == GENESIS_HASH and anchor_seq in (None, 0))
    checked = 0
    sha256 = hashlib.sha256
    rows = _stored_rows() if events is None else _event_rows(events)
    for _round in range(3 if events is None else 1):
        for seq, prev_hash, digest, content in rows:
            if seq != expected_seq:
                return ChainReport(
                    False, checked, prev, f"event #{expected_seq} is missing (next is #{seq})", expected_seq
                )
            if prev_hash != prev:
                return ChainReport(False, checked, prev, f"event #{seq} does not follow the one before it", seq)
            # chain_hash(prev, content), inlined: this loop runs once per event.
            if sha256(b"%s\n%s" % (prev.encode(), content)).hexdigest() != digest and (
                events is not None
                or (again := _reencoded(seq)) is None
                or sha256(b"%s\n%s" % (prev.encode(), again)).hexdigest() != digest
            ):
                return ChainReport(False, checked, prev, f"event #{seq} was changed after it was written", seq)
            prev = digest
            expected_seq += 1
            checked += 1
            if not anchor_seen and digest == anchor_hash and anchor_seq in (None, seq):
                anchor_seen = True
        if events is None:
            row = AuditHead.objects.filter(id=1).first()
            head = (row.seq, row.hash) if row else None
            if head is not None and head[0] > checked:
                # Events appended while the chain was read: the head is committed with its event, so
                # those events are there now. Read on from the last one checked (a few rounds at most).
                rows = _stored_rows(after=checked)
                continue
        break
    head_seq, head_hash = head or (0, GENESIS_HASH)
    if head_seq != checked or head_hash != prev:
        return ChainReport(
            False, checked, prev, f"the chain ends at #{checked} but its head says #{head_seq}", checked + 1
        )
    if anchor_seq is not None and checked < anchor_seq:
        when = f" on {anchor.at}" if isinstance(anchor, Anchor) and anchor.at else ""
        return ChainReport(
            False,
            checked,
            prev,
            f"the chain ends at #{checked} but an anchor recorded{when} saw #{anchor_seq}: "
            f"events after #{checked} were cut off",
            checked + 1,
        )
    if not anchor_seen:
        where = f" as event #{anchor_seq}" if anchor_seq is not None else ""
        return ChainReport(
            False, checked, prev, f"the anchor hash is not on the chain{where}: the log was rewritten", anchor_seq
        )
    return ChainReport(True, checked, prev)


# Records bound to the chain by an event (a count's ballot digest, say) are checked by the app that binds
# them; it registers its check in AppConfig.ready(), and `audit_verify` runs every check after the chain.
BOUND_RECORD_CHECKS: list[Callable[[], list[str]]] = []


def register_bound_check(check: Callable[[], list[str]]) -> None:
    if check not in BOUND_RECORD_CHECKS:
        BOUND_RECORD_CHECKS.append(check)


def verify_bound_records() -> list[str]:
    """Every problem the registered checks find; empty when the records agree with the chain."""
    return [problem for check in BOUND_RECORD_CHECKS for problem in check()]
