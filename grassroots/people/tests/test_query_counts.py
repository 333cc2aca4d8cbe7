"""The register pages of issue 9 whose lists grow (a household's history, the household page with its
keeping links, the keeping forms that list members or villages, the unit's register) read their rows in
a fixed number of queries: the same count with 2 rows as with 12."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grassroots.accounts.tests.factories import UserFactory
from grassroots.core import audit
from grassroots.people.keeping import record_birth, record_member_moving_in
from grassroots.people.models import Household, Membership
from grassroots.people.tests.factories import REGISTERED_ON, ResidentFactory, make_household
from grassroots.territory.models import UnitKind
from grassroots.territory.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 12


def _queries(client: Client, url: str) -> int:
    """The number of SQL queries of one GET of `url` (after a first GET that warms what is cached)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _same_with_more(client: Client, url: str, add: Callable[[int], Any]) -> None:
    """`add(n)` adds n rows to the page's list; the page's queries with SMALL rows and with LARGE are equal."""
    add(SMALL)
    small = _queries(client, url)
    add(LARGE - SMALL)
    large = _queries(client, url)
    assert large == small, f"{small} queries with {SMALL} rows, {large} with {LARGE}"


def _add_members(household: Household, n: int) -> None:
    """n adult members (each may become the representative, each may leave)."""
    for _ in range(n):
        resident = ResidentFactory(birth_date=dt.date(1990, 1, 1))
        Membership.objects.create(resident=resident, household=household, valid_from=REGISTERED_ON)


def test_a_households_history_reads_its_events_names_and_actors_in_fixed_queries(client, sign_in, world):  # type: ignore[no-untyped-def]
    household, village2 = world["households"]["a1"], world["a"]["village2"]
    on = REGISTERED_ON + dt.timedelta(days=1)

    def add(n: int) -> None:
        for i in range(n):
            # Each change by another clerk, naming another resident or another unit.
            actor = UserFactory(first_name="Cán bộ", last_name=str(i))
            record_birth(household, full_name=f"Bé {i}", birth_date=on, sex="F", national_id="", actor=actor)
            record_member_moving_in(
                household,
                full_name=f"Người {i}",
                birth_date=dt.date(1990, 1, 1),
                sex="M",
                national_id="",
                on=on,
                actor=actor,
            )
            with transaction.atomic():
                audit.record(
                    "people.household_moved",
                    actor=actor,
                    target=household,
                    unit_id=household.unit_id,
                    data={"to_unit": village2.pk, "on": on.isoformat()},
                )
                audit.record(
                    "people.household_split", target=household, unit_id=household.unit_id, data={"on": on.isoformat()}
                )

    sign_in(client, world["official_a"])
    url = reverse("people:household-history", args=[household.pk])
    _same_with_more(client, url, add)
    page = client.get(url).content.decode()
    assert "Bé 9" in page and "Người 9" in page and village2.name in page


def test_the_household_page_with_its_keeping_links_reads_its_members_in_fixed_queries(client, sign_in, world):  # type: ignore[no-untyped-def]
    household = world["households"]["a1"]
    sign_in(client, world["official_a"])
    url = reverse("people:household-detail", args=[household.pk])
    _same_with_more(client, url, lambda n: _add_members(household, n))
    assert reverse("people:member-leaving", args=[household.pk, household.memberships.last().resident_id]) in (
        client.get(url).content.decode()
    )


@pytest.mark.parametrize(
    "name",
    ["people:change-representative", "people:record-birth", "people:member-move-in", "people:household-move-out"],
)
def test_a_keeping_form_of_a_household_reads_its_members_in_fixed_queries(client, sign_in, world, name):  # type: ignore[no-untyped-def]
    household = world["households"]["a1"]
    sign_in(client, world["official_a"])
    _same_with_more(client, reverse(name, args=[household.pk]), lambda n: _add_members(household, n))


def test_the_member_leaving_form_reads_in_fixed_queries(client, sign_in, world):  # type: ignore[no-untyped-def]
    household = world["households"]["a1"]
    leaving = Membership.objects.filter(household=household).first()
    sign_in(client, world["official_a"])
    url = reverse("people:member-leaving", args=[household.pk, leaving.resident_id])
    _same_with_more(client, url, lambda n: _add_members(household, n))


def test_a_household_moving_in_lists_the_communes_villages_in_fixed_queries(client, sign_in, world):  # type: ignore[no-untyped-def]
    commune = world["a"]["commune"]

    def add(n: int) -> None:
        for _ in range(n):
            UnitFactory(kind=UnitKind.VILLAGE, parent=commune)

    sign_in(client, world["official_a"])
    _same_with_more(client, reverse("people:household-move-in", args=[commune.code]), add)


def test_the_units_register_with_its_keeping_links_reads_its_households_in_fixed_queries(client, sign_in, world):  # type: ignore[no-untyped-def]
    village1, commune = world["a"]["village1"], world["a"]["commune"]

    def add(n: int) -> None:
        for _ in range(n):
            make_household(village1, members=2)
            UnitFactory(kind=UnitKind.VILLAGE, parent=commune)

    sign_in(client, world["official_a"])
    for unit in (village1, commune):
        _same_with_more(client, reverse("people:register-unit", args=[unit.code]), add)
