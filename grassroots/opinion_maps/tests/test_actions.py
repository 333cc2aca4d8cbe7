"""The actions: who does what, one vote per resident per statement (changed while open), moderation
that hides with a reason, the report computed in the background and published after closing."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.core.audit import AuditEvent
from grassroots.core.errors import DomainError
from grassroots.opinion_maps import actions
from grassroots.opinion_maps.models import Report, Statement, Vote

from .conftest import draft, opened

pytestmark = pytest.mark.django_db


def test_a_village_head_cannot_create_a_map(cast):
    with pytest.raises(DomainError):
        actions.create_map(actor=cast["head_a1"], unit=cast["a"]["village1"], title="x", question="y",
                           opens_on=timezone.localdate(), closes_on=timezone.localdate() + dt.timedelta(days=30))  # fmt: skip


def test_another_communes_official_cannot_manage_the_map(cast):
    m = draft(cast)
    with pytest.raises(DomainError):
        actions.add_seed_statement(actor=cast["official_b"], opinion_map=m, text="Một ý kiến đủ dài")
    with pytest.raises(DomainError):
        actions.open_map(actor=cast["official_b"], opinion_map=m)


def test_a_map_without_statements_cannot_open(cast):
    with pytest.raises(DomainError):
        actions.open_map(actor=cast["official_a"], opinion_map=draft(cast))


def test_a_resident_writes_and_others_vote_and_change_their_vote(cast):
    m = opened(cast)
    alice, bob = cast["voters"][:2]
    statement = actions.write_statement(actor=alice, opinion_map=m, text="Giữ lại đất cho sân chơi trẻ em")
    assert not statement.signed
    actions.vote(actor=bob, statement=statement, value=1)
    actions.vote(actor=bob, statement=statement, value=-1)
    assert list(Vote.objects.filter(statement=statement).values_list("value", flat=True)) == [-1]
    events = list(AuditEvent.objects.filter(verb__startswith="opinion_maps.vote").values_list("verb", "data"))
    assert [v for v, _ in events] == ["opinion_maps.voted", "opinion_maps.vote_changed"]
    assert all("value" not in data for _, data in events)  # the audit never holds how one voted


def test_no_vote_on_ones_own_statement(cast):
    m = opened(cast)
    statement = actions.write_statement(actor=cast["voters"][0], opinion_map=m, text="Mở rộng đường liên thôn")
    with pytest.raises(DomainError):
        actions.vote(actor=cast["voters"][0], statement=statement, value=1)


def test_a_resident_of_another_commune_cannot_take_part(cast):
    m = opened(cast)
    with pytest.raises(DomainError):
        actions.vote(actor=cast["outsider"], statement=m.statements.first(), value=1)
    with pytest.raises(DomainError):
        actions.write_statement(actor=cast["outsider"], opinion_map=m, text="Một ý kiến đủ dài")


def test_an_account_without_a_resident_cannot_vote(cast):
    m = opened(cast)
    with pytest.raises(DomainError):
        actions.vote(actor=cast["official_a"], statement=m.statements.first(), value=1)


def test_a_hidden_statement_keeps_its_reason_and_takes_no_votes(cast):
    m = opened(cast)
    statement = m.statements.first()
    with pytest.raises(DomainError):
        actions.hide_statement(actor=cast["official_a"], statement=statement, reason=" ")
    actions.hide_statement(actor=cast["official_a"], statement=statement, reason="Xúc phạm người khác")
    statement.refresh_from_db()
    assert statement.hidden_reason == "Xúc phạm người khác" and Statement.objects.filter(pk=statement.pk).exists()
    with pytest.raises(DomainError):
        actions.vote(actor=cast["voters"][0], statement=statement, value=1)
    actions.restore_statement(actor=cast["official_a"], statement=statement)
    actions.vote(actor=cast["voters"][0], statement=statement, value=1)


def test_a_resident_writes_at_most_10_statements(cast):
    m = opened(cast)
    for i in range(10):
        actions.write_statement(actor=cast["voters"][0], opinion_map=m, text=f"Ý kiến thứ {i} của tôi")
    with pytest.raises(DomainError):
        actions.write_statement(actor=cast["voters"][0], opinion_map=m, text="Ý kiến thứ mười một")


def test_a_statement_too_short_or_too_long_is_refused(cast):
    m = opened(cast)
    for text in ("ngắn", "x" * 281):
        with pytest.raises(DomainError):
            actions.write_statement(actor=cast["voters"][0], opinion_map=m, text=text)


def test_law_art28_the_map_is_not_closed_before_its_closing_day(cast):
    m = opened(cast)
    with pytest.raises(DomainError):
        actions.close_map(actor=cast["official_a"], opinion_map=m)


def test_no_votes_after_the_closing_day(cast):
    m = opened(cast)
    type(m).objects.filter(pk=m.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(DomainError):
        actions.vote(actor=cast["voters"][0], statement=m.statements.first(), value=1)


def close_now(cast, m):  # type: ignore[no-untyped-def]
    type(m).objects.filter(pk=m.pk).update(closes_on=timezone.localdate())
    m.refresh_from_db()
    return actions.close_map(actor=cast["official_a"], opinion_map=m)


def test_closing_computes_the_report_and_publishing_needs_it(cast, django_capture_on_commit_callbacks):
    m = opened(cast)
    for voter in cast["voters"]:
        for s in m.statements.all():
            actions.vote(actor=voter, statement=s, value=1)
    with pytest.raises(DomainError):
        actions.publish(actor=cast["official_a"], opinion_map=m)  # still open
    with django_capture_on_commit_callbacks(execute=True):
        m = close_now(cast, m)
    report = Report.objects.get(map=m)  # the background task ran (ImmediateBackend in tests)
    assert report.data["participants"] == 4 and report.data["groups"] == []
    actions.publish(actor=cast["official_a"], opinion_map=m)
    m.refresh_from_db()
    assert m.is_published
    with pytest.raises(DomainError):
        actions.publish(actor=cast["official_a"], opinion_map=m)


def test_a_report_can_be_requested_while_open(cast, django_capture_on_commit_callbacks):
    m = opened(cast)
    with django_capture_on_commit_callbacks(execute=True):
        actions.request_report(actor=cast["official_a"], opinion_map=m)
    assert Report.objects.filter(map=m).count() == 1
