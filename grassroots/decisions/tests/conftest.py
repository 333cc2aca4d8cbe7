import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.tests.factories import UserFactory, grant
from grassroots.decisions import actions
from grassroots.decisions.models import Form, TabledVia
from grassroots.people.models import Representation
from grassroots.people.tests.factories import make_household


@pytest.fixture
def village(world):  # type: ignore[no-untyped-def]
    """Village A1 with 10 households whose representatives have linked accounts; its head and Front head."""
    a1 = world["a"]["village1"]
    for _ in range(9):
        make_household(a1, members=1)
    voters = []
    for i, rep in enumerate(
        Representation.objects.filter(household__unit=a1, valid_to__isnull=True).select_related("resident")
    ):
        user = UserFactory(username=f"rep{i}", resident=rep.resident)
        voters.append(user)
    head = world["head_a1"]
    front = UserFactory(username="front_a1")
    grant(front, a1, Role.VILLAGE_FRONT_HEAD)
    chair = UserFactory(username="chair_a")
    grant(chair, world["a"]["commune"], Role.COMMUNE_CHAIR)
    commune_front = UserFactory(username="mttq_a")
    grant(commune_front, world["a"]["commune"], Role.COMMUNE_FRONT)
    return {
        **world,
        "a1": a1,
        "voters": voters,
        "head": head,
        "front": front,
        "chair": chair,
        "commune_front": commune_front,
    }


def open_online_matter(*, head, front, unit, optin: int):  # type: ignore[no-untyped-def]
    """An item-6 matter of `unit`, through every step to an online vote open for a week."""
    matter = actions.create_matter(actor=head, unit=unit, item=6, title="Lắp đèn đường ngõ 5",
                                   question="Đồng ý lắp đèn đường?", tabled_via=TabledVia.VILLAGE_HEAD)  # fmt: skip
    actions.record_agreement(matter, actor=head, who="head")
    actions.record_agreement(matter, actor=front, who="front")
    actions.record_optin_poll(matter, actor=head, yes=optin)
    actions.record_notification(matter, actor=head, body="committee")
    actions.record_notification(matter, actor=head, body="front")
    actions.set_team(matter, actor=head, team="online_team", members=ONLINE_TEAM)
    actions.open_matter(matter, actor=head, form=Form.ONLINE, closes_at=timezone.now() + dt.timedelta(days=7))
    return matter


@pytest.fixture
def online_matter(village):  # type: ignore[no-untyped-def]
    """An item-6 matter of village A1, open for online voting for a week."""
    return open_online_matter(head=village["head"], front=village["front"], unit=village["a1"], optin=6)


ONLINE_TEAM = [("Ngô Thị Công Tác", "Ban công tác Mặt trận", True), ("Đỗ Văn Tổ", "đại diện thôn", False),
               ("Lê Văn Hộ", "đại diện hộ gia đình", False)]  # fmt: skip
BALLOT_TEAM = [("Ngô Thị Công Tác", "Ban công tác Mặt trận", True), ("Đỗ Văn Tổ", "đại diện thôn", False),
               ("Phạm Thị Hội", "Hội Liên hiệp Phụ nữ", False)]  # fmt: skip
WITNESSES = [("Lê Văn A", "đại diện hộ", False), ("Trần Thị B", "đại diện hộ", False)]


def end_voting(matter):  # type: ignore[no-untyped-def]
    """Let the announced online-vote window pass, so the matter may be closed."""
    from grassroots.decisions.models import Matter

    Matter.objects.filter(pk=matter.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    matter.refresh_from_db()
    return matter


def ballot_teams(matter, actor):  # type: ignore[no-untyped-def]
    actions.set_team(matter, actor=actor, team="ballot_team", members=BALLOT_TEAM)
    actions.set_team(matter, actor=actor, team="witness", members=WITNESSES)


def close_now(matter, *, actor):  # type: ignore[no-untyped-def]
    """Close a matter in a test: the online window has passed, the ballot count has its team and witnesses."""
    from grassroots.decisions.models import Form, TeamMember

    if matter.form == Form.ONLINE:
        end_voting(matter)
    if (
        matter.form == Form.BALLOT
        and actor is not None
        and not matter.team.filter(team=TeamMember.Team.BALLOT_TEAM).exists()
    ):
        ballot_teams(matter, actor)
    # A test that counts slips with some still out gives the village head's reason (D59 Art 4(4)).
    early = actor is not None and actions.counts_early(matter, timezone.now())
    return actions.close_matter(matter, actor=actor, reason="Kiểm phiếu theo kế hoạch của thôn." if early else "")
