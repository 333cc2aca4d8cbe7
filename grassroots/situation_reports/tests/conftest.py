"""The cast of the situation report tests: province A with its steering member, commune A (the world's) with
two villages, their writers, a second commune A2 in the same province with its official (refused from A's
reports), and province B's steering member (refused from A's round)."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.situation_reports import actions
from grassroots.territory.models import UnitKind
from grassroots.territory.tests.factories import UnitFactory

FIELDS = {"main_concerns": "Đường liên thôn xuống cấp.", "hot_spot_count": 1, "hot_spots": "Tranh chấp đất bãi bồi.",
          "complaints_trend": "up"}  # fmt: skip


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def cast(world):  # type: ignore[no-untyped-def]
    a = world["a"]
    steering = UserFactory(username="steering_a")
    grant(steering, a["province"], Role.STEERING_MEMBER)
    steering_b = UserFactory(username="steering_b")
    grant(steering_b, world["b"]["province"], Role.STEERING_MEMBER)
    chair_a = UserFactory(username="chair_a")
    grant(chair_a, a["commune"], Role.COMMUNE_CHAIR)
    vfront_a2 = UserFactory(username="vfront_a2")
    grant(vfront_a2, a["village2"], Role.VILLAGE_FRONT_HEAD)
    a2 = UnitFactory(code="A2C", name="Xã A Hai", kind=UnitKind.COMMUNE, parent=a["province"])
    a2_village = UnitFactory(code="A2C-1", name="Thôn A Hai", kind=UnitKind.VILLAGE, parent=a2)
    official_a2 = UserFactory(username="official_a2")
    grant(official_a2, a2, Role.COMMUNE_OFFICIAL)
    return {**world, "steering": steering, "steering_b": steering_b, "chair_a": chair_a, "vfront_a2": vfront_a2,
            "a2": a2, "a2_village": a2_village, "official_a2": official_a2}  # fmt: skip


def open_round(cast, *, village_in: int = 5, commune_in: int = 10):  # type: ignore[no-untyped-def]
    """Last month's round of province A; the villages' deadline in `village_in` days, the communes' in `commune_in`."""
    end = today().replace(day=1) - dt.timedelta(days=1)
    return actions.open_round(
        actor=cast["steering"], unit=cast["a"]["province"], period_kind="month", starts_on=end.replace(day=1),
        ends_on=end, village_deadline=today() + dt.timedelta(days=village_in),
        commune_deadline=today() + dt.timedelta(days=commune_in),
    )  # fmt: skip


def submitted(cast, round_, unit, actor, **fields):  # type: ignore[no-untyped-def]
    report = actions.save_report(actor=actor, round_=round_, unit=unit, **{**FIELDS, **fields})
    return actions.submit_report(actor=actor, report=report)
