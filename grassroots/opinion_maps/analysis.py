"""The report of an opinion map, as Pol.is computes it, from plain arrays (no database, no models).

Input: one row per vote (participant id, statement id, value in {1, -1, 0}) and the ids of the
statements that count (the visible ones). Output: a dict of aggregates only: how many took part, the
groups of residents who vote alike (their sizes and centres, never their members), the statements each
group holds, the statements with broad agreement across groups (group-informed consensus), the counts
per statement and per group, and a coarse grid of the scatter.

How:
1. A sparse participant × statement matrix (scipy CSR), each vote centred on its statement's mean;
   a missing vote is the mean (0 after centring), as Pol.is imputes it.
2. Principal components (up to 4; the first two drawn) by truncated SVD (scikit-learn, fixed random_state) of the placed
   participants (those with enough votes), scaled by sqrt(statements / votes) so that people who voted
   on few statements are not pulled to the centre.
3. k-means (fixed random_state, n_init=10) for k = 2..5, keeping only k where every group has at
   least MIN_GROUP_SIZE people; k is the best silhouette on a fixed subsample. With too few people,
   one group: nobody is shown apart.
4. Determinism: participants are put in an order that depends only on their votes (two fixed hashes of
   each row), statements in id order, so the same votes give the same matrix whatever the insertion
   order, and so the same report. Groups are named A, B, … by size, then by position.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from . import rules

SEED = 2026
SILHOUETTE_SAMPLE = 2000
GRID = 24  # the scatter is a GRID × GRID grid of counts, never one point per person
Z_90 = 1.2816  # one-sided 90% (Pol.is)
LABELS = "ABCDEFGH"


def _matrix(rows: np.ndarray, statement_ids: list[int]) -> tuple[sparse.csr_matrix, sparse.csr_matrix, int]:
    """The votes as (values, voted) CSR matrices over participants × statements, in canonical row order.
    Both have the same structure (one stored entry per vote, passes stored as explicit zeros)."""
    sids = np.asarray(sorted(statement_ids), dtype=np.int64)
    rows = rows.reshape(-1, 3)
    if len(sids):
        col = np.searchsorted(sids, rows[:, 1])
        keep = (col < len(sids)) & (sids[np.minimum(col, len(sids) - 1)] == rows[:, 1])
    else:
        col, keep = np.zeros(len(rows), dtype=np.int64), np.zeros(len(rows), dtype=bool)
    rows, col = rows[keep], col[keep]
    pids, row = np.unique(rows[:, 0], return_inverse=True)
    # value + 2 is never 0, so the structure is exactly one entry per vote.
    code = sparse.csr_matrix((rows[:, 2].astype(np.float64) + 2, (row, col)), shape=(len(pids), len(sids)))
    voted = code.copy()
    voted.data = np.ones_like(code.data)
    values = code.copy()
    values.data = code.data - 2
    # Canonical order of participants: by two fixed hashes of what they voted (identical rows tie, and
    # their order does not matter), so ids and insertion order play no part.
    rng = np.random.RandomState(SEED)
    w1, w2 = rng.standard_normal(len(sids)), rng.standard_normal(len(sids))
    order = np.lexsort((voted @ w2, values @ w1))
    values, voted = values[order], voted[order]
    values.sort_indices()
    voted.sort_indices()
    return values, voted, len(rows)


def _coords(values: sparse.csr_matrix, voted: sparse.csr_matrix) -> np.ndarray | None:
    """The two principal components of each placed participant; None when the votes do not vary."""
    n_votes = np.asarray(voted.sum(axis=1)).ravel()
    col_votes = np.asarray(voted.sum(axis=0)).ravel()
    mean = np.asarray(values.sum(axis=0)).ravel() / np.maximum(col_votes, 1)
    centred = values.copy()  # a missing vote is the statement's mean: 0 once centred
    centred.data = values.data - mean[values.indices]
    if not np.any(np.abs(centred.data) > 1e-9):
        return None
    # k groups need k - 1 dimensions to lie apart: up to MAX_GROUPS - 1 components for the clustering; the
    # first two are the scatter.
    n_components = max(2, min(rules.MAX_GROUPS - 1, values.shape[1] - 1))
    svd = TruncatedSVD(n_components=n_components, algorithm="randomized", n_iter=7, random_state=SEED)
    coords = svd.fit_transform(centred)
    # The sign of a component is arbitrary: make its largest loading positive, so it is fixed.
    for i in range(n_components):
        if svd.components_[i, int(np.argmax(np.abs(svd.components_[i])))] < 0:
            coords[:, i] = -coords[:, i]
    scale = np.sqrt(values.shape[1] / np.maximum(n_votes, 1))
    result: np.ndarray = coords * scale[:, None]
    return result


def _groups(coords: np.ndarray) -> tuple[np.ndarray, int, dict[str, float]]:
    n = len(coords)
    candidates = rules.candidate_group_counts(n)
    if not candidates:
        return np.zeros(n, dtype=np.int64), 1, {}
    sample = np.sort(np.random.RandomState(SEED).choice(n, size=min(SILHOUETTE_SAMPLE, n), replace=False))
    best: tuple[float, int, np.ndarray] | None = None
    scores: dict[str, float] = {}
    for k in candidates:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # fewer distinct points than k: k is skipped
            labels = KMeans(n_clusters=k, n_init=10, random_state=SEED).fit_predict(coords)
        sizes = np.bincount(labels, minlength=k)
        if sizes.min() < rules.MIN_GROUP_SIZE or len(np.unique(labels[sample])) < 2:
            continue
        score = float(silhouette_score(coords[sample], labels[sample]))
        scores[str(k)] = round(score, 4)
        if best is None or score > best[0] + 1e-9:
            best = (score, k, labels)
    if best is None:
        return np.zeros(n, dtype=np.int64), 1, scores
    _, k, labels = best
    # Name groups by size (largest first), then by their centre's position.
    keys = [(-int((labels == g).sum()), round(float(coords[labels == g, 0].mean()), 9), g) for g in range(k)]
    rename = np.empty(k, dtype=np.int64)
    for new, (_, _, old) in enumerate(sorted(keys)):
        rename[old] = new
    return rename[labels], k, scores


def _counts(labels: np.ndarray, values: sparse.csr_matrix, voted: sparse.csr_matrix, k: int) -> dict[str, np.ndarray]:
    """agree, disagree and voted counts per group × statement."""
    member = sparse.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels)))
    agree = values.copy()
    agree.data = (agree.data > 0).astype(np.float64)
    disagree = values.copy()
    disagree.data = (disagree.data < 0).astype(np.float64)
    return {
        "agree": np.rint((member @ agree).toarray()).astype(np.int64),
        "disagree": np.rint((member @ disagree).toarray()).astype(np.int64),
        "voted": np.rint((member @ voted).toarray()).astype(np.int64),
    }


def _z_prop(p1: np.ndarray, n1: np.ndarray, p2: np.ndarray, n2: np.ndarray) -> np.ndarray:
    """Two-proportion z statistic (pooled)."""
    pooled = (p1 * n1 + p2 * n2) / np.maximum(n1 + n2, 1)
    denom = np.sqrt(np.maximum(pooled * (1 - pooled) * (1 / np.maximum(n1, 1) + 1 / np.maximum(n2, 1)), 1e-12))
    z: np.ndarray = (p1 - p2) / denom
    return z


def _representative(counts: dict[str, np.ndarray], sids: np.ndarray) -> list[list[dict[str, Any]]]:
    k = counts["voted"].shape[0]
    if k < 2:
        return [[]]
    result = []
    total = {name: c.sum(axis=0) for name, c in counts.items()}
    for g in range(k):
        ns = counts["voted"][g]
        ns_o = total["voted"] - ns
        picks: list[tuple[float, int, str, float, int]] = []
        for direction in ("agree", "disagree"):
            n = counts[direction][g]
            n_o = total[direction] - n
            p, p_o = (n + 1) / (ns + 2), (n_o + 1) / (ns_o + 2)
            ratio = p / p_o
            z_other = _z_prop(n / np.maximum(ns, 1), ns, n_o / np.maximum(ns_o, 1), ns_o)
            share = n / np.maximum(ns, 1)
            ok = (share > rules.REPRESENTATIVE_MIN_SHARE) & (z_other > Z_90) & (ns > 0)
            for s in np.flatnonzero(ok):
                picks.append((-float(ratio[s] * p[s]), int(sids[s]), direction, float(share[s]), int(ns[s])))
        best: dict[int, tuple[float, int, str, float, int]] = {}
        for pick in sorted(picks):
            best.setdefault(pick[1], pick)
        chosen = sorted(best.values())[: rules.REPRESENTATIVE_PER_GROUP]
        result.append(
            [{"statement": s, "direction": d, "share": round(sh, 4), "votes": v} for _, s, d, sh, v in chosen]
        )
    return result


def _consensus(counts: dict[str, np.ndarray], sids: np.ndarray) -> list[dict[str, Any]]:
    """Group-informed consensus (Pol.is): the product over groups of each group's agree probability."""
    agree, voted = counts["agree"], counts["voted"]
    gic = np.prod((agree + 1) / (voted + 2), axis=0)
    share = agree / np.maximum(voted, 1)
    min_share = share.min(axis=0) if len(share) else np.zeros(len(sids))
    ok = (voted > 0).all(axis=0) & (min_share >= rules.CONSENSUS_MIN_SHARE)
    order = sorted(np.flatnonzero(ok), key=lambda s: (-float(gic[s]), int(sids[s])))
    return [
        {
            "statement": int(sids[s]),
            "gic": round(float(gic[s]), 4),
            "min_group_share": round(float(min_share[s]), 4),
            "agree_share": round(float(agree[:, s].sum() / max(int(voted[:, s].sum()), 1)), 4),
        }
        for s in order[: rules.CONSENSUS_SHOWN]
    ]


def _grid(coords: np.ndarray, labels: np.ndarray) -> dict[str, Any]:
    if len(coords) == 0:
        return {"extent": [0, 0, 0, 0], "cells": []}
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    cell = np.minimum(((coords - lo) / span * GRID).astype(np.int64), GRID - 1)
    key = (labels * GRID + cell[:, 0]) * GRID + cell[:, 1]
    keys, n = np.unique(key, return_counts=True)
    cells = [
        [int(x % (GRID * GRID) // GRID), int(x % GRID), int(x // (GRID * GRID)), int(c)]
        for x, c in zip(keys, n, strict=True)
    ]
    return {"extent": [round(float(v), 4) for v in (lo[0], hi[0], lo[1], hi[1])], "size": GRID, "cells": cells}


def build_report(rows: np.ndarray, statement_ids: list[int]) -> dict[str, Any]:
    # One thread: the same result on any machine, and no OpenMP threads spinning against the web workers.
    with threadpool_limits(limits=1):
        return _build(rows, statement_ids)


def _build(rows: np.ndarray, statement_ids: list[int]) -> dict[str, Any]:
    values, voted, n_kept = _matrix(rows, statement_ids)
    sids = np.asarray(sorted(statement_ids), dtype=np.int64)
    n_participants, n_statements = values.shape
    all_counts = _counts(np.zeros(n_participants, dtype=np.int64), values, voted, 1)
    n_votes = np.asarray(voted.sum(axis=1)).ravel()
    placed = n_votes >= rules.min_votes_to_place(n_statements)
    labels, k = np.zeros(0, dtype=np.int64), 1
    scores: dict[str, float] = {}
    coords = np.zeros((0, 2))
    found = None
    if rules.candidate_group_counts(int(placed.sum())) and n_statements >= 3:
        found = _coords(values[placed], voted[placed])
    if found is not None:
        coords = found
        labels, k, scores = _groups(coords)
    counts = _counts(labels, values[placed], voted[placed], k) if k > 1 else all_counts
    representative = _representative(counts, sids)
    groups = [
        {
            "label": LABELS[g],
            "size": int((labels == g).sum()),
            "centre": [round(float(v), 4) for v in coords[labels == g, :2].mean(axis=0)],
            "representative": representative[g],
        }
        for g in range(k)
        if k > 1
    ]
    per_statement = [
        {
            "statement": int(sids[s]),
            "agree": int(all_counts["agree"][0, s]),
            "disagree": int(all_counts["disagree"][0, s]),
            "pass": int(all_counts["voted"][0, s] - all_counts["agree"][0, s] - all_counts["disagree"][0, s]),
            "groups": [
                [int(counts["agree"][g, s]), int(counts["disagree"][g, s]), int(counts["voted"][g, s])]
                for g in range(k)
            ]
            if k > 1
            else [],
        }
        for s in range(n_statements)
    ]
    return {
        "version": 1,
        "participants": int(n_participants),
        "placed": int(placed.sum()),
        "statements": int(n_statements),
        "votes": int(n_kept),
        "silhouette": scores,
        "groups": groups,
        "consensus": _consensus(counts, sids),
        "per_statement": per_statement,
        "grid": _grid(coords[:, :2], labels) if k > 1 else {"extent": [0, 0, 0, 0], "cells": []},
    }
