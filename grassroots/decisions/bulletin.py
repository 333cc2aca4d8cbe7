"""The public bulletin of a counted matter: the rule that applied, the counts (with percentages of all
households), subtotals per channel, the total and the receipt hashes."""

from __future__ import annotations

from typing import Any

from . import rules
from .models import Ballot, Matter, Meeting
from .public_side import vietnam_iso

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


def percent_of(n: int | None, households: int | None) -> float | None:
    """`n` as a percentage of all households, to one decimal (None when either is unknown)."""
    if n is None or not households:
        return None
    return round(100 * n / households, 1)


def adoption_rule(matter: Matter, result: dict[str, Any]) -> dict[str, Any]:
    """The rule that applied, in numbers (Law Art 21(1); D59 Art 5(4) for online votes): for a village
    matter the households needed out of all H; for a commune-wide one the villages needed out of all V."""
    item = matter.rule_item
    households = result.get("households") or matter.household_count or 0
    if matter.rule_scope is rules.Scope.COMMUNE:
        villages = len(result.get("villages") or []) or matter.village_count or 0
        return {
            "kind": "villages_two_thirds",
            "villages": villages,
            "needed": rules.villages_needed(villages),
            "households": households,
            "article": rules.ADOPTION_ARTICLE,
        }
    two_thirds = item in rules.TWO_THIRDS_ITEMS
    return {
        "kind": "two_thirds" if two_thirds else "more_than_half",
        "households": households,
        "needed": rules.approvals_needed(item, households),
        "article": rules.ONLINE_ADOPTION_ARTICLE if matter.form == rules.Form.ONLINE else rules.ADOPTION_ARTICLE,
    }


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
        # Vietnam time, with its offset: "2026-12-03T14:05:00+07:00".
        "closed_at": vietnam_iso(matter.closed_at),
        "households": result.get("households"),
        "channels": channels,
        "agree": result.get("agree"),
        "disagree": result.get("disagree"),
        "other": result.get("other"),
        "total": result.get("total"),
        "adopted": result.get("adopted"),
        "rule": adoption_rule(matter, result),
        # Each count as a percentage of ALL households (the law's denominator), not of the votes cast.
        "percent_of_households": {
            key: percent_of(result.get(key), result.get("households")) for key in (*OPTIONS, "total")
        },
        "counts_hidden": bool(result.get("counts_hidden")),
        "villages": result.get("villages", []),
        "rules_version": result.get("rules_version"),
        "ballots_digest": result.get("ballots_digest"),
        "receipt_hashes": receipts,
    }
