"""The Django admin shows who an account represents, roles, units and the register, but changes them
only through the audited, validated actions; roles are granted by `manage.py grant_role`."""

import datetime as dt

import pytest
from django.contrib import admin
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from grassroots.accounts.actions import end_role, grant_role
from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.people.models import Household, LinkProposal, Membership, Representation, Resident
from grassroots.territory.models import Unit

# Refusals are matched on their English text.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

READ_ONLY = [Unit, Household, Resident, Membership, Representation, LinkProposal]


@pytest.fixture
def root(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_the_admin_cannot_add_change_or_delete_units_or_the_register(model, root):
    request = RequestFactory().get("/admin/")
    request.user = root
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


@pytest.mark.parametrize("url", ["/admin/territory/unit/add/", "/admin/people/household/add/",
                                 "/admin/people/resident/add/", "/admin/people/representation/add/"])  # fmt: skip
def test_the_admin_add_pages_are_forbidden_even_to_the_superuser(client, root, sign_in, url):
    sign_in(client, root)
    assert client.get(url).status_code == 403
    assert client.get(url.replace("add/", "")).status_code == 200


def test_the_admin_cannot_change_who_an_account_represents_or_its_roles(client, world, root, sign_in):
    resident = Membership.objects.filter(household=world["households"]["a1"]).first().resident
    sign_in(client, root)
    official = world["official_a"]
    page = client.get(f"/admin/accounts/user/{official.pk}/change/").content.decode()
    assert 'name="resident"' not in page
    assert 'name="roles-0-role"' not in page and 'name="roles-0-unit"' not in page
    # A forged POST with a resident and a new role changes neither.
    client.post(
        f"/admin/accounts/user/{official.pk}/change/",
        {"username": official.username, "resident": resident.pk, "date_joined_0": "2025-01-01",
         "date_joined_1": "00:00:00", "roles-TOTAL_FORMS": "1", "roles-INITIAL_FORMS": "0",
         "roles-0-role": Role.SYSTEM_ADMIN, "roles-0-unit": world["a"]["province"].pk,
         "roles-0-valid_from": "2025-01-01"},
    )  # fmt: skip
    official.refresh_from_db()
    assert official.resident is None
    assert list(official.roles.values_list("role", flat=True)) == [Role.COMMUNE_OFFICIAL]


def test_grant_role_audits_the_grant(world):
    user = UserFactory()
    assignment = grant_role(
        user, world["a"]["village1"], Role.VILLAGE_HEAD, valid_from=dt.date(2025, 1, 1), actor=world["official_a"]
    )
    assert assignment.granted_by == world["official_a"]
    event = AuditEvent.objects.get(verb="accounts.role_granted")
    assert event.data["role"] == Role.VILLAGE_HEAD and event.unit_id == world["a"]["village1"].pk


def _linked_representative(world):  # type: ignore[no-untyped-def]
    rep = Representation.objects.get(household=world["households"]["a1"], valid_to__isnull=True).resident
    return UserFactory(resident=rep)


def test_an_account_that_represents_a_household_is_refused_an_official_role(world):
    account = _linked_representative(world)
    with pytest.raises(DomainError, match="represents a household"):
        grant_role(account, world["a"]["village1"], Role.VILLAGE_HEAD, valid_from=dt.date(2025, 1, 1), actor=None)
    assert not RoleAssignment.objects.filter(user=account).exists()


def test_an_account_that_represents_a_household_may_hold_the_representative_role(world):
    account = _linked_representative(world)
    grant_role(
        account, world["a"]["village1"], Role.HOUSEHOLD_REPRESENTATIVE, valid_from=dt.date(2025, 1, 1), actor=None
    )
    assert account.roles.get().role == Role.HOUSEHOLD_REPRESENTATIVE


def test_grant_role_refuses_an_end_before_the_start(world):
    with pytest.raises(DomainError) as excinfo:
        grant_role(UserFactory(), world["a"]["commune"], Role.COMMUNE_OFFICIAL,
                   valid_from=dt.date(2025, 5, 1), valid_to=dt.date(2025, 5, 1), actor=None)  # fmt: skip
    assert excinfo.value.field == "valid_to"


def test_end_role_closes_the_period_and_is_audited(world):
    assignment = grant(UserFactory(), world["a"]["commune"], Role.COMMUNE_OFFICIAL)
    end_role(assignment, on=dt.date(2025, 6, 1), actor=None)
    assignment.refresh_from_db()
    assert assignment.valid_to == dt.date(2025, 6, 1)
    assert AuditEvent.objects.filter(verb="accounts.role_ended").exists()
    with pytest.raises(DomainError):
        end_role(assignment, on=dt.date(2025, 7, 1), actor=None)


def test_the_grant_role_command_calls_the_action_and_reports_refusals(world):
    user = UserFactory(username="lan")
    call_command("grant_role", "lan", "AC-1", Role.VILLAGE_HEAD, "--from", "2025-01-01", "--by", "official_a")
    assert User.objects.get(username="lan").roles.get().granted_by == world["official_a"]
    assert user.roles.count() == 1
    account = _linked_representative(world)
    with pytest.raises(CommandError, match="household"):
        call_command("grant_role", account.username, "AC-1", Role.VILLAGE_HEAD)
    with pytest.raises(CommandError, match="no unit"):
        call_command("grant_role", "lan", "NOPE", Role.VILLAGE_HEAD)


def test_the_admin_still_anonymizes_a_resident_through_its_audited_action(client, world, root, sign_in):
    resident = Membership.objects.filter(household=world["households"]["a1"]).first().resident
    sign_in(client, root)
    response = client.post(
        "/admin/people/resident/",
        {"action": "anonymize", "_selected_action": [resident.pk], "confirmed": "yes", "index": "0"},
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.anonymized_at is not None
