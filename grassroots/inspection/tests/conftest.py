"""The cast of the board's tests: commune A (two villages, so a board of 5), its commune Front, village head
of A1, residents of both villages (one with a linked account), and commune B's Front (refused everywhere)."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.decisions.models import Form, Matter, Status, TabledVia
from grassroots.inspection import actions
from grassroots.people.tests.factories import make_household


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


@pytest.fixture
def cast(world):  # type: ignore[no-untyped-def]
    a, b = world["a"], world["b"]
    cfront_a = UserFactory(username="cfront_a")
    grant(cfront_a, a["commune"], Role.COMMUNE_FRONT)
    cfront_b = UserFactory(username="cfront_b")
    grant(cfront_b, b["commune"], Role.COMMUNE_FRONT)
    more = [make_household(a["village1"], members=2), make_household(a["village2"], members=3)]
    residents = [m.resident for h in [world["households"]["a1"], world["households"]["a2"], *more]
                 for m in h.memberships.all()]  # fmt: skip
    member_user = UserFactory(username="member_a", resident=residents[1])
    board = actions.open_board(actor=cfront_a, commune=a["commune"], term_starts_on=days_ago(30))
    return {**world, "cfront_a": cfront_a, "cfront_b": cfront_b, "residents": residents,
            "member_user": member_user, "board": board}  # fmt: skip


def filed_matter(village, head):  # type: ignore[no-untyped-def]
    """An item-5 matter of the village decided at a meeting, adopted and filed: what decisions' meeting, count
    and filing leave (their own tests cover those steps)."""
    now = timezone.now()
    return Matter.objects.create(
        unit=village, item=5, title="Bầu thành viên Ban Thanh tra nhân dân", question="Đồng ý?",
        tabled_via=TabledVia.VILLAGE_HEAD, created_by=head, status=Status.FILED, form=Form.MEETING,
        adopted=True, closed_at=now, filed_at=now, recognition_due_on=timezone.localdate(),
    )  # fmt: skip


def seat(cast, resident, village=None):  # type: ignore[no-untyped-def]
    """Nominate, link the filed matter, recognize: a serving member."""
    village = village or cast["a"]["village1"]
    candidacy = actions.nominate(actor=cast["cfront_a"], board=cast["board"], village=village, resident=resident,
                                 declaration_recorded_on=days_ago(1))  # fmt: skip
    actions.link_matter(actor=cast["cfront_a"], candidacy=candidacy, matter=filed_matter(village, cast["head_a1"]))
    actions.recognize(actor=cast["cfront_a"], candidacy=candidacy)
    return candidacy.member
