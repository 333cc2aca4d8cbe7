"""Role look-ups are cached per request on the user object, and a change of roles is seen at once."""

import datetime as dt

from grassroots.accounts.models import Role, RoleAssignment
from grassroots.accounts.roles import role_unit_ids
from grassroots.accounts.tests.factories import UserFactory, grant


def test_a_role_granted_after_a_first_look_up_is_seen(world, django_assert_num_queries):  # type: ignore[no-untyped-def]
    user = UserFactory(username="late")
    village = world["a"]["village1"]
    assert role_unit_ids(user, [Role.VILLAGE_HEAD]) == []
    with django_assert_num_queries(0):  # cached on the user object
        assert role_unit_ids(user, [Role.VILLAGE_HEAD]) == []
    grant(user, village, Role.VILLAGE_HEAD)
    assert role_unit_ids(user, [Role.VILLAGE_HEAD]) == [village.pk]


def test_a_role_ended_or_removed_after_a_first_look_up_is_gone(world):  # type: ignore[no-untyped-def]
    head = world["head_a1"]
    village = world["a"]["village1"]
    assert role_unit_ids(head, [Role.VILLAGE_HEAD]) == [village.pk]
    assignment = RoleAssignment.objects.get(user=head, role=Role.VILLAGE_HEAD)
    assignment.valid_to = dt.date(2025, 1, 2)
    assignment.save()
    assert role_unit_ids(head, [Role.VILLAGE_HEAD]) == []
    assignment.delete()
    assert role_unit_ids(head, [Role.VILLAGE_HEAD]) == []
