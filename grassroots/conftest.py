"""The fixed cast of the access tests (STYLE 2.5): an official of commune A, a village head in A1,
a representative in village A1, an official of commune B, and an anonymous visitor."""

import pytest
from django.utils import translation

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.people.tests.factories import make_household
from grassroots.territory.tests.factories import make_tree


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    a = make_tree("A", villages=2)
    b = make_tree("B", villages=1)
    official_a = UserFactory(username="official_a")
    grant(official_a, a["commune"], Role.COMMUNE_OFFICIAL)
    head_a1 = UserFactory(username="head_a1")
    grant(head_a1, a["village1"], Role.VILLAGE_HEAD)
    official_b = UserFactory(username="official_b")
    grant(official_b, b["commune"], Role.COMMUNE_OFFICIAL)
    resident_a1 = UserFactory(username="resident_a1")
    grant(resident_a1, a["village1"], Role.HOUSEHOLD_REPRESENTATIVE)
    households = {
        "a1": make_household(a["village1"], members=3),
        "a2": make_household(a["village2"], members=2),
        "b1": make_household(b["village1"], members=2),
    }
    return {
        "a": a,
        "b": b,
        "households": households,
        "official_a": official_a,
        "head_a1": head_a1,
        "official_b": official_b,
        "resident_a1": resident_a1,
    }


@pytest.fixture
def english():  # type: ignore[no-untyped-def]
    """Messages in English, for tests that read the text of a command's output."""
    with translation.override("en"):
        yield


@pytest.fixture
def sign_in():  # type: ignore[no-untyped-def]
    """Log a user in as after the full login: password and, where it is due, the second factor."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def _sign_in(client, user, *, second_factor: bool = True):  # type: ignore[no-untyped-def]
        client.force_login(user)
        if second_factor:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
                user=user, name="test", confirmed=True
            )
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return _sign_in
