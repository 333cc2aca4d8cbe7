"""The actions of situation reports: who opens a round and writes a report, the refusal of personal numbers
(nothing kept), the lock after submitting, the steering committee's reopening with a reason; each audited."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.db.models import QuerySet
from django.utils import timezone

from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.situation_reports import actions, rules
from grassroots.situation_reports.models import ReportRound, SituationReport

from .conftest import FIELDS, open_round, submitted, today

pytestmark = pytest.mark.usefixtures("english")  # to read the refusals' messages


def test_only_a_steering_member_of_the_unit_or_above_opens_a_round(cast):
    for user in (cast["official_a"], cast["steering_b"], cast["head_a1"]):
        with pytest.raises(DomainError):
            actions.open_round(actor=user, unit=cast["a"]["province"], period_kind="month", starts_on=today(),
                               ends_on=today(), village_deadline=today(), commune_deadline=today() + dt.timedelta(days=1))  # fmt: skip
    round_ = open_round(cast)
    assert AuditEvent.objects.filter(verb="situation_reports.round_opened", target_id=str(round_.pk)).exists()


def test_a_round_is_opened_on_a_province_not_a_commune(cast):
    with pytest.raises(DomainError) as exc:
        actions.open_round(actor=cast["steering"], unit=cast["a"]["commune"], period_kind="month", starts_on=today(),
                           ends_on=today(), village_deadline=today(), commune_deadline=today() + dt.timedelta(days=1))  # fmt: skip
    assert exc.value.field == "unit"


def test_the_communes_deadline_must_come_after_the_villages(cast):
    with pytest.raises(DomainError) as exc:
        actions.open_round(actor=cast["steering"], unit=cast["a"]["province"], period_kind="quarter",
                           starts_on=today(), ends_on=today(), village_deadline=today(), commune_deadline=today())  # fmt: skip
    assert exc.value.field == "commune_deadline"
    assert not ReportRound.objects.exists()


def test_a_village_head_writes_the_village_report_and_nobody_else_does(cast):
    round_ = open_round(cast)
    v1, v2 = cast["a"]["village1"], cast["a"]["village2"]
    for actor, unit in [(cast["head_a1"], v2), (cast["official_a"], v1), (cast["official_a2"], cast["a"]["commune"]),
                        (cast["steering"], v1), (cast["vfront_a2"], v1)]:  # fmt: skip
        with pytest.raises(DomainError):
            actions.save_report(actor=actor, round_=round_, unit=unit, **FIELDS)
    actions.save_report(actor=cast["head_a1"], round_=round_, unit=v1, **FIELDS)
    actions.save_report(actor=cast["vfront_a2"], round_=round_, unit=v2, **FIELDS)
    actions.save_report(actor=cast["chair_a"], round_=round_, unit=cast["a"]["commune"], **FIELDS)
    assert SituationReport.objects.count() == 3


@pytest.mark.parametrize(
    ("field", "text", "found"),
    [("main_concerns", "Ông A, CCCD 038090001234, khiếu nại", "12-digit national ID"),
     ("hot_spots", "Liên hệ 0912.345.678", "phone number"),
     ("proposals", "Gọi +84 912 345 678", "phone number"),
     ("religious_notes", "CMND 123456789", "CMND")],
)  # fmt: skip
def test_a_text_with_a_personal_number_is_refused_naming_its_field_and_nothing_is_kept(cast, field, text, found):
    round_ = open_round(cast)
    with pytest.raises(DomainError) as exc:
        actions.save_report(actor=cast["head_a1"], round_=round_, unit=cast["a"]["village1"], **{**FIELDS, field: text})
    assert exc.value.field == field and found in str(exc.value.message)
    assert not SituationReport.objects.exists()
    assert not AuditEvent.objects.filter(verb="situation_reports.report_saved").exists()


def test_a_submitted_report_is_locked_until_the_steering_committee_reopens_it_with_a_reason(cast):
    round_ = open_round(cast)
    v1 = cast["a"]["village1"]
    report = submitted(cast, round_, v1, cast["head_a1"])
    assert report.is_submitted and report.submitted_by == cast["head_a1"]
    with pytest.raises(DomainError):
        actions.save_report(actor=cast["head_a1"], round_=round_, unit=v1, **FIELDS)
    with pytest.raises(DomainError):
        actions.reopen_report(actor=cast["official_a"], report=report, reason="Sai số liệu")
    with pytest.raises(DomainError) as exc:
        actions.reopen_report(actor=cast["steering"], report=report, reason=" ")
    assert exc.value.field == "reason"
    report = actions.reopen_report(actor=cast["steering"], report=report, reason="Thiếu số liệu điểm nóng")
    assert not report.is_submitted and report.submitted_at is None
    event = AuditEvent.objects.get(verb="situation_reports.report_reopened")
    assert event.data["reason"] == "Thiếu số liệu điểm nóng" and event.actor_id == cast["steering"].pk
    actions.save_report(actor=cast["head_a1"], round_=round_, unit=v1, **{**FIELDS, "hot_spot_count": 2})
    assert AuditEvent.objects.filter(verb="situation_reports.report_submitted").count() == 1


def test_a_report_is_submitted_only_with_its_main_concerns_and_trend(cast):
    round_ = open_round(cast)
    report = actions.save_report(actor=cast["head_a1"], round_=round_, unit=cast["a"]["village1"], main_concerns="X")
    with pytest.raises(DomainError) as exc:
        actions.submit_report(actor=cast["head_a1"], report=report)
    assert exc.value.field == "complaints_trend"
    report.refresh_from_db()
    assert not report.is_submitted


def test_a_submission_after_the_deadline_is_audited_as_late(cast):
    round_ = open_round(cast, village_in=-1, commune_in=3)
    submitted(cast, round_, cast["a"]["village1"], cast["head_a1"])
    assert AuditEvent.objects.get(verb="situation_reports.report_submitted").data["late"] is True


def test_more_hot_spots_than_the_ceiling_are_refused_by_the_action_too(cast):
    round_ = open_round(cast)
    with pytest.raises(DomainError) as exc:
        actions.save_report(actor=cast["head_a1"], round_=round_, unit=cast["a"]["village1"],
                            **{**FIELDS, "hot_spot_count": rules.MAX_HOT_SPOTS + 1})  # fmt: skip
    assert exc.value.field == "hot_spot_count" and "At most 10000" in str(exc.value.message)
    assert not SituationReport.objects.exists()


def test_a_submitted_report_refuses_a_second_submission_with_the_next_step(cast):
    round_ = open_round(cast)
    report = submitted(cast, round_, cast["a"]["village1"], cast["head_a1"])
    with pytest.raises(DomainError) as exc:
        actions.submit_report(actor=cast["head_a1"], report=report)
    assert "ask the steering committee to reopen it" in str(exc.value.message)


def test_two_first_saves_at_once_end_in_one_report_with_the_later_text(cast, monkeypatch):
    """The second of two first saves finds no row, inserts, and breaks the unique constraint: it reads the
    row the first one made and updates it, instead of failing with a server error."""
    round_ = open_round(cast)
    v1 = cast["a"]["village1"]
    first = actions.save_report(actor=cast["head_a1"], round_=round_, unit=v1, **FIELDS)

    def lost_the_race(self, defaults=None, **kwargs):  # type: ignore[no-untyped-def]
        raise IntegrityError("UNIQUE constraint failed: situation_report_once_per_round")

    monkeypatch.setattr(QuerySet, "get_or_create", lost_the_race)
    second = actions.save_report(actor=cast["head_a1"], round_=round_, unit=v1, **{**FIELDS, "hot_spot_count": 4})
    assert second.pk == first.pk and SituationReport.objects.get().hot_spot_count == 4
    assert AuditEvent.objects.filter(verb="situation_reports.report_saved").count() == 2


def test_a_save_that_breaks_the_constraint_with_no_row_to_read_asks_to_save_again(cast, monkeypatch):
    round_ = open_round(cast)

    def lost_the_race(self, defaults=None, **kwargs):  # type: ignore[no-untyped-def]
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr(QuerySet, "get_or_create", lost_the_race)
    with pytest.raises(DomainError) as exc:
        actions.save_report(actor=cast["head_a1"], round_=round_, unit=cast["a"]["village1"], **FIELDS)
    assert "save once more" in str(exc.value.message)
    assert not AuditEvent.objects.filter(verb="situation_reports.report_saved").exists()


def test_a_submission_recorded_at_an_earlier_moment_is_audited_with_it_and_never_in_the_future(cast):
    """The demo's history: the action records the moment it is given, and says so in the audit event."""
    round_ = open_round(cast, village_in=-1, commune_in=3)
    report = actions.save_report(actor=cast["head_a1"], round_=round_, unit=cast["a"]["village1"], **FIELDS)
    with pytest.raises(DomainError):
        actions.submit_report(actor=cast["head_a1"], report=report, at=timezone.now() + dt.timedelta(hours=1))
    earlier = timezone.now() - dt.timedelta(days=2)
    report = actions.submit_report(actor=cast["head_a1"], report=report, at=earlier)
    assert report.submitted_at == earlier
    event = AuditEvent.objects.get(verb="situation_reports.report_submitted")
    assert event.data == {"round": round_.pk, "late": False, "submitted_at": earlier.isoformat()}
