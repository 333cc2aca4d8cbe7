import datetime as dt

import pytest

from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.people import actions
from grassroots.people.models import Household, Membership, Representation
from grassroots.people.tests.factories import REGISTERED_ON, ResidentFactory, make_household

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 1)


def test_a_move_keeps_the_count_of_the_old_village_on_earlier_days(world):
    a = world["a"]
    household = world["households"]["a1"]
    assert actions.household_count_on(a["village1"], DAY) == 1
    actions.move_household(household, unit=a["village2"], address="Xóm mới", on=DAY, actor=world["official_a"])
    assert actions.household_count_on(a["village1"], DAY - dt.timedelta(days=1)) == 1
    assert actions.household_count_on(a["village1"], DAY) == 0
    assert actions.household_count_on(a["village2"], DAY) == 2
    assert actions.household_count_on(a["commune"], DAY) == 2
    assert household.locations.count() == 2
    assert AuditEvent.objects.filter(verb="people.household_moved").count() == 1


def test_a_household_cannot_move_to_a_commune(world):
    with pytest.raises(DomainError):
        actions.move_household(world["households"]["a1"], unit=world["a"]["commune"], address="x", on=DAY, actor=None)


def test_a_split_adds_a_household_from_its_date(world):
    a = world["a"]
    household = world["households"]["a1"]  # three members; the first represents
    members = [m.resident for m in Membership.objects.filter(household=household).order_by("resident__birth_date")]
    new = actions.split_household(
        household, new_code="HNEW", members=[members[1]], representative=members[1], address="Số 2", on=DAY, actor=None
    )
    assert actions.household_count_on(a["village1"], DAY - dt.timedelta(days=1)) == 1
    assert actions.household_count_on(a["village1"], DAY) == 2
    assert list(new.derived_from.all()) == [household]
    assert Membership.objects.get(resident=members[1], valid_to__isnull=True).household == new
    assert Membership.objects.get(resident=members[1], household=household).valid_to == DAY


def test_a_split_cannot_take_the_current_representative_or_everyone(world):
    household = world["households"]["a1"]
    members = [m.resident for m in Membership.objects.filter(household=household).order_by("resident__birth_date")]
    with pytest.raises(DomainError):
        actions.split_household(
            household, new_code="H", members=[members[0]], representative=members[0], address="x", on=DAY, actor=None
        )
    with pytest.raises(DomainError):
        actions.split_household(
            household, new_code="H", members=members, representative=members[1], address="x", on=DAY, actor=None
        )


def test_a_merge_dissolves_the_others_and_keeps_their_history(world):
    a = world["a"]
    h1, h2 = world["households"]["a1"], world["households"]["a2"]
    actions.merge_households([h1, h2], into=h1, on=DAY, actor=None)
    h2.refresh_from_db()
    assert h2.dissolved_on == DAY
    assert actions.household_count_on(a["commune"], DAY - dt.timedelta(days=1)) == 2
    assert actions.household_count_on(a["commune"], DAY) == 1
    assert Membership.objects.on(DAY).filter(household=h1).count() == 5
    assert not Representation.objects.filter(household=h2, valid_to__isnull=True).exists()
    assert Household.objects.active().filter(unit__path__startswith=a["commune"].path).count() == 1


def test_exactly_one_representative_at_a_time(world):
    household = world["households"]["a1"]
    members = [m.resident for m in Membership.objects.filter(household=household).order_by("resident__birth_date")]
    actions.change_representative(household, members[1], on=DAY, actor=None)
    assert Representation.objects.filter(household=household, valid_to__isnull=True).get().resident == members[1]
    assert Representation.objects.on(REGISTERED_ON).get(household=household).resident == members[0]


def test_a_minor_cannot_represent_the_household(world):
    household = world["households"]["a1"]
    child = ResidentFactory(birth_date=dt.date(2015, 1, 1))
    Membership.objects.create(resident=child, household=household, valid_from=REGISTERED_ON)
    with pytest.raises(DomainError):
        actions.change_representative(household, child, on=DAY, actor=None)


def test_a_non_member_cannot_represent_the_household(world):
    with pytest.raises(DomainError):
        actions.change_representative(world["households"]["a1"], ResidentFactory(), on=DAY, actor=None)


def test_the_database_refuses_two_open_representatives(world):
    from django.db import IntegrityError, transaction

    household = world["households"]["a1"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Representation.objects.create(household=household, resident=ResidentFactory(), valid_from=DAY)


def test_make_household_helper_counts(world):
    assert actions.household_count_on(world["b"]["commune"], DAY) == 1
    make_household(world["b"]["village1"])
    assert actions.household_count_on(world["b"]["commune"], DAY) == 2
