"""Documents of disclosure, in Vietnamese, as DOCX and PDF through the official toolkit (core.official):
the loudspeaker script for the broadcaster (Law Art 13), the quarterly index (Art 13(2)), the disclosure
plan and the report to the People's Council (Art 14).

Each document is a `core.official.paper.Paper` (its words), drawn to DOCX and PDF: the words are built
once and both files say the same thing. The words are Vietnamese on purpose: these are official
papers, not interface strings (core.official).
"""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from grassroots.core.official import nfc, place_date, vn_date
from grassroots.core.official.paper import Paper
from grassroots.territory.models import Unit

from .choices import Category, Channel
from .compliance import ItemCompliance
from .models import Item, Posting, Request
from .rules import Problem

LAW = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
PLACE_PREFIXES = ("Đặc khu ", "Thị trấn ", "Phường ", "Xã ")
CHANNEL_VI = {
    Channel.COMMUNE_SEAT: "Niêm yết tại trụ sở HĐND, UBND",
    Channel.VILLAGE_POINTS: "Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng",
    Channel.WEB_PORTAL: "Trang thông tin điện tử",
    Channel.LOUDSPEAKER: "Hệ thống loa truyền thanh",
    Channel.VILLAGE_HEAD: "Thông qua Trưởng thôn, Tổ trưởng tổ dân phố",
    Channel.HOUSEHOLD_NOTICE: "Thông báo, gửi văn bản đến hộ gia đình",
    Channel.SOCIAL_NETWORK: "Mạng xã hội",
}
PROBLEM_VI = {
    Problem.MISSING: "chưa thực hiện",
    Problem.LATE: "công khai chậm",
    Problem.TOO_SHORT: "không đủ thời gian",
    Problem.ENDS_TOO_EARLY: "dự kiến gỡ sớm",
    Problem.TAKEN_DOWN: "đã gỡ (phải niêm yết thường xuyên)",
}


def _commune(unit: Unit) -> Unit:
    return unit if unit.is_commune_level or unit.parent is None else unit.parent


def unit_lines(unit: Unit) -> tuple[str, str]:
    return "ỦY BAN NHÂN DÂN", nfc(_commune(unit).name).upper()


def place_line(unit: Unit, day: dt.date) -> str:
    name = nfc(_commune(unit).name)
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix) :]
            break
    return place_date(name, day)


def category_vi(category: int) -> str:
    """The category's name as the Vietnamese interface gives it, with its clause of Art 11."""
    with translation.override("vi"):
        name = str(Category(category).label)
    return f"{name} (khoản {category} Điều 11 {LAW})"


# --- The loudspeaker script (Law Art 13) ------------------------------------------------------------
def loudspeaker_script(item: Item, day: dt.date) -> Paper:
    """What the broadcaster reads: who discloses what, under which document, and where to see it."""
    where = nfc(item.unit.name)
    intro = (
        f"Thực hiện {LAW}, Ủy ban nhân dân {nfc(_commune(item.unit).name)} xin thông báo đến toàn thể "
        f"Nhân dân nội dung công khai sau đây, liên quan đến {where}:"
    )
    lines = [intro, nfc(item.title) + ".", f"Căn cứ: {nfc(item.source_document)}, {vn_date(item.decided_on)}."]
    lines += [nfc(p) for p in item.body.splitlines() if p.strip()]
    closing = [
        "Toàn văn nội dung được niêm yết tại trụ sở Ủy ban nhân dân, tại nhà văn hóa, điểm sinh hoạt cộng đồng "
        "và đăng trên trang thông tin điện tử của địa phương.",
        "Mọi ý kiến, câu hỏi xin gửi về Ủy ban nhân dân hoặc qua trang công khai thông tin của địa phương.",
        "Thông báo này được phát ít nhất 03 ngày liên tục (Điều 13 " + LAW + ").",
    ]
    return Paper(
        title="NỘI DUNG PHÁT THANH",
        subject=f"Về việc công khai: {nfc(item.title)}",
        unit_lines=unit_lines(item.unit),
        place_date=place_line(item.unit, day),
        sections=[("Nội dung thông báo", lines), ("Kết thúc", closing)],
        signatures=[("NGƯỜI PHÁT THANH", ""), ("TM. ỦY BAN NHÂN DÂN", "")],
    )


# --- The quarterly index (Law Art 13(2)) -------------------------------------------------------------
def _timing(postings: list[Posting]) -> str:
    parts = []
    for p in postings:
        end = vn_date(p.ended_on) if p.ended_on else "nay"
        place = f" ({nfc(p.place)})" if p.place else ""
        parts.append(f"{CHANNEL_VI.get(Channel(p.channel), p.channel)}{place}: {vn_date(p.started_on)} – {end}")
    return "; ".join(parts)


def index_rows(items: list[Item]) -> list[tuple[str, ...]]:
    return [
        (
            str(i),
            nfc(item.title),
            str(item.category),
            nfc(item.source_document),
            vn_date(item.published_on or item.decided_on),
            _timing(list(item.postings.all())),
        )
        for i, item in enumerate(items, 1)
    ]


INDEX_HEADER = ("STT", "Nội dung công khai", "Mục (Điều 11)", "Văn bản", "Ngày công khai", "Hình thức và thời gian")


def index_text(items: list[Item]) -> str:
    """The index as plain text, the body of the disclosure that publishes it (Art 13(2))."""
    lines = []
    for row in index_rows(items):
        lines.append(f"{row[0]}. {row[1]} — mục {row[2]}; {row[3]}; công khai {row[4]}. {row[5]}")
    return "\n".join(lines) or "Trong quý không có nội dung công khai."


def quarterly_index(commune: Unit, year: int, quarter: int, items: list[Item], day: dt.date) -> Paper:
    return Paper(
        title="DANH MỤC THÔNG TIN ĐÃ CÔNG KHAI",
        subject=f"Quý {quarter} năm {year}",
        unit_lines=unit_lines(commune),
        place_date=place_line(commune, day),
        sections=[("Căn cứ", [f"Khoản 2 Điều 13 {LAW}."])],
        table=(INDEX_HEADER, index_rows(items)),
        signatures=[("TM. ỦY BAN NHÂN DÂN", "")],
    )


# --- The plan and the report (Law Art 14) -------------------------------------------------------------
def disclosure_plan(commune: Unit, year: int, day: dt.date, has_loudspeaker: bool) -> Paper:
    """Law Art 14: content, form, timing, duration and who is responsible, for each category of Art 11."""
    from .rules import required_channels

    rows: list[tuple[str, ...]] = []
    for category in Category:
        needed = required_channels(category, has_loudspeaker=has_loudspeaker)
        forms, periods = [], []
        for r in needed:
            forms.append(CHANNEL_VI[r.channel])
            if r.permanent:
                periods.append("thường xuyên")
            elif r.min_days:
                periods.append(f"ít nhất {r.min_days} ngày liên tục")
        rows.append(
            (
                str(int(category)),
                category_vi(int(category)),
                "; ".join(forms),
                "; ".join(dict.fromkeys(periods)) or "—",
                "Văn phòng HĐND và UBND",
            )
        )
    return Paper(
        title="KẾ HOẠCH CÔNG KHAI THÔNG TIN",
        subject=f"Năm {year}",
        unit_lines=unit_lines(commune),
        place_date=place_line(commune, day),
        sections=[
            ("Căn cứ", [f"Các điều 11, 12, 13 và 14 {LAW}."]),
            (
                "Thời điểm",
                [
                    "Chậm nhất 05 ngày làm việc kể từ ngày ban hành văn bản, quyết định, trừ trường hợp "
                    "pháp luật chuyên ngành có quy định khác (khoản 3 Điều 12)."
                ],
            ),
        ],
        table=(("Mục", "Nội dung", "Hình thức", "Thời gian", "Trách nhiệm"), rows),
        signatures=[("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "")],
    )


def council_report(
    commune: Unit, first: dt.date, last: dt.date, verdicts: list[ItemCompliance], requests: list[Request], day: dt.date
) -> Paper:
    """Law Art 14: the report to the commune People's Council at its nearest regular session (copied to
    the commune Fatherland Front committee for supervision)."""
    late = sum(1 for v in verdicts if v.overdue)
    short = sum(1 for v in verdicts if v.too_short)
    answered = [r for r in requests if r.answered_at is not None]
    summary = [
        f"Từ {vn_date(first)} đến {vn_date(last)}, Ủy ban nhân dân đã công khai {len(verdicts)} nội dung.",
        f"Số nội dung công khai chậm hoặc chưa đủ hình thức bắt buộc: {late}.",
        f"Số nội dung không đủ thời gian niêm yết, phát thanh theo quy định: {short}.",
        f"Số câu hỏi, yêu cầu cung cấp thông tin của Nhân dân: {len(requests)}; đã trả lời: {len(answered)}.",
    ]
    rows: list[tuple[str, ...]] = []
    for v in verdicts:
        flags = "; ".join(
            f"{CHANNEL_VI[c.requirement.channel]}: {', '.join(PROBLEM_VI[p] for p in c.problems)}"
            for c in v.channels
            if c.problems
        )
        rows.append(
            (
                nfc(v.item.title),
                str(v.item.category),
                vn_date(v.item.published_on or v.item.decided_on),
                flags or "Đúng quy định",
            )
        )
    return Paper(
        title="BÁO CÁO KẾT QUẢ CÔNG KHAI THÔNG TIN",
        subject=f"Kính gửi: Hội đồng nhân dân {nfc(commune.name)}",
        unit_lines=unit_lines(commune),
        place_date=place_line(commune, day),
        sections=[
            ("Căn cứ", [f"Điều 14 {LAW}."]),
            ("Kết quả", summary),
            (
                "Nơi nhận",
                [
                    "Hội đồng nhân dân (tại kỳ họp thường lệ gần nhất);",
                    "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam (để giám sát);",
                    "Lưu: VT.",
                ],
            ),
        ],
        table=(("Nội dung", "Mục", "Ngày công khai", "Đánh giá"), rows),
        signatures=[("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "")],
    )
