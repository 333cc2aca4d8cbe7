"""Writing and verifying the hash-chained audit trail."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from .models import GENESIS_HASH, AuditEvent, AuditHead


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
    with transaction.atomic():
        head, _created = AuditHead.objects.select_for_update().get_or_create(id=1)
        seq = head.seq + 1
        created_at = timezone.now()
        content = canonical_content(
            seq=seq,
            created_at=created_at,
            actor_id=actor_id,
            verb=verb,
            target_type=target_type,
            target_id=target_id,
            unit_id=unit_id,
            data=payload,
        )
        digest = chain_hash(head.hash, content)
        event = AuditEvent.objects.create(
            seq=seq,
            created_at=created_at,
            actor_id=actor_id,
            verb=verb,
            target_type=target_type,
            target_id=target_id,
            unit_id=unit_id,
            data=payload,
            prev_hash=head.hash,
            hash=digest,
        )
        head.seq, head.hash = seq, digest
        head.save(update_fields=["seq", "hash"])
    return event


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    head_hash: str
    problem: str = ""
    broken_seq: int | None = None


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)


def verify_chain(*, anchor: str | None = None) -> ChainReport:
    """Recompute every hash in order; report the first event that does not fit.

    Catches a row changed (its hash no longer matches its content), removed (a gap in the
    sequence or a prev_hash that points elsewhere), or inserted out of band (a sequence number or
    prev_hash that does not follow). The head row catches removal of the newest events. An
    `anchor` (a hash published earlier, see `audit_anchor`) must still be on the chain.
    """
    prev = GENESIS_HASH
    expected_seq = 1
    anchor_seen = anchor is None or anchor == GENESIS_HASH
    checked = 0
    for event in _events():
        if event.seq != expected_seq:
            return ChainReport(
                False, checked, prev, f"event #{expected_seq} is missing (next is #{event.seq})", expected_seq
            )
        if event.prev_hash != prev:
            return ChainReport(False, checked, prev, f"event #{event.seq} does not follow the one before it", event.seq)
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
        if chain_hash(prev, content) != event.hash:
            return ChainReport(False, checked, prev, f"event #{event.seq} was changed after it was written", event.seq)
        prev = event.hash
        expected_seq += 1
        checked += 1
        if not anchor_seen and event.hash == anchor:
            anchor_seen = True
    head = AuditHead.objects.filter(id=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    if head_seq != checked or head_hash != prev:
        return ChainReport(
            False, checked, prev, f"the chain ends at #{checked} but its head says #{head_seq}", checked + 1
        )
    if not anchor_seen:
        return ChainReport(False, checked, prev, "the anchor hash is not on the chain: the log was rewritten")
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
