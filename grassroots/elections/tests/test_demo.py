"""Issue 11, item 7: the demo ward has a completed election with a recognized head and an election in
preparation with a late step, built through the actions."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.elections import demo, reads
from grassroots.elections.models import Election, HeadTerm

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_recognized_head_and_a_late_election(sign_in):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_elections_demo", stdout=io.StringIO())
    completed = Election.objects.get(village__code=demo.COMPLETED)
    assert completed.status == Election.Status.RECOGNIZED and completed.winner is not None
    term = reads.sitting_head(completed.village)
    assert term is not None and term.kind == HeadTerm.Kind.ELECTED and term.election == completed
    assert 2 * (completed.winner.votes or 0) > (completed.households or 0)
    villagehead = User.objects.get(username="villagehead")
    assert RoleAssignment.objects.filter(user=villagehead, role=Role.VILLAGE_HEAD, valid_to__isnull=False).exists()
    preparing = Election.objects.get(village__code=demo.PREPARING)
    assert preparing.status == Election.Status.PREPARING
    chair = sign_in(Client(), User.objects.get(username="chair"))
    page = chair.get(reverse("elections:election", args=[preparing.pk]))
    assert [s.key for s in page.context["steps"] if s.late] == ["candidates"]
    assert any(f.link == preparing for f in chair.get(reverse("elections:console")).context["flags"])
    call_command("seed_elections_demo", "--if-empty", stdout=io.StringIO())
    assert Election.objects.count() == 2
