"""Checking a counted matter against what was published and against the audit chain.

At the count, `close_matter` writes a `decisions.ballots_counted` event whose data carries the SHA-256
digest of the round's ballots (`actions.ballots_digest`). The event is a link of the hash chain, so a ballot
row flipped in the database afterwards no longer matches it, even if the matter's stored result was edited
too. `verify_tally` and `audit_verify` both run these checks.
"""

from __future__ import annotations

from grassroots.core.models import AuditEvent

from .actions import ballots_digest, compute_result
from .models import Matter

COUNTED_VERB = "decisions.ballots_counted"


def counted_digest(matter: Matter) -> str | None:
    """The digest the audit chain recorded at the count of the matter's current round, if any."""
    events = AuditEvent.objects.filter(verb=COUNTED_VERB, target_type="decisions.matter", target_id=str(matter.pk))
    for data in events.order_by("-seq").values_list("data", flat=True):
        if isinstance(data, dict) and data.get("round") == matter.round:
            return str(data.get("digest"))
    return None


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
    bound = counted_digest(matter)
    if bound is not None and bound != ballots_digest(matter):
        found.append(f"matter {matter.pk}: its ballots no longer match the digest recorded on the audit chain")
    return found


def verify_all_counted() -> list[str]:
    found: list[str] = []
    for matter in Matter.objects.filter(result__isnull=False).order_by("pk").iterator(chunk_size=200):
        found += problems(matter)
    return found
