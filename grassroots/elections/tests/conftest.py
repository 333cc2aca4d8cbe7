import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.elections import actions
from grassroots.people.models import Representation
from grassroots.people.tests.factories import make_household

# The day the commune chair decides, in action tests that pass their own `today`.
D = dt.date(2026, 3, 2)
E = D + dt.timedelta(days=30)  # the election day: every step can be in time


@pytest.fixture
def place(world):  # type: ignore[no-untyped-def]
    """Village A1 with 10 households whose representatives have linked accounts; its sitting head, the
    Front work committee head, the commune chair; and commune B's chair (an outsider)."""
    a1 = world["a"]["village1"]
    for _ in range(9):
        make_household(a1, members=1)
    voters = [
        UserFactory(username=f"rep{i}", resident=rep.resident)
        for i, rep in enumerate(
            Representation.objects.filter(household__unit=a1, valid_to__isnull=True).select_related("resident")
        )
    ]
    front = UserFactory(username="front_a1", first_name="Mặt", last_name="Trận")
    grant(front, a1, Role.VILLAGE_FRONT_HEAD)
    chair = UserFactory(username="chair_a")
    grant(chair, world["a"]["commune"], Role.COMMUNE_CHAIR)
    chair_b = UserFactory(username="chair_b")
    grant(chair_b, world["b"]["commune"], Role.COMMUNE_CHAIR)
    team_leader = UserFactory(username="team_leader")
    head = world["head_a1"]
    term = actions.record_sitting_head(
        a1, actor=chair, name="Trưởng Thôn Cũ", user=head, started_on=dt.date(2021, 5, 1)
    )
    return {**world, "a1": a1, "voters": voters, "front": front, "chair": chair, "chair_b": chair_b,
            "head": head, "team_leader": team_leader, "term": term}  # fmt: skip


def prepared(place, *, day=E, candidates=(("Nguyễn Văn An", None), ("Trần Thị Bình", None)), today=D):  # type: ignore[no-untyped-def]
    """An election of A1 with every D59 Art 6 step done in time, on `day`."""
    election = actions.decide_election(place["a1"], actor=place["chair"], election_day=day, place="Nhà văn hóa",
                                       plan="Kế hoạch bầu cử.", today=today)  # fmt: skip
    actions.file_candidates(election, actor=place["front"], front=list(candidates), today=today)
    actions.form_team(election, actor=place["chair"], leader=("Lê Văn Tổ", place["team_leader"]),
                      members=[("Phạm Thị Hội", None, "Hội Phụ nữ")], today=today)  # fmt: skip
    actions.announce(election, actor=place["chair"], how="Niêm yết tại nhà văn hóa", today=today)
    return election


def local_today() -> dt.date:
    return timezone.localdate()
