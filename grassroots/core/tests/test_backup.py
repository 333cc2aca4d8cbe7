"""Backup and restore round-trip with identical counts and a valid audit chain (SQLite and PostgreSQL)."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from grassroots.core.audit import verify_chain
from grassroots.core.backup import table_counts
from grassroots.people.models import Household, Resident

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_then_restore_brings_back_every_row_and_the_chain(world, tmp_path):
    from grassroots.people.actions import move_household

    move_household(
        world["households"]["a1"],
        unit=world["a"]["village2"],
        address="x",
        on=world["households"]["a1"].formed_on,
        actor=None,
    )
    before = table_counts()
    path = tmp_path / "grassroots.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "grassroots.backup.json").read_text())
    assert manifest["counts"] == before

    # Damage after the backup: a household and its people are gone.
    Household.objects.filter(pk=world["households"]["b1"].pk).delete()
    Resident.objects.filter(memberships__isnull=True).delete()
    assert table_counts() != before

    out = io.StringIO()
    call_command("restore", str(path), "--noinput", stdout=out)
    assert "counts match" in out.getvalue()
    after = table_counts()
    assert after == before
    assert verify_chain().ok


def test_restore_asks_before_replacing_everything(world, tmp_path, monkeypatch):
    path = tmp_path / "b.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(path))


def test_restore_of_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="not found"):
        call_command("restore", str(tmp_path / "nope"), "--noinput")


def test_audit_anchor_prints_the_head_and_verify_accepts_it(world):
    from grassroots.core import audit

    audit.record("test.before_anchor")
    out = io.StringIO()
    call_command("audit_anchor", stdout=out)
    anchor = json.loads(out.getvalue())
    assert anchor["seq"] == 1 and len(anchor["hash"]) == 64
    audit.record("test.after_anchor")
    call_command("audit_verify", "--anchor", anchor["hash"], stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("audit_verify", "--anchor", "a" * 64, stdout=io.StringIO())
