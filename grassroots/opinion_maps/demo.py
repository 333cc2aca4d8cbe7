"""The demo ward's opinion map (issue 13, item 5): the draft land-use plan of the ward (Law Art 25(2)),
with statements in Vietnamese written by the ward and by residents, a few hundred residents of the
register voting along three latent views, the report computed, the map closed and its report
published. The map, its statements and the closing go through the actions (checked and audited); the
residents' votes go in by one bulk insert with one audit event, as many votes through the web would
take minutes to seed.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.core import audit
from grassroots.people import demo as people_demo
from grassroots.people.models import Membership
from grassroots.territory.models import Unit

from . import actions, reports
from .models import OpinionMap, Participant, Statement, Vote

WARD = people_demo.DEMO_WARD
SEED = 2026
TITLE = "Lấy ý kiến về dự thảo quy hoạch sử dụng đất của phường"
VOTERS = 300
# (statement, view of each latent group: green spaces, roads and markets, housing): 1 agree, -1 disagree.
STATEMENTS = [
    ("Giữ lại khu đất trống cạnh trường tiểu học làm sân chơi cho trẻ em.", (1, 1, 1)),
    ("Công khai bản đồ quy hoạch tại nhà văn hóa từng tổ dân phố.", (1, 1, 1)),
    ("Bồi thường giải phóng mặt bằng phải theo giá thị trường.", (1, 1, 1)),
    ("Dành thêm đất cho công viên và cây xanh dọc bờ sông.", (1, -1, -1)),
    ("Không chuyển đất ao hồ sang đất ở.", (1, -1, -1)),
    ("Hạn chế xây nhà cao tầng trong khu dân cư cũ.", (1, -1, 1)),
    ("Mở rộng đường Lê Lợi lên 4 làn xe.", (-1, 1, -1)),
    ("Quy hoạch thêm bãi đỗ xe gần chợ phường.", (-1, 1, 1)),
    ("Chuyển khu đất nông nghiệp phía bắc thành khu thương mại.", (-1, 1, -1)),
    ("Dành quỹ đất xây nhà ở xã hội cho công nhân.", (-1, -1, 1)),
    ("Cho phép hộ gia đình chuyển mục đích đất vườn sang đất ở.", (-1, -1, 1)),
    ("Ưu tiên tái định cư tại chỗ cho các hộ bị thu hồi đất.", (-1, 1, 1)),
]
RESIDENT_STATEMENTS = [
    "Cần lắp thêm đèn chiếu sáng trên các tuyến đường mới mở.",
    "Nên giữ lại chợ cũ, không dời ra xa khu dân cư.",
]


def already_built() -> bool:
    return OpinionMap.objects.filter(unit__code=WARD, title=TITLE).exists()


def build(seed: int = SEED) -> OpinionMap:
    rng = random.Random(seed)  # noqa: S311  (demo data, reproducible)
    ward = Unit.objects.get(code=WARD)
    official = User.objects.get(username="official")
    today = timezone.localdate()
    opinion_map = actions.create_map(
        actor=official, unit=ward, title=TITLE, opens_on=today - dt.timedelta(days=30), closes_on=today,
        question="Phường đang lấy ý kiến Nhân dân về dự thảo quy hoạch sử dụng đất. Theo bà con, phường nên ưu "
        "tiên điều gì? Hãy cho biết đồng ý, không đồng ý hay bỏ qua với từng ý kiến, và viết thêm ý kiến của mình.",
    )  # fmt: skip
    for text, _views in STATEMENTS:
        actions.add_seed_statement(actor=official, opinion_map=opinion_map, text=text)
    # Opened 30 days ago: the map's dates are set as if the ward opened it then.
    OpinionMap.objects.filter(pk=opinion_map.pk).update(status="open", opened_at=timezone.now() - dt.timedelta(days=30))
    opinion_map.refresh_from_db()
    residents = list(
        Membership.objects.filter(valid_to__isnull=True, household__unit__path__startswith=ward.path)
        .order_by("resident_id")
        .values_list("resident_id", flat=True)[:VOTERS]
    )
    _bulk_votes(opinion_map, residents, rng)
    actions.close_map(actor=official, opinion_map=opinion_map)
    reports.compute(opinion_map)
    return actions.publish(actor=official, opinion_map=opinion_map)


def _bulk_votes(opinion_map: OpinionMap, resident_ids: list[int], rng: random.Random) -> None:
    """The residents' votes: each leans to one of three views, skips some statements, passes on a few."""
    statements = list(Statement.objects.filter(map=opinion_map).order_by("pk"))
    views = [v for _, v in STATEMENTS]
    with transaction.atomic():
        participants = Participant.objects.bulk_create(
            Participant(map=opinion_map, resident_id=r) for r in resident_ids
        )
        authored = [
            Statement(map=opinion_map, author=participants[i], text=text, signed=False)
            for i, text in enumerate(RESIDENT_STATEMENTS)
        ]
        Statement.objects.bulk_create(authored)
        votes = []
        for i, participant in enumerate(participants):
            group = i % 3
            for j, statement in enumerate(statements):
                if rng.random() < 0.2:
                    continue
                value = views[j][group] if rng.random() < 0.85 else rng.choice([0, -views[j][group]])
                votes.append(Vote(map=opinion_map, statement=statement, participant=participant, value=value))
            for k, statement in enumerate(authored):
                if i != k and rng.random() < 0.6:
                    votes.append(Vote(map=opinion_map, statement=statement, participant=participant, value=1))
        Vote.objects.bulk_create(votes, batch_size=2000)
        audit.record(
            "opinion_maps.demo_votes_loaded", target=opinion_map, unit_id=opinion_map.unit_id,
            data={"participants": len(participants), "votes": len(votes)},
        )  # fmt: skip
