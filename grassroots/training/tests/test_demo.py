"""Issue 10: the demo holds the 2024 city conference with its four topics, about 150 delegates of the
former wards of the demo ward and their neighbours, and its attendance; built the same way every time."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.territory.models import UnitKind
from grassroots.territory.tests.factories import UnitFactory
from grassroots.training import stats
from grassroots.training.models import Conference, Delegate, Topic

pytestmark = pytest.mark.django_db
REFORM = dt.date(2025, 7, 1)


@pytest.fixture
def seeded_units():  # type: ignore[no-untyped-def]
    """The part of seed_demo's tree the conference needs: the province, the former city and its three
    wards (which merged into the demo ward in 2025), and the steering account of the province."""
    province = UnitFactory(code="38", name="Tỉnh Thanh Hóa", kind=UnitKind.PROVINCE)
    city = UnitFactory(code="380", name="Thành phố Thanh Hóa", kind=UnitKind.DISTRICT, parent=province, valid_to=REFORM)
    for code, name in [("14755", "Phường Điện Biên"), ("14756", "Phường Ba Đình"), ("14757", "Phường Lam Sơn")]:
        UnitFactory(code=code, name=name, kind=UnitKind.WARD, parent=city, valid_to=REFORM)
    grant(UserFactory(username="steering"), province, Role.STEERING_MEMBER, valid_from=REFORM)


def seed() -> str:
    out = io.StringIO()
    call_command("seed_training_demo", "--if-empty", stdout=out)
    return out.getvalue()


def test_the_2024_conference_with_its_delegates_and_attendance(seeded_units):
    output = seed()
    conference = Conference.objects.get()
    assert (conference.starts_on, conference.status) == (dt.date(2024, 9, 20), Conference.Status.HELD)
    assert [s.topic for s in conference.sessions.all()] == [
        Topic.LAW,
        Topic.DECREE_59,
        Topic.TASKS,
        Topic.SITUATION,
        Topic.EXCHANGE,
    ]
    assert timezone.localtime(conference.sessions.first().starts_at).time() == dt.time(7, 30)
    invited = conference.delegates.filter(substitute_for__isnull=True)
    assert invited.count() == 150
    assert set(invited.values_list("role", flat=True)) == {
        Role.STEERING_MEMBER,
        Role.INSPECTION_BOARD,
        Role.VILLAGE_FRONT_HEAD,
    }
    # Every delegate holds the role on the conference date in a unit of the former city.
    assert not invited.exclude(unit__path__startswith="/38/380/").exists()
    attendance = stats.attendance(conference)
    assert 0.8 < attendance.present / attendance.expected < 0.9
    assert (attendance.late, attendance.left_early, attendance.substitutes, attendance.declined) == (3, 2, 3, 3)
    assert conference.delegates.filter(status=Delegate.Status.REPLACED).count() == 3
    assert stats.units_with_nobody_present(conference)  # the coverage report has something to show
    assert "steering" in output and "125 of 147 present" in output
    # A second run with --if-empty keeps what is there.
    assert "keeping it" in seed()
    assert Conference.objects.count() == 1


def test_same_seed_same_conference(seeded_units):
    """The random choices are seeded: the same units sent the same deputies on every run (and a change to
    the generator shows here)."""
    seed()
    deputies = sorted(Delegate.objects.filter(substitute_for__isnull=False).values_list("user__username", flat=True))
    assert deputies == ["14756-20-mt-pho", "14770-08-mt-pho", "14773-01-mt-pho"]
