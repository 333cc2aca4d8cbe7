"""One household, one person who votes for it: who may link an account to a resident, and how.

The resident's own proof, or two officials of the commune (one proposes, another confirms); never an
official's own account, never an official account to a household representative; the resident is told.
"""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core import sms
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.people import actions
from grassroots.people.crypto import decrypt_national_id
from grassroots.people.linking import (
    confirm_link_proposal,
    propose_resident_link,
    verify_resident_link,
    withdraw_link_proposal,
)
from grassroots.people.models import LinkProposal, Membership, Representation

# Refusals are matched on their English text.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def _sms_outbox(settings):  # type: ignore[no-untyped-def]
    settings.SMS_BACKEND = "grassroots.core.sms.LocmemBackend"
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def _household(world):  # type: ignore[no-untyped-def]
    return world["households"]["a1"]


def _representative(world):  # type: ignore[no-untyped-def]
    return Representation.objects.get(household=_household(world), valid_to__isnull=True).resident


def _other_member(world):  # type: ignore[no-untyped-def]
    rep = _representative(world)
    return Membership.objects.filter(household=_household(world)).exclude(resident=rep).first().resident


# --- The official side: one proposes, a second one confirms ------------------------------------------


def test_one_official_alone_links_nothing_through_the_register_screen(client, world, sign_in):
    sign_in(client, world["official_a"])
    household, resident = _household(world), _representative(world)
    account = UserFactory(username="newcomer")
    response = client.post(
        f"/register/household/{household.pk}/link/", {"resident": resident.pk, "account": "newcomer"}
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.resident is None
    assert LinkProposal.objects.get(resident=resident, decided_at__isnull=True).proposed_by == world["official_a"]
    assert not AuditEvent.objects.filter(verb="accounts.resident_linked").exists()


def test_a_second_official_of_the_commune_confirms_and_the_resident_is_told(
    client, world, sign_in, django_capture_on_commit_callbacks
):
    household, resident = _household(world), _representative(world)
    account = UserFactory(username="newcomer")
    proposal = propose_resident_link(account, resident, household, actor=world["official_a"])
    sign_in(client, world["head_a1"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/register/household/{household.pk}/link/{proposal.pk}/confirm/")
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.resident == resident and account.resident_verified_by == world["head_a1"]
    event = AuditEvent.objects.get(verb="accounts.resident_linked")
    assert event.data["proposed_by"] == world["official_a"].pk and event.actor == world["head_a1"]
    # The resident is told at the register's phone number, and the notice is in the audit trail.
    assert [m.phone for m in sms.outbox] == [resident.phone]
    assert "newcomer" in sms.outbox[0].text
    assert AuditEvent.objects.get(verb="people.resident_link_notified").data == {
        "account": account.pk,
        "channel": "sms",
    }


def test_the_official_who_proposed_cannot_confirm(world):
    household, resident = _household(world), _representative(world)
    account = UserFactory()
    proposal = propose_resident_link(account, resident, household, actor=world["official_a"])
    with pytest.raises(DomainError, match="Another official"):
        confirm_link_proposal(proposal, actor=world["official_a"])
    account.refresh_from_db()
    assert account.resident is None


def test_the_database_refuses_a_proposal_confirmed_by_its_proposer(world):
    proposal = propose_resident_link(
        UserFactory(), _representative(world), _household(world), actor=world["official_a"]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        LinkProposal.objects.filter(pk=proposal.pk).update(
            decided_by=world["official_a"], decided_at=timezone.now(), outcome="confirmed"
        )


def test_a_confirmed_link_cannot_be_confirmed_again(world):
    household, resident = _household(world), _representative(world)
    proposal = propose_resident_link(UserFactory(), resident, household, actor=world["official_a"])
    confirm_link_proposal(proposal, actor=world["head_a1"])
    chair = UserFactory()
    grant(chair, world["a"]["commune"], Role.COMMUNE_CHAIR)
    with pytest.raises(DomainError, match="already been confirmed or withdrawn"):
        confirm_link_proposal(proposal, actor=chair)
    assert AuditEvent.objects.filter(verb="accounts.resident_linked").count() == 1


def test_an_official_of_another_commune_cannot_confirm(client, world, sign_in):
    household, resident = _household(world), _representative(world)
    account = UserFactory()
    proposal = propose_resident_link(account, resident, household, actor=world["official_a"])
    with pytest.raises(DomainError, match="Only a commune official"):
        confirm_link_proposal(proposal, actor=world["official_b"])
    sign_in(client, world["official_b"])
    assert client.post(f"/register/household/{household.pk}/link/{proposal.pk}/confirm/").status_code == 404
    account.refresh_from_db()
    assert account.resident is None


def test_an_official_cannot_propose_their_own_account(world):
    with pytest.raises(DomainError, match="your own account"):
        propose_resident_link(world["official_a"], _other_member(world), _household(world), actor=world["official_a"])
    assert not LinkProposal.objects.exists()


def test_an_official_cannot_confirm_a_link_to_their_own_account(world):
    household, member = _household(world), _other_member(world)
    proposal = propose_resident_link(world["head_a1"], member, household, actor=world["official_a"])
    with pytest.raises(DomainError, match="your own account"):
        confirm_link_proposal(proposal, actor=world["head_a1"])
    world["head_a1"].refresh_from_db()
    assert world["head_a1"].resident is None


@pytest.mark.parametrize("role", [Role.VILLAGE_HEAD, Role.COMMUNE_OFFICIAL, Role.COMMUNE_FRONT, Role.TRAINER])
def test_an_account_holding_an_official_role_is_never_linked_to_a_representative(world, role):
    household, resident = _household(world), _representative(world)
    official = UserFactory()
    grant(official, world["a"]["village1"], role)
    with pytest.raises(DomainError, match="official role"):
        propose_resident_link(official, resident, household, actor=world["official_a"])


@pytest.mark.parametrize("role", [Role.INSPECTION_BOARD, Role.INSPECTION_BOARD_HEAD])
def test_a_peoples_inspection_board_member_may_represent_a_household(world, role):
    """Board members are residents elected by residents (Law Arts 36-37), not officials: nothing in the law
    stops them voting for their household (accounts.OFFICIAL_ROLES leaves their roles out)."""
    household, resident = _household(world), _representative(world)
    member = UserFactory()
    grant(member, world["a"]["commune"], role)
    proposal = propose_resident_link(member, resident, household, actor=world["official_a"])
    assert proposal.pk is not None


def test_an_official_role_starting_later_already_counts(world):
    household, resident = _household(world), _representative(world)
    future = UserFactory()
    grant(future, world["a"]["village1"], Role.VILLAGE_HEAD, valid_from=timezone.localdate() + dt.timedelta(days=7))
    with pytest.raises(DomainError, match="official role"):
        propose_resident_link(future, resident, household, actor=world["official_a"])


def test_a_role_granted_between_proposal_and_confirmation_stops_the_link(world):
    household, resident = _household(world), _representative(world)
    account = UserFactory()
    proposal = propose_resident_link(account, resident, household, actor=world["official_a"])
    grant(account, world["a"]["village1"], Role.VILLAGE_FRONT_HEAD)
    with pytest.raises(DomainError, match="official role"):
        confirm_link_proposal(proposal, actor=world["head_a1"])


def test_an_ended_official_role_no_longer_counts(world):
    household, resident = _household(world), _representative(world)
    former = UserFactory()
    grant(former, world["a"]["village1"], Role.VILLAGE_HEAD, valid_to=dt.date(2025, 6, 1))
    proposal = propose_resident_link(former, resident, household, actor=world["official_a"])
    confirm_link_proposal(proposal, actor=world["head_a1"])
    former.refresh_from_db()
    assert former.resident == resident


def test_an_official_account_may_be_linked_to_a_member_who_is_not_the_representative(world):
    household, member = _household(world), _other_member(world)
    official = UserFactory()
    grant(official, world["a"]["village2"], Role.VILLAGE_HEAD)
    proposal = propose_resident_link(official, member, household, actor=world["official_a"])
    confirm_link_proposal(proposal, actor=world["head_a1"])
    official.refresh_from_db()
    assert official.resident == member


def test_a_system_administrator_who_reads_the_register_cannot_propose(world):
    admin = UserFactory()
    grant(admin, world["a"]["province"], Role.SYSTEM_ADMIN)
    with pytest.raises(DomainError, match="Only a commune official"):
        propose_resident_link(UserFactory(), _representative(world), _household(world), actor=admin)


def test_a_second_proposal_waits_for_the_first(world):
    household, resident = _household(world), _representative(world)
    propose_resident_link(UserFactory(), resident, household, actor=world["official_a"])
    with pytest.raises(DomainError, match="already waiting"):
        propose_resident_link(UserFactory(), resident, household, actor=world["head_a1"])


def test_a_withdrawn_proposal_links_nothing_and_frees_the_resident(client, world, sign_in):
    household, resident = _household(world), _representative(world)
    account = UserFactory()
    proposal = propose_resident_link(account, resident, household, actor=world["official_a"])
    sign_in(client, world["head_a1"])
    assert client.post(f"/register/household/{household.pk}/link/{proposal.pk}/withdraw/").status_code == 302
    proposal.refresh_from_db()
    assert proposal.outcome == LinkProposal.Outcome.WITHDRAWN
    # (The request above left its own language active.)
    with translation.override("en"), pytest.raises(DomainError, match="already been confirmed or withdrawn"):
        confirm_link_proposal(proposal, actor=world["official_a"])
    propose_resident_link(UserFactory(), resident, household, actor=world["official_a"])


def test_an_official_of_another_commune_cannot_withdraw(world):
    proposal = propose_resident_link(
        UserFactory(), _representative(world), _household(world), actor=world["official_a"]
    )
    with pytest.raises(DomainError, match="Only a commune official"):
        withdraw_link_proposal(proposal, actor=world["official_b"])
    withdraw_link_proposal(proposal, actor=world["official_a"])
    assert AuditEvent.objects.filter(verb="people.link_withdrawn", actor=world["official_a"]).exists()


def test_the_household_page_offers_confirmation_to_the_second_official_only(client, world, sign_in):
    household, resident = _household(world), _representative(world)
    proposal = propose_resident_link(UserFactory(username="newcomer"), resident, household, actor=world["official_a"])
    confirm_url = f"/register/household/{household.pk}/link/{proposal.pk}/confirm/"
    sign_in(client, world["official_a"])
    assert confirm_url not in client.get(f"/register/household/{household.pk}/").content.decode()
    sign_in(client, world["head_a1"])
    assert confirm_url in client.get(f"/register/household/{household.pk}/").content.decode()


# --- The resident's own proof -------------------------------------------------------------------------


def test_a_village_head_cannot_verify_their_account_as_a_representative(world):
    resident = _representative(world)
    number = decrypt_national_id(resident.national_id_encrypted)
    with pytest.raises(DomainError, match="official role"):
        verify_resident_link(world["head_a1"], national_id=number, birth_date=resident.birth_date)
    world["head_a1"].refresh_from_db()
    assert world["head_a1"].resident is None


def test_a_resident_who_verifies_is_told_by_sms(world, django_capture_on_commit_callbacks):
    resident = _representative(world)
    number = decrypt_national_id(resident.national_id_encrypted)
    with django_capture_on_commit_callbacks(execute=True):
        verify_resident_link(UserFactory(username="lan"), national_id=number, birth_date=resident.birth_date)
    assert [m.phone for m in sms.outbox] == [resident.phone]
    assert number not in sms.outbox[0].text


def test_a_resident_without_a_phone_has_the_missing_notice_recorded(world, django_capture_on_commit_callbacks):
    resident = _representative(world)
    resident.phone = ""
    resident.save(update_fields=["phone"])
    number = decrypt_national_id(resident.national_id_encrypted)
    with django_capture_on_commit_callbacks(execute=True):
        verify_resident_link(UserFactory(), national_id=number, birth_date=resident.birth_date)
    assert sms.outbox == []
    assert AuditEvent.objects.get(verb="people.resident_link_notified").data["channel"] == "none"


# --- Keeping the rule after the link: representatives and roles -----------------------------------------


def test_a_resident_whose_account_holds_an_official_role_cannot_become_representative(world):
    household, member = _household(world), _other_member(world)
    UserFactory(resident=member)
    official = member.user
    grant(official, world["a"]["village2"], Role.VILLAGE_HEAD)
    with pytest.raises(DomainError, match="official role"):
        actions.change_representative(household, member, on=dt.date(2025, 9, 1), actor=world["official_a"])
    assert Representation.objects.get(household=household, valid_to__isnull=True).resident != member
