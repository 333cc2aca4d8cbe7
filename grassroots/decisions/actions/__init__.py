"""Every write to a community matter: each in a transaction, each with an audit event.

One module per concern; the guards they share (who may act, in which state, the audit event) are
private to the package (`_guards`). Callers import from here: `from grassroots.decisions import actions`.

- `matters`: tabling and preparing a matter, citizen initiatives, opening it (Art 16; D59 Arts 3–5).
- `voting`: online votes with idempotent receipts (D59 Art 5) and household ballot slips (D59 Art 4).
- `meetings`: the community meeting: attendance, procedural votes, the count, the switch to ballots (Art 18).
- `clusters`: meetings by residential cluster and the hand delivery of slips (Art 18(3); D59 Arts 3(6), 4(5)).
- `records`: counting, filing the record and its recognition (Arts 20–21).
"""

from ._guards import PREPARING, AlreadyVoted
from .clusters import (
    FILTERS,
    DistributionRow,
    cluster_totals,
    combine_cluster_results,
    distribution,
    mark_all_delivered,
    mark_delivered,
    plan_households,
    record_cluster_result,
    set_cluster_plan,
)
from .matters import (
    create_matter,
    online_blockers,
    open_matter,
    record_agreement,
    record_consent,
    record_notification,
    record_optin_poll,
    set_team,
    village_units,
)
from .meetings import (
    approve_counting_committee,
    choose_method,
    elect_secretary,
    households_matching,
    meeting_outlook,
    record_attendance,
    record_meeting_count,
    record_meeting_result,
    schedule_meeting,
    switch_to_ballots,
)
from .records import (
    ballots_digest,
    close_matter,
    compute_result,
    counts_early,
    file_record,
    filing_starts_on,
    outstanding_slips,
    recognize,
    refuse,
    register_decided_listener,
)
from .voting import RECEIPT_PURPOSE, cast_online_vote, receipt_hash, record_slip

__all__ = [
    "FILTERS",
    "PREPARING",
    "RECEIPT_PURPOSE",
    "AlreadyVoted",
    "DistributionRow",
    "approve_counting_committee",
    "ballots_digest",
    "cast_online_vote",
    "choose_method",
    "close_matter",
    "cluster_totals",
    "combine_cluster_results",
    "compute_result",
    "counts_early",
    "create_matter",
    "distribution",
    "elect_secretary",
    "file_record",
    "filing_starts_on",
    "households_matching",
    "mark_all_delivered",
    "mark_delivered",
    "meeting_outlook",
    "online_blockers",
    "open_matter",
    "outstanding_slips",
    "plan_households",
    "receipt_hash",
    "recognize",
    "record_agreement",
    "record_attendance",
    "record_cluster_result",
    "record_consent",
    "record_meeting_count",
    "record_meeting_result",
    "record_notification",
    "record_optin_poll",
    "record_slip",
    "refuse",
    "register_decided_listener",
    "schedule_meeting",
    "set_cluster_plan",
    "set_team",
    "switch_to_ballots",
    "village_units",
]
