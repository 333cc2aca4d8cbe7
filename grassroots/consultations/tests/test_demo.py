"""The demo ward's consultations (seed_consultations_demo): one in progress, one closed with its synthesis,
built through the actions with an unbroken audit chain."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from grassroots.consultations.choices import Status
from grassroots.consultations.models import Consultation
from grassroots.core.audit import verify_chain


@pytest.fixture
def seeded(db):  # type: ignore[no-untyped-def]
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_decisions_demo", stdout=io.StringIO())
    call_command("seed_consultations_demo", stdout=io.StringIO())


def test_the_demo_has_a_land_use_plan_in_progress_and_a_closed_consultation_with_its_synthesis(seeded):
    land_use = Consultation.objects.get(kind="land_use")
    closed = Consultation.objects.get(kind="units")
    assert land_use.status() == Status.OPEN and land_use.opinions.count() >= 2
    assert closed.status() == Status.CLOSED and closed.synthesis_published_at
    assert closed.groups.filter(take_up="partly").exists() and closed.departure_explanation
    assert verify_chain().ok


def test_the_demo_is_built_once(seeded):
    call_command("seed_consultations_demo", "--if-empty", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("seed_consultations_demo", stdout=io.StringIO())
    assert Consultation.objects.count() == 2
