"""Who runs a vote and who votes: the superuser is not a commune official (the village console needs
the role for that unit, docs/privacy.md; the Django admin stays theirs), and an official account votes
for no household."""

import pytest

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.core.errors import DomainError
from grassroots.decisions import actions
from grassroots.decisions.access import can_manage, can_recognize, visible_unit_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_a_superuser_without_a_role_cannot_run_a_village_console(client, root, online_matter, sign_in):
    sign_in(client, root)
    assert not can_manage(root, online_matter)
    assert not can_recognize(root, online_matter)
    assert visible_unit_paths(root) == []
    assert client.get(f"/decisions/{online_matter.pk}/console/").status_code == 404
    assert client.get(f"/decisions/{online_matter.pk}/").status_code == 404
    with pytest.raises(DomainError):
        actions.record_notification(online_matter, actor=root, body="committee")


def test_a_superuser_with_the_village_role_runs_its_console(client, root, online_matter, village, sign_in):
    grant(root, village["a1"], Role.VILLAGE_HEAD)
    sign_in(client, root)
    assert can_manage(root, online_matter)
    assert client.get(f"/decisions/{online_matter.pk}/console/").status_code == 200


def test_the_superuser_keeps_the_admin_site(client, root, sign_in):
    sign_in(client, root)
    assert client.get("/admin/").status_code == 200


def test_an_official_account_linked_before_the_rule_votes_for_no_household(online_matter, village):
    """A link made before people.linking refused it (or by hand in the database) gives no vote."""
    voter = village["voters"][0]
    grant(voter, village["a1"], Role.VILLAGE_FRONT_HEAD)
    with pytest.raises(DomainError):
        actions.cast_online_vote(online_matter.pk, user=voter, choice="agree")
    assert not online_matter.participations.exists()
