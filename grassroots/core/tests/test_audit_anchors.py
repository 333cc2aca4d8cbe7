"""The scheduled `audit_verify` publishes an anchor outside the database and checks the next run
against it: a tail cut off with the head rewound to match, which the chain alone cannot see, is found."""

import io
import json
import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from grassroots.core import audit
from grassroots.core.models import AuditEvent, AuditHead

pytestmark = pytest.mark.django_db


@pytest.fixture
def anchors(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "anchors" / "audit-anchors.log")
    return tmp_path / "anchors" / "audit-anchors.log"


def _chain(n: int) -> list[AuditEvent]:
    return [audit.record("test.event", target=("thing", i), data={"i": i}) for i in range(n)]


def _verify() -> str:
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def _cut_tail_and_rewind_head(keep: int) -> None:
    """What someone with write access to the database does to remove the newest events unnoticed."""
    kept = AuditEvent.objects.get(seq=keep)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE seq > %s", [keep])
        cursor.execute("UPDATE core_audithead SET seq = %s, hash = %s WHERE id = 1", [keep, kept.hash])


def test_a_tail_cut_with_the_head_rewound_passes_the_chain_alone():
    """The limit of an unkeyed chain, which the anchor below closes."""
    _chain(5)
    _cut_tail_and_rewind_head(3)
    assert audit.verify_chain().ok


def test_scheduled_verify_records_the_head_as_an_anchor_readable_by_the_owner_only(anchors):
    _chain(3)
    assert "anchor #3 appended" in _verify()
    line = json.loads(anchors.read_text().splitlines()[-1])
    assert line["seq"] == 3 and line["hash"] == AuditHead.objects.get(id=1).hash and line["at"]
    assert stat.S_IMODE(anchors.stat().st_mode) == 0o600
    _chain(2)
    assert "still holds the anchor #3" in _verify()
    assert [json.loads(x)["seq"] for x in anchors.read_text().splitlines()] == [3, 5]


def test_scheduled_verify_finds_a_tail_cut_with_the_head_rewound(anchors):
    _chain(5)
    _verify()
    _cut_tail_and_rewind_head(3)
    with pytest.raises(CommandError, match=r"ends at #3 but an anchor recorded .* saw #5"):
        _verify()
    # The failed run adds no anchor: the next run still compares with #5.
    assert [json.loads(x)["seq"] for x in anchors.read_text().splitlines()] == [5]
    with pytest.raises(CommandError):
        _verify()


def test_scheduled_verify_finds_a_history_rewritten_from_an_earlier_event(anchors):
    _chain(4)
    _verify()
    # Cut back to #2 and write two new, consistent events: same length, different history.
    _cut_tail_and_rewind_head(2)
    _chain(2)
    assert audit.verify_chain().ok
    with pytest.raises(CommandError, match="not on the chain as event #4"):
        _verify()


def test_a_damaged_anchor_log_is_an_error_not_a_silent_pass(anchors):
    _chain(2)
    _verify()
    with anchors.open("a") as handle:
        handle.write("garbage\n")
    with pytest.raises(CommandError, match="DAMAGED"):
        _verify()


def test_no_record_checks_without_appending(anchors):
    _chain(2)
    _verify()
    call_command("audit_verify", "--no-record", stdout=io.StringIO())
    assert len(anchors.read_text().splitlines()) == 1


def test_the_first_run_on_an_empty_trail_anchors_the_genesis(anchors):
    _verify()
    _chain(1)
    _verify()
    assert [json.loads(x)["seq"] for x in anchors.read_text().splitlines()] == [0, 1]


def test_audit_anchor_lines_are_read_by_verify(anchors):
    _chain(3)
    out = io.StringIO()
    call_command("audit_anchor", stdout=out)
    anchors.parent.mkdir(parents=True, exist_ok=True)
    anchors.write_text(out.getvalue())
    _cut_tail_and_rewind_head(2)
    with pytest.raises(CommandError, match="saw #3"):
        _verify()
