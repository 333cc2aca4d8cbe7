"""The public bulletin of a counted matter: receipt hashes, subtotals per channel and the total."""

from __future__ import annotations

from typing import Any

from .models import Ballot, Matter, Meeting

# No subtotal of fewer than 5 ballots is shown for a secret ballot (it could reveal a household's choice).
MIN_SECRET_SUBTOTAL = 5


def _secret_channels(matter: Matter) -> set[str]:
    secret = Meeting.objects.filter(matter=matter, round=matter.round, method=Meeting.Method.SECRET).exists()
    return {"meeting"} if secret else set()


def bulletin(matter: Matter) -> dict[str, Any]:
    result = matter.result or {}
    secret = _secret_channels(matter)
    channels = {}
    for channel, n in (result.get("channels") or {}).items():
        channels[channel] = None if channel in secret and 0 < n < MIN_SECRET_SUBTOTAL else n
    receipts = sorted(
        Ballot.objects.filter(matter=matter, round=matter.round)
        .exclude(receipt_hash="")
        .values_list("receipt_hash", flat=True)
    )
    return {
        "matter": matter.pk,
        "title": matter.title,
        "unit": matter.unit.code,
        "unit_name": matter.unit.name,
        "item": matter.item,
        "form": matter.form,
        "closed_on": matter.closed_at.date().isoformat() if matter.closed_at else None,
        "households": result.get("households"),
        "channels": channels,
        "agree": result.get("agree"),
        "disagree": result.get("disagree"),
        "other": result.get("other"),
        "total": result.get("total"),
        "adopted": result.get("adopted"),
        "villages": result.get("villages", []),
        "rules_version": result.get("rules_version"),
        "ballots_digest": result.get("ballots_digest"),
        "receipt_hashes": receipts,
    }
