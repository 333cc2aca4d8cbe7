"""The board's papers, from the database alone, as DOCX and PDF through core.official (national heading, dates in
words), in Vietnamese (official documents, not interface strings):

- the supervision plan and notice to the investor (Law Arts 44–45; D59 Art 18), with the board's composition;
- each recommendation certified by the Front and sent to the commune People's Committee (Law Art 43(2));
- the board's report when it closes (Law Art 41(1); D59 Art 18).
"""

from __future__ import annotations

from grassroots.core.official import paper as official_paper
from grassroots.core.official.paper import Paper
from grassroots.core.official.text import BLANK, nfc, place_date, vn_date

from . import overview, rules
from .choices import MemberStatus, PartyRole, Position, RecommendationKind
from .models import Board, Recommendation

LAW_BASIS = ("Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (các Điều 41 đến 45) và Nghị định số "
             "59/2023/NĐ-CP của Chính phủ (các Điều 16 đến 19);")  # fmt: skip
SEATS = {"front": "đại diện Ủy ban Mặt trận Tổ quốc", "inspection": "đại diện Ban Thanh tra nhân dân",
         "residents": "đại diện cộng đồng dân cư"}  # fmt: skip
POSITIONS = {Position.HEAD: "Trưởng ban", Position.DEPUTY: "Phó Trưởng ban", Position.MEMBER: "Thành viên"}
ROLES = {PartyRole.DECISION_MAKER: "Người quyết định đầu tư", PartyRole.INVESTOR: "Chủ đầu tư",
         PartyRole.PROJECT_MANAGER: "Ban quản lý dự án", PartyRole.CONSULTANT: "Đơn vị tư vấn",
         PartyRole.CONTRACTOR: "Nhà thầu", PartyRole.SUPERVISOR: "Đơn vị giám sát thi công"}  # fmt: skip
KINDS = {RecommendationKind.FIX: "khắc phục thiếu sót", RecommendationKind.HANDLE: "xử lý vi phạm",
         RecommendationKind.SUSPEND: "tạm đình chỉ thực hiện đầu tư, vận hành dự án", RecommendationKind.OTHER: "khác"}  # fmt: skip


def _new(board: Board, title: str, subtitle: str, day: object, *, front: bool = True) -> Paper:
    commune = nfc(board.project.commune.name)
    top = f"ỦY BAN MTTQ VIỆT NAM {commune.upper()}" if front else commune.upper()
    second = "BAN GIÁM SÁT ĐẦU TƯ CỦA CỘNG ĐỒNG" if not front else ""
    return Paper(title, subtitle, (top, second), place_date(commune, day))  # type: ignore[arg-type]


def _members(board: Board) -> list[str]:
    rows = board.members.filter(status__in=[MemberStatus.ON_BOARD, MemberStatus.LEFT]).select_related("village")
    return [f"{m.full_name}: {POSITIONS[Position(m.position)]}, {SEATS[m.seat]}"
            + (f" {nfc(m.village.name)}" if m.village else "") for m in rows if m.joined_on]  # fmt: skip


def _head(board: Board) -> str:
    head = board.members.filter(position=Position.HEAD).exclude(status=MemberStatus.NOT_ELECTED).first()
    return nfc(head.full_name) if head else BLANK


def notice_doc(board: Board) -> Paper:
    project = board.project
    doc = _new(board, "THÔNG BÁO", f"Kế hoạch giám sát và thành phần Ban giám sát đầu tư của cộng đồng đối với "
               f"{nfc(project.title)}", board.investor_notified_on)  # fmt: skip
    investors = [nfc(p.name) for p in project.parties.filter(role=PartyRole.INVESTOR)]
    doc.paragraph(LAW_BASIS)
    doc.paragraph(f"Kính gửi: {'; '.join(investors) or BLANK} (chủ đầu tư); Ban quản lý dự án.")
    doc.paragraph(f"Ủy ban Mặt trận Tổ quốc Việt Nam {nfc(project.commune.name)} thông báo kế hoạch giám sát và thành phần "
          f"Ban giám sát đầu tư của cộng đồng, ít nhất {rules.INVESTOR_NOTICE_DAYS} ngày trước khi bắt đầu giám sát:")  # fmt: skip
    doc.heading("1. Dự án được giám sát")
    doc.paragraph(f"{nfc(project.title)}; địa điểm: {nfc(project.location) or BLANK}; tổng mức đầu tư: "
          f"{nfc(project.total_investment) or BLANK}.")  # fmt: skip
    doc.items([f"{ROLES[PartyRole(p.role)]}: {nfc(p.name)}" for p in project.parties.all()])
    doc.heading("2. Thành phần Ban giám sát đầu tư của cộng đồng")
    doc.items(_members(board))
    doc.heading("3. Kế hoạch giám sát")
    doc.paragraph(
        f"Thời gian bắt đầu giám sát: {vn_date(board.supervision_starts_on) if board.supervision_starts_on else BLANK}."
    )
    doc.paragraph(board.plan)
    doc.paragraph("Đề nghị chủ đầu tư cung cấp đầy đủ thông tin, tài liệu và tạo điều kiện để Ban thực hiện giám sát.")
    doc.signatures = [("TM. ỦY BAN MẶT TRẬN TỔ QUỐC", "")]
    return doc


def recommendation_doc(board: Board, rec: Recommendation) -> Paper:
    doc = _new(board, "KIẾN NGHỊ", f"Của Ban giám sát đầu tư của cộng đồng về {nfc(board.project.title)}",
               rec.sent_on, front=False)  # fmt: skip
    doc.paragraph(f"Kính gửi: Ủy ban nhân dân {nfc(board.project.commune.name)}.")
    doc.heading("1. Kết quả giám sát")
    doc.paragraph(rec.findings)
    doc.heading(f"2. Kiến nghị ({KINDS[RecommendationKind(rec.kind)]})")
    doc.paragraph(rec.text)
    if rec.sent_on:
        doc.paragraph(f"Đề nghị Ủy ban nhân dân xã giải quyết và thông báo kết quả trong thời hạn {rules.ANSWER_DAYS} ngày, "
              f"chậm nhất {vn_date(rules.answer_due_on(rec.sent_on))}.")  # fmt: skip
    doc.signatures = [("XÁC NHẬN CỦA ỦY BAN MTTQ", ""), ("TRƯỞNG BAN", _head(board))]
    return doc


def report_doc(board: Board) -> Paper:
    project = board.project
    doc = _new(board, "BÁO CÁO", f"Kết quả giám sát đầu tư của cộng đồng đối với {nfc(project.title)}",
               board.closed_on, front=False)  # fmt: skip
    doc.paragraph(f"Kính gửi: Ủy ban Mặt trận Tổ quốc Việt Nam {nfc(project.commune.name)}.")
    doc.heading("1. Thành phần Ban")
    doc.items(_members(board))
    doc.heading("2. Các nội dung đã giám sát")
    items = overview.items_of(board)
    doc.items([f"{overview.item_text(i).split(' (')[0]}: {i.get_status_display()}. {nfc(i.notes)}" for i in items])
    doc.heading("3. Kiến nghị và kết quả giải quyết")
    doc.items([f"{r.recommendation.text} Trả lời: {nfc(r.recommendation.answer) or 'chưa có'}"
               for r in overview.recommendation_rows(board, sent_only=True)])  # fmt: skip
    doc.heading("4. Đánh giá chung")
    doc.paragraph(board.report or BLANK)
    doc.signatures = [("TRƯỞNG BAN", _head(board))]
    return doc


def available(board: Board) -> list[str]:
    """The notice once recorded, each recommendation once sent, the report once the board closed."""
    kinds = ["notice"] if board.investor_notified_on else []
    kinds += [
        f"recommendation-{pk}"
        for pk in board.recommendations.filter(sent_on__isnull=False).values_list("pk", flat=True)
    ]
    if board.is_closed:
        kinds.append("report")
    return kinds


def build(board: Board, kind: str) -> Paper:
    if kind == "notice":
        return notice_doc(board)
    if kind == "report":
        return report_doc(board)
    return recommendation_doc(board, board.recommendations.get(pk=int(kind.removeprefix("recommendation-"))))


def filename(board: Board, kind: str, ext: str) -> str:
    return f"giam-sat-dau-tu-{board.project.pk}-{kind}.{ext}"


def render(board: Board, kind: str, ext: str) -> bytes:
    doc = build(board, kind)
    return official_paper.render(doc, ext)
