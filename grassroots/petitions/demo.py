"""The demo ward's petitions to its People's Inspection Board (issue 14, item 8), built through the actions,
so every write is checked against the law and audited. The cases are worked by the board that
`seed_inspection_demo` seats (`inspectionhead`, the head, who may reveal a hidden petitioner, and
`inspectionmember`); without that demo, two accounts of the board are created here (`boardhead`, `boardmember`),
so a board has one head either way. Cases in every state, among them one whose answer is overdue
(Law Art 40(1)) and one whose petitioner asked to be hidden (Law Art 9(2))."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.people import demo as people_demo
from grassroots.people.management.commands.seed_demo import create_demo_official
from grassroots.territory.models import Unit

from . import actions
from .choices import State
from .models import Petition

WARD = people_demo.DEMO_WARD
HEAD, MEMBER = "boardhead", "boardmember"
# The accounts seed_inspection_demo seats on the board (read by name: petitions does not import inspection).
SEATED_HEAD, SEATED_MEMBER = "inspectionhead", "inspectionmember"
CASES = [
    # (subject, state to reach, hidden)
    ("Cống thoát nước tổ 3 bị tắc", State.RECEIVED, False),
    ("Thu tiền vệ sinh không có biên lai", State.DECLINED, False),
    ("Đèn chiếu sáng ngõ 5 hỏng lâu ngày", State.ACCEPTED, False),
    ("Xe tải chở vật liệu làm hỏng đường", State.ASSIGNED, False),
    ("Xây dựng lấn chiếm vỉa hè phố Chợ", State.PLANNED, False),
    ("Chi quỹ khuyến học chưa công khai", State.VERIFIED, False),
    ("Cán bộ địa chính gây khó khăn khi cấp giấy", State.RECOMMENDED, True),
    ("Xả nước thải ra kênh Bảy Xã", State.SENT, False),
    ("Hỗ trợ hộ nghèo chưa đúng đối tượng", State.SENT, False),
    ("Tiếng ồn xưởng mộc ban đêm", State.ANSWERED, False),
    ("Sửa chữa nhà văn hóa tổ dân phố 2", State.CLOSED, False),
]
ORDER = [State.ACCEPTED, State.ASSIGNED, State.PLANNED, State.VERIFIED, State.RECOMMENDED, State.SENT,
         State.ANSWERED, State.CLOSED]  # fmt: skip


def _account(username: str, full_name: str, roles: list[Role], ward: Unit) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_demo_official(username, roles[0], ward, full_name)
    for role in roles[1:]:
        RoleAssignment.objects.get_or_create(user=user, unit=ward, role=role,
                                             defaults={"valid_from": people_demo.REGISTERED_ON})  # fmt: skip
    return user


def _along(
    p: Petition, target: str, *, member: User, front: User, chair: User, today: dt.date, overdue: bool
) -> Petition:
    if target == State.RECEIVED:
        return p
    if target == State.DECLINED:
        return actions.triage(actor=member, petition=p, accept=False,
                              note="Nội dung thuộc thẩm quyền giải quyết khiếu nại của Ủy ban nhân dân phường; "
                                   "Ban đã chuyển đơn và hướng dẫn người kiến nghị.")  # fmt: skip

    def days(n: int) -> dt.date:
        return today - dt.timedelta(days=n)

    for step in ORDER[: ORDER.index(State(target)) + 1]:
        if step == State.ACCEPTED:
            p = actions.triage(actor=member, petition=p, accept=True, note="Thuộc phạm vi giám sát của Ban.")
        elif step == State.ASSIGNED:
            p = actions.assign(actor=member, petition=p, members=[member])
        elif step == State.PLANNED:
            p = actions.send_plan(actor=member, petition=p, plan="Kiểm tra hiện trường, làm việc với người liên quan.",
                                  sent_on=days(40), acting_from=days(30))  # fmt: skip
        elif step == State.VERIFIED:
            p = actions.record_findings(actor=member, petition=p, verified_on=days(28),
                                        findings="Nội dung phản ánh đúng; đã lập biên bản làm việc.")  # fmt: skip
        elif step == State.RECOMMENDED:
            p = actions.recommend(actor=member, petition=p,
                                  recommendation="Đề nghị Ủy ban nhân dân phường chỉ đạo khắc phục và trả lời Ban.")  # fmt: skip
        elif step == State.SENT:
            p = actions.certify(
                actor=front, petition=p, certified_on=days(20 if overdue else 4 if target == State.SENT else 14)
            )
        elif step == State.ANSWERED:
            p = actions.answer(actor=chair, petition=p, text="Ủy ban nhân dân phường đã chỉ đạo khắc phục xong.",
                               answered_on=days(12))  # fmt: skip
        else:
            p = actions.send_result(actor=member, petition=p,
                                    result="Ban Thanh tra nhân dân thông báo: kiến nghị của ông/bà đã được giải quyết.")  # fmt: skip
    return p


def build() -> list[Petition]:
    today = timezone.localdate()
    ward = Unit.objects.get(code=WARD)
    head = User.objects.filter(username=SEATED_HEAD).first() or _account(
        HEAD, "Nguyễn Văn Trưởng Ban", [Role.INSPECTION_BOARD, Role.INSPECTION_BOARD_HEAD], ward
    )
    member = User.objects.filter(username=SEATED_MEMBER).first() or _account(
        MEMBER, "Đỗ Thị Thành Viên", [Role.INSPECTION_BOARD], ward
    )
    front, chair = User.objects.get(username="front"), User.objects.get(username="chair")
    resident = User.objects.filter(username="resident").first()
    made = []
    sent_seen = 0
    for i, (subject, target, hidden) in enumerate(CASES):
        if hidden and resident is not None:
            p = actions.file_petition(actor=resident, commune=ward, subject=subject, hide_identity=True,
                                      body="Tôi đề nghị Ban xem xét việc cán bộ yêu cầu nộp thêm giấy tờ không có "
                                           "trong quy định.", concerns="Cán bộ địa chính phường")  # fmt: skip
        else:
            p = actions.enter_petition(actor=member if i % 2 else head, commune=ward, received_on=today - dt.timedelta(days=45),
                                       channel=["box", "letter", "call", "visit"][i % 4], subject=subject,
                                       body=f"{subject}. Đề nghị Ban Thanh tra nhân dân kiểm tra.",
                                       name=f"Người dân tổ {i + 1}", phone="")  # fmt: skip
        overdue = target == State.SENT and sent_seen == 0
        sent_seen += target == State.SENT
        made.append(_along(p, target, member=member, front=front, chair=chair, today=today, overdue=overdue))
    if resident is not None and made[-1].rating is None:
        closed = actions.file_petition(actor=resident, commune=ward, subject="Rác thải tồn đọng ở chợ tạm",
                                       body="Rác để lâu ngày ở chợ tạm, mùi hôi ảnh hưởng người dân.")  # fmt: skip
        closed = _along(closed, State.CLOSED, member=member, front=front, chair=chair, today=today, overdue=False)
        made.append(actions.rate(actor=resident, petition=closed, rating=4, comment="Cảm ơn Ban."))
    return made


def already_built() -> bool:
    return Petition.objects.filter(commune__code=WARD).exists()
