"""bench/audit.py still runs: it fills a chain the project's own verify_chain accepts. No timing here."""

import argparse

import pytest

from bench import audit as bench_audit


@pytest.mark.django_db(transaction=True)  # the bench checkpoints the WAL, outside any transaction
@pytest.mark.parametrize("distinct_data", [False, True])
def test_bench_audit_fills_a_chain_that_verifies(distinct_data):
    out = bench_audit.child(argparse.Namespace(events=1_100, profile_to=None, distinct_data=distinct_data))
    assert (out["ok"], out["checked"]) == (True, 1_100), out["problem"]
