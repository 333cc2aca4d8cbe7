"""The cast of the rating tests: commune A with two officials and its chair and Front, a service, and
verified residents of A (named, so tests can search pages for their names); commune B's official is
refused everywhere."""

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.people.models import Membership
from grassroots.people.tests.factories import ResidentFactory
from grassroots.service_ratings import actions


def make_resident_user(household, name: str):  # type: ignore[no-untyped-def]
    resident = ResidentFactory(full_name=name)  # a username no random token can contain (tests search pages for it)
    Membership.objects.create(resident=resident, household=household, valid_from=household.formed_on)
    return UserFactory(
        username=f"cu_dan_{resident.pk}", first_name=name, resident=resident, resident_verified_at=timezone.now()
    )


@pytest.fixture
def cast(world):  # type: ignore[no-untyped-def]
    a = world["a"]
    clerk_a = UserFactory(username="clerk_a", first_name="Cán Bộ", last_name="Một Cửa")
    grant(clerk_a, a["commune"], Role.COMMUNE_OFFICIAL)
    chair_a = UserFactory(username="chair_a")
    grant(chair_a, a["commune"], Role.COMMUNE_CHAIR)
    cfront_a = UserFactory(username="cfront_a")
    grant(cfront_a, a["commune"], Role.COMMUNE_FRONT)
    service = actions.add_service(actor=world["official_a"], commune=a["commune"], name="Chứng thực bản sao")
    residents = [make_resident_user(world["households"]["a1"], f"Phạm Thị Dân{i}") for i in range(6)]
    resident_b = make_resident_user(world["households"]["b1"], "Lê Văn Xã Bê")
    return {**world, "commune": a["commune"], "clerk_a": clerk_a, "chair_a": chair_a, "cfront_a": cfront_a,
            "service": service, "residents": residents, "resident_b": resident_b}  # fmt: skip


def rate(cast, i: int, **kwargs):  # type: ignore[no-untyped-def]
    values = {"timeliness": 4, "guidance": 5}
    values.update(kwargs)
    return actions.rate(actor=cast["residents"][i], service=cast["service"], **values)
