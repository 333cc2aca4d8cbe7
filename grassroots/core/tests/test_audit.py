import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from grassroots.core import audit
from grassroots.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _chain(n: int = 5) -> list[AuditEvent]:
    return [audit.record("test.event", target=("thing", i), data={"i": i, "name": "Nguyễn Thị Ánh"}) for i in range(n)]


def _sql(statement: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_events_are_chained_in_order():
    events = _chain(3)
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert audit.verify_chain().ok


def test_verify_passes_on_an_intact_chain_and_the_command_exits_zero(capsys):
    _chain()
    call_command("audit_verify")
    assert "audit chain OK: 5 events" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("column", "value"),
    [("verb", "test.forged"), ("target_id", "999"), ("data", '{"i": 99}'), ("unit_id", 7), ("hash", "e" * 64)],
)
def test_an_update_of_any_column_made_in_the_database_breaks_the_chain(column, value):
    _chain()
    _sql(f"UPDATE core_auditevent SET {column} = %s WHERE seq = 3", [value])  # noqa: S608
    report = audit.verify_chain()
    assert not report.ok
    assert report.broken_seq == 3
    with pytest.raises(CommandError, match="#3"):
        call_command("audit_verify")


def test_an_update_of_the_time_breaks_the_chain():
    events = _chain()
    AuditEvent.objects.filter(pk=events[1].pk).update(created_at=events[0].created_at)
    assert audit.verify_chain().broken_seq == 2


def test_a_removed_event_in_the_middle_is_found():
    _chain()
    _sql("DELETE FROM core_auditevent WHERE seq = 2", [])
    report = audit.verify_chain()
    assert not report.ok
    assert report.broken_seq == 2


def test_a_removed_last_event_is_found_by_the_head():
    _chain()
    _sql("DELETE FROM core_auditevent WHERE seq = 5", [])
    report = audit.verify_chain()
    assert not report.ok
    assert "head" in report.problem


def test_an_event_inserted_out_of_band_is_found():
    events = _chain(2)
    _sql(
        "INSERT INTO core_auditevent (seq, created_at, verb, target_type, target_id, data, prev_hash, hash) "
        "VALUES (%s, %s, %s, '', '', %s, %s, %s)",
        [3, events[1].created_at, "test.inserted", "{}", events[1].hash, "f" * 64],
    )
    report = audit.verify_chain()
    assert not report.ok
    assert report.broken_seq == 3


def test_a_rewritten_chain_is_caught_by_an_anchor():
    _chain(3)
    anchor = audit.verify_chain().head_hash
    assert audit.verify_chain(anchor=anchor).ok
    # Someone rewrites the whole log consistently from scratch: the published anchor is gone.
    AuditEvent.objects.all().delete()
    from grassroots.core.models import AuditHead

    AuditHead.objects.all().delete()
    _chain(3)
    assert audit.verify_chain().ok
    assert not audit.verify_chain(anchor=anchor).ok


def test_an_empty_trail_verifies():
    assert audit.verify_chain().ok
