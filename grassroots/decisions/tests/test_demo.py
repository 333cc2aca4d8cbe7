"""The demo's community matters (seed_decisions_demo): one in every state, built through the actions,
and every published count recomputable from its ballots (verify_tally)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.core.audit import verify_chain
from grassroots.core.models import AuditEvent
from grassroots.decisions import actions, demo
from grassroots.decisions.access import represented_household
from grassroots.decisions.models import (
    Attendance,
    Ballot,
    Choice,
    Form,
    Matter,
    Meeting,
    Participation,
    Status,
    TeamMember,
)
from grassroots.people.management.commands.seed_demo import demo_totp_key_hex
from grassroots.people.models import LinkProposal


@pytest.fixture
def ward(db):  # type: ignore[no-untyped-def]
    """A fresh database with seed_demo's ward and accounts, and nothing else."""
    call_command("seed_demo", stdout=io.StringIO())
    assert not Matter.objects.exists()


def _by_group() -> dict[str, Matter]:
    return {m.unit.code: m for m in Matter.objects.select_related("unit")}


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_decisions_demo", "--if-empty", stdout=out)
    return out.getvalue()


def test_the_demo_has_a_matter_in_every_state(ward, sign_in):  # type: ignore[no-untyped-def]
    output = _seed()
    matters = _by_group()
    assert sorted(matters) == [demo.group(n) for n in range(1, 8)]
    for account in ["resident", "villagehead-02", "villagehead-03", "chair", "front", "/decisions/recognition/"]:
        assert account in output
    for matter in matters.values():
        assert matter.household_count == 250  # H, snapshotted when each opened
        assert matter.head_agreed_at is not None and matter.front_agreed_at is not None

    # 14758-01: an online vote open for 5 more days, with 40% of households voted, the resident's not.
    online = matters[demo.group(1)]
    assert (online.status, online.form, online.item) == (Status.OPEN, Form.ONLINE, 6)
    assert timezone.now() + timezone.timedelta(days=4) < online.closes_at <= timezone.now() + timezone.timedelta(days=5)
    assert actions.online_blockers(online, online.household_count) == []
    assert online.team.filter(team=TeamMember.Team.ONLINE_TEAM).count() == 3
    assert online.participations.filter(channel="online").count() == demo.OPEN_VOTE_VOTES == 100
    resident = User.objects.get(username="resident")
    household = represented_household(resident)
    assert household is not None and household.unit.code == demo.group(1)
    assert not online.participations.filter(household=household).exists()
    # Each link proposed by the village head and confirmed by a second official (the commune chair).
    linked = User.objects.filter(username__startswith="ho-1475801", resident_verified_by__username="chair")
    assert linked.count() == demo.OPEN_VOTE_ACCOUNTS
    proposals = LinkProposal.objects.filter(account__in=linked, outcome=LinkProposal.Outcome.CONFIRMED)
    assert set(proposals.values_list("proposed_by__username", flat=True)) == {"villagehead"}
    # The resident can vote from the matter page, once.
    client = sign_in(Client(), resident, second_factor=False)
    page = client.get(f"/decisions/{online.pk}/")
    assert page.status_code == 200 and f'action="/decisions/{online.pk}/vote/check/"' in page.text
    receipt, created = actions.cast_online_vote(online.pk, user=resident, choice="agree")
    assert created and len(receipt) == 20

    # 14758-02: a meeting under way: documents and notice out 2+ days ahead, attendance being recorded.
    meeting_matter = matters[demo.group(2)]
    assert (meeting_matter.status, meeting_matter.form, meeting_matter.item) == (Status.OPEN, Form.MEETING, 1)
    meeting = Meeting.objects.get(matter=meeting_matter)
    meeting_day = timezone.localtime(meeting.starts_at).date()
    assert (meeting_day - meeting.notice_sent_on).days >= 2 and (meeting_day - meeting.documents_delivered_on).days >= 2
    assert meeting.starts_at < timezone.now() and meeting.closed_at is None and meeting.secretary
    assert Attendance.objects.filter(meeting=meeting).count() == demo.MEETING_PRESENT
    assert not meeting_matter.participations.exists()

    # 14758-03: ballot slips: the ballot team set, some slips entered, not counted yet.
    ballots = matters[demo.group(3)]
    assert (ballots.status, ballots.form, ballots.item) == (Status.OPEN, Form.BALLOT, 6)
    assert ballots.team.filter(team=TeamMember.Team.BALLOT_TEAM).count() == 3
    assert ballots.participations.filter(channel="slip").count() == demo.SLIPS

    # 14758-04: an inspection-board member elected at a meeting with more than half present, filed, to recognize.
    election = matters[demo.group(4)]
    assert (election.status, election.form, election.item, election.adopted) == (Status.FILED, "meeting", 5, True)
    assert 2 * election.result["participants"] > election.household_count
    assert election.recognition_due_on is not None and election.decided_at is None
    assert set(election.signatories) == {"village_head", "front_head", "representative_1", "representative_2"}

    # 14758-05: a board member elected, filed, refused in writing by the commune Front.
    refused = matters[demo.group(5)]
    assert (refused.status, refused.item, refused.adopted) == (Status.REFUSED, 5, True)
    assert refused.decided_by.username == "front" and len(refused.refusal_reason) > 50

    # 14758-06: the convention, adopted at a meeting with its quorum, recognized by the chair.
    convention = matters[demo.group(6)]
    assert (convention.status, convention.item) == (Status.RECOGNIZED, 3)
    assert convention.decided_by.username == "chair" and convention.effective_on is not None

    # 14758-07: an online decision counted after its window, adopted, in effect, with a public bulletin.
    effective = matters[demo.group(7)]
    assert (effective.status, effective.form, effective.item, effective.adopted) == (
        Status.EFFECTIVE,
        Form.ONLINE,
        6,
        True,
    )
    assert effective.closes_at <= effective.closed_at
    assert effective.result["agree"] == demo.EFFECTIVE_VOTE_SPLIT[0]
    assert effective.ballots.exclude(receipt_hash="").count() == sum(demo.EFFECTIVE_VOTE_SPLIT)
    bulletin = Client().get(f"/decisions/{effective.pk}/bulletin/")
    assert bulletin.status_code == 200
    # The receipt hashes are one link away from the bulletin, for verifiers (issue 9).
    receipts = Client().get(f"/decisions/{effective.pk}/bulletin/receipts/")
    assert f"/decisions/{effective.pk}/bulletin/receipts/" in bulletin.text
    assert effective.ballots.order_by("receipt_hash").first().receipt_hash in receipts.text

    # The leaders of groups 2–7 are officials like seed_demo's: a role in their group and the demo key.
    for number in range(2, 8):
        for username, role in [(f"villagehead-{number:02d}", Role.VILLAGE_HEAD),
                               (f"villagefront-{number:02d}", Role.VILLAGE_FRONT_HEAD)]:  # fmt: skip
            user = User.objects.get(username=username)
            assert RoleAssignment.objects.filter(user=user, role=role, unit__code=demo.group(number)).exists()
            assert TOTPDevice.objects.get(user=user, confirmed=True).key == demo_totp_key_hex()
            assert user.check_password("grassroots-demo")

    # Every write went through the actions: audited, and the chain holds.
    verbs = set(AuditEvent.objects.filter(verb__startswith="decisions.").values_list("verb", flat=True))
    assert {"decisions.matter_created", "decisions.vote_cast", "decisions.slip_recorded", "decisions.recognized",
            "decisions.refused", "decisions.record_filed", "decisions.attendance_recorded"} <= verbs  # fmt: skip
    assert AuditEvent.objects.filter(verb="decisions.vote_cast").count() == 100 + 1 + sum(demo.EFFECTIVE_VOTE_SPLIT)
    assert verify_chain().ok

    # Each page the command names opens for the account it names (anyone for the bulletin).
    for recipe in demo.RECIPES:
        matter, client = matters[demo.group(recipe.number)], Client()
        if recipe.account:
            user = User.objects.get(username=recipe.account)
            sign_in(client, user, second_factor=TOTPDevice.objects.filter(user=user).exists())
        response = client.get(recipe.url(matter))
        assert response.status_code == 200, recipe.key
        assert matter.title in response.text, recipe.key
        if recipe.key == "refused":  # the written reasons are on the matter's page (Law Art 21(2))
            assert matter.refusal_reason in response.text

    # A second run keeps what is there.
    assert "keeping them" in _seed()
    assert Matter.objects.count() == 7


def test_verify_tally_agrees_with_the_demo_and_finds_an_altered_ballot(ward):  # type: ignore[no-untyped-def]
    _seed()
    out = io.StringIO()
    call_command("verify_tally", "--all", stdout=out)  # returns: the command exits 0
    counted = Matter.objects.filter(result__isnull=False)
    assert counted.count() == 4
    assert out.getvalue().count(": OK (") == 4

    # One ballot's choice changed behind the actions' back: the recount no longer matches what was published.
    effective = Matter.objects.get(unit__code=demo.group(7))
    ballot = Ballot.objects.filter(matter=effective, choice=Choice.AGREE).order_by("pk").first()
    assert Ballot.objects.filter(pk=ballot.pk).update(choice=Choice.DISAGREE) == 1
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("verify_tally", str(effective.pk), stdout=io.StringIO(), stderr=err)
    assert failed.value.returncode != 0  # how manage.py exits (BaseCommand.run_from_argv)
    assert f"matter {effective.pk}: DIFFERS" in err.getvalue()
    with pytest.raises(CommandError):
        call_command("verify_tally", "--all", stdout=io.StringIO(), stderr=io.StringIO())
    # The other demo matters still agree.
    for matter in counted.exclude(pk=effective.pk):
        call_command("verify_tally", str(matter.pk), stdout=io.StringIO())
    assert Participation.objects.filter(matter=effective).count() == sum(demo.EFFECTIVE_VOTE_SPLIT)
