"""The public bulletin of a counted matter: receipt hashes, subtotals per channel and the total."""

from __future__ import annotations

from typing import Any

from .models import Ballot, Matter, Meeting

# No count per option of fewer than 5 ballots in a unit is published (a bulletin with one ballot reveals
# that voter's choice), and no channel subtotal under 5 of a secret meeting ballot.
MIN_SECRET_SUBTOTAL = 5
OPTIONS = ("agree", "disagree", "other")


def _too_few(total: int | None) -> bool:
    return total is not None and 0 < total < MIN_SECRET_SUBTOTAL


def suppress_small_counts(result: dict[str, Any]) -> dict[str, Any]:
    """The counts a public page may show: a unit with 1 to 4 ballots shows only whether it adopted, and so
    does the whole matter when its own total is that small or when any unit is hidden (the total less the
    units shown would give the hidden units' counts, and a unanimous remainder reveals every choice)."""
    villages = []
    hidden_total = 0
    for village in result.get("villages", []):
        total = sum(village.get(o) or 0 for o in OPTIONS)
        if _too_few(total):
            hidden_total += total
            village = {**village, **dict.fromkeys(OPTIONS), "hidden": True}
        villages.append(village)
    shown = {**result, "villages": villages}
    if _too_few(result.get("total")) or hidden_total > 0:
        shown.update(dict.fromkeys(OPTIONS), counts_hidden=True)
    return shown


def _secret_channels(matter: Matter) -> set[str]:
    secret = Meeting.objects.filter(matter=matter, round=matter.round, method=Meeting.Method.SECRET).exists()
    return {"meeting"} if secret else set()


def bulletin(matter: Matter) -> dict[str, Any]:
    result = suppress_small_counts(matter.result or {})
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
        "counts_hidden": bool(result.get("counts_hidden")),
        "villages": result.get("villages", []),
        "rules_version": result.get("rules_version"),
        "ballots_digest": result.get("ballots_digest"),
        "receipt_hashes": receipts,
    }
