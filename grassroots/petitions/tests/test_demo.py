"""The demo: cases in every state, one answer overdue (Law Art 40(1)), one petitioner hidden (Law Art 9(2))."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from grassroots.petitions import rules
from grassroots.petitions.choices import State
from grassroots.petitions.models import Petition


@pytest.mark.django_db
def test_the_demo_has_every_state_an_overdue_answer_and_a_hidden_petitioner() -> None:
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_petitions_demo", stdout=io.StringIO())
    cases = list(Petition.objects.all())
    assert {p.state for p in cases} == set(State.values)
    today = timezone.localdate()
    assert any(p.sent_on and rules.answer_overdue(p.sent_on, p.answered_on, today) for p in cases)
    assert any(p.identity_hidden and not p.petitioner_name for p in cases)
    assert any(p.rating for p in cases)
    call_command("seed_petitions_demo", "--if-empty", stdout=io.StringIO())
    assert Petition.objects.count() == len(cases)
