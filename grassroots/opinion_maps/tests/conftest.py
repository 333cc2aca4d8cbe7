"""The cast of the opinion-map tests: commune A (official, chair, village head), residents of village A1
with linked accounts (named, so tests can search pages for their names), a resident of commune B, and
commune B's official (refused everywhere); a map of commune A open today."""

import datetime as dt

import numpy as np
import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.opinion_maps import actions
from grassroots.opinion_maps.models import OpinionMap, Participant, Statement, Vote
from grassroots.people.models import Resident
from grassroots.people.tests.factories import make_household

NAMES = ["Phạm Thị Hoa", "Lê Văn Bình", "Trần Văn Cường", "Vũ Thị Dung"]


def resident_user(unit, name: str):  # type: ignore[no-untyped-def]
    household = make_household(unit, members=1)
    resident = household.memberships.get().resident
    Resident.objects.filter(pk=resident.pk).update(full_name=name)
    user = UserFactory()
    user.resident = resident
    user.save(update_fields=["resident"])
    return user


@pytest.fixture
def cast(world):  # type: ignore[no-untyped-def]
    a, b = world["a"], world["b"]
    chair_a = UserFactory(username="chair_a")
    grant(chair_a, a["commune"], Role.COMMUNE_CHAIR)
    voters = [resident_user(a["village1"], name) for name in NAMES]
    outsider = resident_user(b["village1"], "Đặng Văn Ngoài")
    return {**world, "chair_a": chair_a, "voters": voters, "outsider": outsider}


def today() -> dt.date:
    return timezone.localdate()


def draft(cast, *, unit=None, days: int = 30) -> OpinionMap:  # type: ignore[no-untyped-def]
    return actions.create_map(
        actor=cast["official_a"], unit=unit or cast["a"]["commune"], title="Quy hoạch sử dụng đất",
        question="Phường nên ưu tiên gì trong quy hoạch sử dụng đất?", opens_on=today(),
        closes_on=today() + dt.timedelta(days=days),
    )  # fmt: skip


def opened(cast, seeds: int = 3) -> OpinionMap:  # type: ignore[no-untyped-def]
    m = draft(cast)
    for i in range(seeds):
        actions.add_seed_statement(actor=cast["official_a"], opinion_map=m, text=f"Ý kiến khởi đầu số {i + 1}")
    return actions.open_map(actor=cast["official_a"], opinion_map=m)


def planted_votes(n: int = 60, statements: int = 12, groups: int = 3, seed: int = 7) -> np.ndarray:
    """(participant, statement, value) rows: `groups` planted groups with opposite views on their own
    statements; the first 3 statements are agreed by everyone (consensus)."""
    rng = np.random.RandomState(seed)
    views = -np.ones((groups, statements), dtype=np.int64)
    for j in range(statements):
        views[j % groups, j] = 1
    views[:, :3] = 1
    rows = []
    for p in range(n):
        g = p % groups
        for j in range(statements):
            if rng.rand() < 0.85:
                rows.append((p + 1, j + 1, views[g, j] if rng.rand() < 0.9 else 0))
    return np.array(rows, dtype=np.int64)


def store_votes(opinion_map: OpinionMap, rows: np.ndarray, residents: list[Resident], order=None) -> dict[int, int]:  # type: ignore[no-untyped-def]
    """Write the rows as Participant/Statement/Vote rows (a bulk path for tests), in the given order of
    rows; returns {row participant number: Participant pk}."""
    statements = {}
    for j in sorted({int(s) for s in rows[:, 1]}):
        statements[j] = Statement.objects.create(map=opinion_map, text=f"Phát biểu {j:03d}")
    people = sorted({int(p) for p in rows[:, 0]})
    creation = list(people) if order is None else [people[i] for i in order]
    participants = {p: Participant.objects.create(map=opinion_map, resident=residents[p - 1]).pk for p in creation}
    index = np.arange(len(rows)) if order is None else np.random.RandomState(3).permutation(len(rows))
    Vote.objects.bulk_create(
        Vote(map=opinion_map, statement=statements[int(rows[i, 1])], participant_id=participants[int(rows[i, 0])],
             value=int(rows[i, 2]))
        for i in index
    )  # fmt: skip
    return participants


def bare_residents(n: int) -> list[Resident]:
    return Resident.objects.bulk_create(
        Resident(full_name=f"Cư dân Thử {i:05d}", birth_date=dt.date(1980, 1, 1), sex="F") for i in range(n)
    )
