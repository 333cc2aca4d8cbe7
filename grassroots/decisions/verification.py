"""Checking a counted matter against what was published and against the audit chain.

At the count, `close_matter` writes a `decisions.ballots_counted` event whose data carries the SHA-256
digest of the round's ballots (`actions.ballots_digest`). The event is a link of the hash chain, so a ballot
row flipped in the database afterwards no longer matches it, even if the matter's stored result was edited
too. `verify_tally` and `audit_verify` both run these checks.
"""

from __future__ import annotations

from django.db.models import Q

from grassroots.core.models import AuditEvent

from .actions import ballots_digest, compute_result
from .models import Matter

COUNTED_VERB = "decisions.ballots_counted"


def counted_digests(matter: Matter) -> list[str]:
    """The digests the audit chain recorded at the count of the matter's current round, oldest first: one,
    or none for a matter counted before counts were bound to the chain."""
    events = AuditEvent.objects.filter(verb=COUNTED_VERB, target_type="decisions.matter", target_id=str(matter.pk))
    found = []
    for data in events.order_by("seq").values_list("data", flat=True):
        if isinstance(data, dict) and data.get("round") == matter.round:
            found.append(str(data.get("digest")))
    return found


def _closed_after_counts_were_bound(matter: Matter) -> bool:
    """Whether the matter was closed after the first count that was bound to the chain: then its own count
    must be there too (older matters are checked against their published result only)."""
    first = AuditEvent.objects.filter(verb=COUNTED_VERB).order_by("seq").values_list("seq", flat=True).first()
    closed = (
        AuditEvent.objects.filter(
            verb="decisions.matter_closed", target_type="decisions.matter", target_id=str(matter.pk)
        )
        .order_by("-seq")
        .values_list("seq", flat=True)
        .first()
    )
    return first is not None and closed is not None and closed > first


def problems(matter: Matter) -> list[str]:
    """What no longer agrees for one counted matter: empty when the ballots, the published result and
    the chain agree. Matters counted before the count was bound to the chain are checked against their
    published result only."""
    found = []
    recomputed = compute_result(matter)
    published = matter.result or {}
    differences = {k: (published.get(k), v) for k, v in recomputed.items() if published.get(k) != v}
    if differences:
        found.append(f"matter {matter.pk}: DIFFERS from the published result: {differences}")
    bound = counted_digests(matter)
    if len(bound) > 1:
        # A round is counted once: a later event is an attempt to bind other ballots (the first one stands).
        found.append(f"matter {matter.pk}: the audit chain records {len(bound)} counts of round {matter.round}")
    if bound and bound[0] != ballots_digest(matter):
        found.append(f"matter {matter.pk}: its ballots no longer match the digest recorded on the audit chain")
    if not bound and _closed_after_counts_were_bound(matter):
        found.append(f"matter {matter.pk}: counted without its count on the audit chain (events were cut off?)")
    return found


def verify_all_counted() -> list[str]:
    found: list[str] = []
    counted = AuditEvent.objects.filter(verb=COUNTED_VERB, target_type="decisions.matter").values_list(
        "target_id", flat=True
    )
    ids = {int(pk) for pk in counted if pk.isdigit()}  # target ids are text in the audit trail
    matters = Matter.objects.filter(Q(result__isnull=False) | Q(pk__in=ids)).order_by("pk")
    for matter in matters.iterator(chunk_size=200):
        found += problems(matter)
    return found
