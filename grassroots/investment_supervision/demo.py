"""The demo ward's Community Investment Supervision Board (issue 14), built through the actions (and, for the
residents' representatives, through a whole community meeting of decisions), so every write is checked against
the law and audited:

- the project: upgrading the road and drains of residential group 11, community-funded with the ward's budget;
- the board set up by the ward Front 100 days ago: its head from the Front, the Inspection Board's representative
  (`inspector`), three residents' representatives elected at group 11's community meeting, recognized by the Front;
- the investor notified 70 days ago, supervision started 20 days ago; half of the checklist checked;
- two recommendations: one answered by the ward, one (to suspend the pouring of concrete) awaiting the answer.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.decisions import actions as decisions_actions
from grassroots.decisions.demo.cast import Cast, _decide_at_meeting, _file
from grassroots.decisions.models import Meeting
from grassroots.people import demo as people_demo
from grassroots.people.actions import household_count_on
from grassroots.people.management.commands.seed_demo import DEMO_PASSWORD, create_demo_official
from grassroots.territory.models import Unit

from . import actions
from .choices import ItemStatus, PartyRole, Position, ProjectKind, Seat
from .models import Board

WARD = people_demo.DEMO_WARD
GROUP = f"{WARD}-11"  # no other demo tables a matter here
SEED = 2026
TITLE = "Nâng cấp đường và rãnh thoát nước Tổ dân phố 11"
PARTIES = [
    (PartyRole.DECISION_MAKER, "Ủy ban nhân dân phường Hạc Thành"),
    (PartyRole.INVESTOR, "Ban Quản lý dự án đầu tư xây dựng phường Hạc Thành"),
    (PartyRole.CONSULTANT, "Công ty TNHH Tư vấn thiết kế Lam Sơn"),
    (PartyRole.CONTRACTOR, "Công ty Cổ phần Xây dựng Hàm Rồng"),
    (PartyRole.SUPERVISOR, "Công ty TNHH Tư vấn giám sát Sông Mã"),
]
RESIDENTS = ["Lê Văn Cường", "Nguyễn Thị Mai", "Trần Văn Hùng"]
CHECKS = {
    "plans": (ItemStatus.COMPLIANT, "Phù hợp quy hoạch chi tiết đã được phê duyệt."),
    "land": (ItemStatus.COMPLIANT, "Cắm mốc đúng chỉ giới; không lấn đất của hộ dân."),
    "environment": (ItemStatus.CONCERN, "Vật liệu tập kết trên vỉa hè, gây bụi; đã nhắc nhà thầu che chắn."),
    "progress": (ItemStatus.COMPLIANT, "Thi công đúng tiến độ giai đoạn 1."),
    "standards": (
        ItemStatus.VIOLATION,
        "Lớp bê tông đoạn từ nhà số 12 đến số 30 mỏng hơn thiết kế (14 cm so với 18 cm).",
    ),
}
PLAN = (
    "Giám sát việc thi công từ khi khởi công đến khi nghiệm thu, quyết toán: kiểm tra hiện trường hằng tuần, tiếp nhận "
    "phản ánh của Nhân dân qua hòm thư góp ý tại nhà văn hóa Tổ dân phố 11, mời chuyên gia kỹ thuật khi cần."
)


def _ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def already_built() -> bool:
    return Board.objects.filter(project__commune__code=WARD).exists()


@transaction.atomic
def build(*, seed: int = SEED) -> Board:
    users = {u.username: u for u in User.objects.filter(username__in=["front", "chair", "inspector"])}
    front, ward, group = users["front"], Unit.objects.get(code=WARD), Unit.objects.get(code=GROUP)
    users["villagehead"] = _leader(group, Role.VILLAGE_HEAD, "villagehead-11", "Lương Văn Thập")
    users["villagefront"] = _leader(group, Role.VILLAGE_FRONT_HEAD, "villagefront-11", "Hà Thị Thanh")
    board = actions.set_up_board(
        actor=front, commune=ward, title=TITLE, kind=ProjectKind.COMMUNITY_FUNDED, commune_budget=True,
        villages=[group], set_up_on=_ago(100), location="Ngõ 3 và ngõ 5, Tổ dân phố 11",
        total_investment="2,4 tỷ đồng (Nhân dân đóng góp 600 triệu đồng)", decision_number="12/QĐ-MTTQ",
        description="Bê tông hóa 850 m đường ngõ và xây mới 600 m rãnh thoát nước có nắp đậy.",
    )  # fmt: skip
    for role, name in PARTIES:
        actions.record_party(actor=front, board=board, role=role, name=name)
    actions.add_member(actor=front, board=board, full_name="Đặng Thị Hồng", seat=Seat.FRONT, position=Position.HEAD)
    actions.add_member(actor=front, board=board, full_name="Vũ Văn Minh", seat=Seat.INSPECTION,
                       position=Position.DEPUTY, user=users["inspector"])  # fmt: skip
    for name in RESIDENTS:
        actions.add_member(actor=front, board=board, full_name=name, seat=Seat.RESIDENTS, village=group)
    _elect(board, users, group, seed)
    actions.notify_investor(actor=front, board=board, notified_on=_ago(70), starts_on=_ago(20), plan=PLAN)
    member = users["inspector"]
    for item in board.items.all():
        if item.key in CHECKS:
            status, notes = CHECKS[item.key]
            actions.check_item(actor=member, item=item, status=status, notes=notes)
    answered = actions.draft_recommendation(
        actor=member, board=board, kind="fix", drafted_on=_ago(18),
        findings="Vật liệu xây dựng tập kết trên vỉa hè ngõ 3, gây bụi và cản trở đi lại.",
        text="Đề nghị chủ đầu tư yêu cầu nhà thầu che chắn, thu dọn vật liệu và tưới nước giảm bụi hằng ngày.",
    )  # fmt: skip
    actions.send_recommendation(actor=front, recommendation=answered, sent_on=_ago(17))
    actions.answer_recommendation(
        actor=users["chair"], recommendation=answered, answered_on=_ago(8),
        answer="Ủy ban nhân dân phường đã yêu cầu Ban Quản lý dự án và nhà thầu che chắn, thu dọn vật liệu; "
        "Ban Quản lý dự án báo cáo đã thực hiện từ ngày 10.",
    )  # fmt: skip
    waiting = actions.draft_recommendation(
        actor=member, board=board, kind="suspend", drafted_on=_ago(4),
        findings=CHECKS["standards"][1],
        text="Đề nghị tạm dừng đổ bê tông các đoạn tiếp theo cho đến khi kiểm định chất lượng đoạn đã thi công "
        "và nhà thầu khắc phục theo đúng thiết kế.",
    )  # fmt: skip
    actions.send_recommendation(actor=front, recommendation=waiting, sent_on=_ago(3))
    board.refresh_from_db()
    return board


def _leader(group: Unit, role: Role, username: str, name: str) -> User:
    """The group's leader in office (another demo may have made one), or a new demo account."""
    held = RoleAssignment.objects.active_on(timezone.localdate()).filter(unit=group, role=role).first()
    if held is not None:
        return held.user
    found = User.objects.filter(username=username).first()
    return found or create_demo_official(username, role, group, name, password_hash=make_password(DEMO_PASSWORD))


def _elect(board: Board, users: dict[str, User], group: Unit, seed: int) -> None:
    """Group 1's community meeting elects the three residents' representatives; the ward Front recognizes it."""
    cast = Cast(password_hash=make_password(DEMO_PASSWORD), chair=users["chair"], front=users["front"],
                leaders={GROUP: (users["villagehead"], users["villagefront"])}, units={GROUP: group})  # fmt: skip
    matter = actions.table_election(actor=users["villagehead"], board=board, village=group)
    decisions_actions.record_agreement(matter, actor=users["villagehead"], who="head")  # Law Art 16(2)
    decisions_actions.record_agreement(matter, actor=users["villagefront"], who="front")
    rng = random.Random(f"{seed}-investment")  # noqa: S311 (demo data: same seed, same data)
    total = household_count_on(group, timezone.localdate())
    present, agree = total * 4 // 5, total * 7 // 10  # more than half of all households approve (Law Art 21(1))
    counts = (present, (agree, present - agree - 1, 1))
    households = _decide_at_meeting(cast, matter, rng, counts=counts, method=Meeting.Method.HANDS)
    _file(cast, matter, households, f"Hội nghị {group.name} bầu ông Lê Văn Cường, bà Nguyễn Thị Mai, ông Trần Văn "
          "Hùng làm thành viên Ban giám sát đầu tư của cộng đồng. Đề nghị Ủy ban Mặt trận Tổ quốc phường công nhận.")  # fmt: skip
    decisions_actions.recognize(matter, actor=users["front"])
