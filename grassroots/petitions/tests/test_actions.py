"""The casework through the actions: a case from petition to rating, the refusals of the law and of
roles, the photos' checks, the reminders and escalation."""

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent, Notice
from grassroots.library.citations import citation_pattern
from grassroots.petitions import actions
from grassroots.petitions.forms import PetitionForm
from grassroots.petitions.models import Petition

from .conftest import days_ago, filed, through

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_case_from_petition_to_rating(cast, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        p = through(cast, filed(cast), "closed")
    assert p.state == "closed" and p.result_sent_on is not None
    assert Notice.objects.filter(user=cast["petitioner"], key=f"petitions.result:{p.pk}").exists()
    assert Notice.objects.filter(user=cast["chair"], key=f"petitions.sent:{p.pk}").exists()
    assert Notice.objects.filter(user=cast["front"], key=f"petitions.recommended:{p.pk}").exists()
    p = actions.rate(actor=cast["petitioner"], petition=p, rating=4, comment="Tốt")
    assert p.rating == 4
    with pytest.raises(DomainError):
        actions.rate(actor=cast["petitioner"], petition=p, rating=5)
    verbs = set(AuditEvent.objects.filter(verb__startswith="petitions.").values_list("verb", flat=True))
    assert {"petitions.filed", "petitions.plan_sent", "petitions.certified", "petitions.answered",
            "petitions.result_sent", "petitions.rated"} <= verbs  # fmt: skip


def test_d59_art14_a_plan_4_working_days_ahead_is_refused_with_the_article(cast, english) -> None:  # type: ignore[no-untyped-def]
    p = through(cast, filed(cast), "assigned")
    monday = dt.date(2026, 3, 2)
    with pytest.raises(DomainError) as exc:
        actions.send_plan(actor=cast["member"], petition=p, plan="x", sent_on=monday, acting_from=dt.date(2026, 3, 6))
    assert re.search(citation_pattern("D59 Art 14"), str(exc.value.message)) and exc.value.field == "acting_from"
    p = actions.send_plan(actor=cast["member"], petition=p, plan="x", sent_on=monday, acting_from=dt.date(2026, 3, 9))
    assert p.state == "planned"


def test_d59_art14_findings_before_the_acting_day_are_refused(cast) -> None:  # type: ignore[no-untyped-def]
    p = through(cast, filed(cast), "planned")
    with pytest.raises(DomainError):
        actions.record_findings(actor=cast["member"], petition=p, findings="x", verified_on=days_ago(21))


def test_law_art40_2_only_the_front_certifies_and_art40_1_only_the_commune_answers(cast) -> None:  # type: ignore[no-untyped-def]
    p = through(cast, filed(cast), "recommended")
    for who in ("member", "chair", "official_a"):
        with pytest.raises(DomainError):
            actions.certify(actor=cast[who], petition=p, certified_on=days_ago(1))
    p = actions.certify(actor=cast["front"], petition=p, certified_on=days_ago(1))
    for who in ("member", "front"):
        with pytest.raises(DomainError):
            actions.answer(actor=cast[who], petition=p, text="x", answered_on=days_ago(0))
    assert actions.answer(actor=cast["official_a"], petition=p, text="x", answered_on=days_ago(0)).state == "answered"


def test_law_art38_only_the_board_triages_and_a_refusal_needs_a_reason(cast) -> None:  # type: ignore[no-untyped-def]
    p = filed(cast)
    with pytest.raises(DomainError):
        actions.triage(actor=cast["chair"], petition=p, accept=True)
    with pytest.raises(DomainError):
        actions.triage(actor=cast["member"], petition=p, accept=False, note=" ")
    p = actions.triage(actor=cast["member"], petition=p, accept=False, note="Không thuộc thẩm quyền")
    assert p.state == "declined" and p.result


def test_law_art40_1_reminders_then_escalation_once_overdue(cast) -> None:  # type: ignore[no-untyped-def]
    p = through(cast, filed(cast), "recommended")
    p = actions.certify(actor=cast["front"], petition=p, certified_on=days_ago(16))
    out = io.StringIO()
    call_command("send_petition_reminders", stdout=out)
    assert "escalated" in out.getvalue()
    assert Notice.objects.filter(user=cast["chair"], key__startswith=f"petitions.remind:{p.pk}:").exists()
    assert Notice.objects.filter(user=cast["head"], key=f"petitions.escalate:{p.pk}").exists()
    assert Notice.objects.filter(user=cast["front"], key=f"petitions.escalate:{p.pk}").exists()
    p.refresh_from_db()
    assert p.escalated_on is not None
    out = io.StringIO()
    call_command("send_petition_reminders", stdout=out)
    assert "escalated" not in out.getvalue()  # escalated once


def test_law_art40_1_no_reminder_while_the_answer_is_far_off(cast) -> None:  # type: ignore[no-untyped-def]
    p = through(cast, filed(cast), "recommended")
    actions.certify(actor=cast["front"], petition=p, certified_on=days_ago(1))
    out = io.StringIO()
    call_command("send_petition_reminders", stdout=out)
    assert out.getvalue() == ""


def test_a_petition_with_a_photo_and_a_renamed_file_refused(cast) -> None:  # type: ignore[no-untyped-def]
    data = {"subject": "Đèn hỏng", "body": "Đèn đường ngõ 5 hỏng"}
    good = PetitionForm(data, {"photos": SimpleUploadedFile("den.png", PNG, "image/png")})
    assert good.is_valid(), good.errors
    p = actions.file_petition(actor=cast["petitioner"], commune=cast["commune"], **good.cleaned_data)
    assert p.photos.count() == 1
    bad = PetitionForm(data, {"photos": SimpleUploadedFile("den.png", b"MZ\x90\x00" * 20, "image/png")})
    assert not bad.is_valid() and "photos" in bad.errors


def test_the_board_enters_a_petition_from_the_suggestion_box(cast) -> None:  # type: ignore[no-untyped-def]
    p = actions.enter_petition(actor=cast["member"], commune=cast["commune"], channel="box",
                               received_on=days_ago(2), subject="Thư góp ý", body="Nội dung")  # fmt: skip
    assert p.channel == "box" and p.entered_by == cast["member"]
    with pytest.raises(DomainError):
        actions.enter_petition(actor=cast["chair"], commune=cast["commune"], channel="box", received_on=days_ago(2),
                               subject="x", body="y")  # fmt: skip


def test_law_art9_2_a_hidden_identity_is_sealed_in_the_database(cast) -> None:  # type: ignore[no-untyped-def]
    p = filed(cast, hidden=True)
    row = Petition.objects.filter(pk=p.pk).values().get()
    flat = " ".join(str(v) for v in row.values())
    assert "Khánh" not in flat and "0912000111" not in flat
    assert row["filed_by_id"] is None and row["sealed_identity"]
    with pytest.raises(DomainError):
        actions.reveal_identity(actor=cast["member"], petition=p)
    who = actions.reveal_identity(actor=cast["head"], petition=p)
    assert who.phone == "0912000111"
    event = AuditEvent.objects.get(verb="petitions.identity_revealed")
    assert event.actor_id == cast["head"].pk and "0912000111" not in str(event.data)
