"""The demo ward's conventions (seed_conventions_demo): one in its 30-day posting period, one in force."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.conventions import demo
from grassroots.conventions.access import may_comment_online
from grassroots.conventions.models import Convention, ConventionStatus, VersionStatus
from grassroots.decisions.models import Status as MatterStatus


@pytest.fixture
def ward(db):  # type: ignore[no-untyped-def]
    call_command("seed_demo", stdout=io.StringIO())


def test_demo_has_a_draft_in_its_posting_period_and_a_convention_in_force(ward):
    out = io.StringIO()
    call_command("seed_conventions_demo", stdout=out)
    posted = Convention.objects.get(village__code=demo.POSTED_CODE).latest()
    assert posted is not None and posted.status == VersionStatus.POSTED
    assert posted.posting_ends_on is not None and posted.posting_ends_on > timezone.localdate()  # still in its 30 days
    assert posted.comments.filter(hidden_at__isnull=False).count() == 1
    in_force = Convention.objects.get(village__code=demo.IN_FORCE_CODE)
    current = in_force.current()
    assert in_force.status == ConventionStatus.IN_FORCE and current is not None
    assert current.matter is not None and current.matter.status == MatterStatus.RECOGNIZED
    assert current.effective_on == timezone.localdate() and current.distributed_on is not None
    assert "log in as chair" in out.getvalue()
    # The demo `resident` represents a household of Tổ dân phố 1 and may comment on its draft online.
    resident = User.objects.get(username="resident")
    assert may_comment_online(resident, posted)


def test_demo_if_empty_keeps_what_is_there(ward):
    call_command("seed_conventions_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("seed_conventions_demo", "--if-empty", stdout=out)
    assert "keeping" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("seed_conventions_demo", stdout=io.StringIO())
