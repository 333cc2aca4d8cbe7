"""The conference's four papers, from the database alone, as DOCX and PDF through core.official (national
heading, dates in words), in Vietnamese (official documents, not interface strings):

- the plan (kế hoạch), D59 Art 10: time, venue, content, organisation, and the three agreements;
- the notice to households (thông báo, giấy mời), D59 Art 10;
- the minutes (biên bản) along the agenda of D59 Art 10 with its required report slots, and the
  convention review of D61 Art 15 where it was held as part of the conference;
- the written report to UBND xã and MTTQ xã (báo cáo), D59 Art 11.

Each paper is a `core.official.paper.Paper` of blocks, written once and drawn to DOCX and PDF.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from grassroots.core.official import paper
from grassroots.core.official.paper import Paper
from grassroots.core.official.text import BLANK, nfc, place_date, vn_date, vn_percent
from grassroots.territory.models import Unit, UnitKind

from .choices import NoticeChannel, Party
from .models import Conference

KINDS = ("plan", "notice", "minutes", "report")
LAW_BASIS = (
    "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (Điều 33) và Nghị định số 59/2023/NĐ-CP "
    "của Chính phủ (Điều 10, Điều 11);"
)
PARTY_NAMES = {
    Party.COMMUNE: "Ủy ban nhân dân {commune}",
    Party.FRONT: "Ủy ban Mặt trận Tổ quốc Việt Nam {commune}",
    Party.INSPECTION: "Ban Thanh tra nhân dân {commune}",
}
CHANNEL_NAMES = {
    NoticeChannel.WRITING: "bằng văn bản",
    NoticeChannel.LOUDSPEAKER: "qua hệ thống loa truyền thanh",
    NoticeChannel.SOCIAL_GROUP: "qua nhóm mạng xã hội đã thống nhất",
    NoticeChannel.DIRECT: "trưởng thôn, tổ trưởng tổ dân phố thông báo trực tiếp đến hộ gia đình",
}
PLACE_PREFIXES = ("Đặc khu ", "Thị trấn ", "Phường ", "Xã ")


# --- Facts ----------------------------------------------------------------------------------------
def _commune(village: Unit) -> Unit:
    return village.parent or village


def _place(village: Unit) -> str:
    name = nfc(_commune(village).name)
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def _head_title(village: Unit) -> str:
    return "Tổ trưởng tổ dân phố" if village.kind == UnitKind.RESIDENTIAL_GROUP else "Trưởng thôn"


def _party(party: str, village: Unit) -> str:
    return PARTY_NAMES[Party(party)].format(commune=nfc(_commune(village).name))


def _when(conference: Conference) -> str:
    time = f"{conference.starts_at.hour} giờ {conference.starts_at.minute:02d}, " if conference.starts_at else ""
    return f"{time}{vn_date(conference.planned_on)}"


def _title(conference: Conference) -> str:
    return f"Hội nghị định kỳ của cộng đồng dân cư {nfc(conference.village.name)} năm {conference.year}"


def _new(conference: Conference, title: str, day: dt.date | None) -> Paper:
    village = conference.village
    lines = (nfc(_commune(village).name).upper(), nfc(village.name).upper())
    return Paper(title, _title(conference), lines, place_date(_place(village), day))


def _head_signature(conference: Conference) -> tuple[str, str]:
    return _head_title(conference.village).upper(), nfc(conference.chair_name)


# --- The four papers ------------------------------------------------------------------------------
def plan_doc(conference: Conference) -> Paper:
    village = conference.village
    doc = _new(conference, "KẾ HOẠCH", timezone.localdate(conference.created_at))
    doc.subject = f"Tổ chức {doc.subject[0].lower()}{doc.subject[1:]}"
    doc.paragraph(LAW_BASIS)
    doc.paragraph(f"{_head_title(village)} và Ban công tác Mặt trận {nfc(village.name)} xây dựng kế hoạch như sau:")
    doc.heading("1. Thời gian")
    doc.paragraph(_when(conference))
    doc.heading("2. Địa điểm")
    doc.paragraph(conference.venue)
    doc.heading("3. Nội dung")
    doc.paragraph(conference.content)
    doc.paragraph("Chương trình hội nghị theo Điều 10 Nghị định số 59/2023/NĐ-CP:")
    doc.items(AGENDA)
    doc.heading("4. Thành phần và cách thức tổ chức")
    doc.paragraph("Đại diện các hộ gia đình trong cộng đồng dân cư. " + (conference.organisation or ""))
    doc.heading("5. Thống nhất kế hoạch")
    agreed = {a.party: a for a in conference.agreements.all()}
    for party in Party:
        a = agreed.get(party)
        status = (
            f"đã thống nhất {vn_date(a.agreed_on)}" + (f" ({a.note})" if a and a.note else "")
            if a
            else "chưa thống nhất"
        )
        doc.items([f"{_party(party, village)}: {status}."])
    doc.signatures = [("TM. BAN CÔNG TÁC MẶT TRẬN", ""), _head_signature(conference)]
    return doc


AGENDA = [
    "Khai mạc; cử thư ký hội nghị ghi biên bản.",
    "Trưởng thôn, Tổ trưởng tổ dân phố báo cáo tình hình cộng đồng dân cư và việc thực hiện các quyết định.",
    "Ban công tác Mặt trận báo cáo việc thực hiện dân chủ ở thôn, tổ dân phố và ở xã.",
    "Thành viên Ban Thanh tra nhân dân do thôn, tổ dân phố bầu báo cáo kết quả kiểm tra, giám sát, xác minh kiến nghị.",
    "Thảo luận, kiến nghị.",
    "Giải đáp, giải trình những vấn đề thuộc thẩm quyền.",
    "Biểu quyết thông qua các nội dung.",
    "Khen ngợi hộ gia đình, cá nhân tiêu biểu.",
    "Bế mạc.",
]


def notice_doc(conference: Conference) -> Paper:
    village = conference.village
    doc = _new(conference, "THÔNG BÁO", conference.notice_sent_on)
    doc.subject = f"Mời dự {doc.subject[0].lower()}{doc.subject[1:]}"
    doc.paragraph(f"Kính gửi: Đại diện các hộ gia đình trong {nfc(village.name)}.")
    doc.paragraph(LAW_BASIS)
    doc.paragraph(f"{_head_title(village)} trân trọng kính mời đại diện hộ gia đình dự hội nghị:")
    doc.items([f"Thời gian: {_when(conference)}.", f"Địa điểm: {nfc(conference.venue)}.",
               f"Nội dung: {nfc(conference.content)}."])  # fmt: skip
    channel = CHANNEL_NAMES.get(NoticeChannel(conference.notice_channel)) if conference.notice_channel else None
    doc.paragraph(f"Thông báo này được gửi đến từng hộ gia đình {channel or BLANK}, "
          "chậm nhất 05 ngày trước ngày tổ chức hội nghị (Điều 10 Nghị định số 59/2023/NĐ-CP).")  # fmt: skip
    doc.paragraph("Đề nghị đại diện các hộ gia đình đến dự đầy đủ, đúng giờ.")
    doc.signatures = [_head_signature(conference)]
    return doc


def minutes_doc(conference: Conference) -> Paper:
    village = conference.village
    doc = _new(conference, "BIÊN BẢN", conference.held_on)
    present, total = conference.households_present or 0, conference.households_total or 0
    if not conference.is_closed:
        doc.paragraph("(Dự thảo: biên bản chưa khép lại.)")
    doc.paragraph(f"Hồi {_when(conference)}, tại {nfc(conference.venue)}, {nfc(village.name)} tổ chức hội nghị định kỳ "
          f"của cộng đồng dân cư năm {conference.year}.")  # fmt: skip
    doc.paragraph(f"Số hộ gia đình có đại diện dự: {present}/{total} hộ ({vn_percent(present, total)}).")
    if conference.guests:
        doc.paragraph(f"Khách mời: {conference.guests}.")
    doc.paragraph(f"Chủ trì: {nfc(conference.chair_name) or BLANK}. Thư ký: {nfc(conference.secretary_name) or BLANK}.")
    doc.heading("1. Khai mạc")
    doc.paragraph(f"Hội nghị cử thư ký ghi biên bản: {nfc(conference.secretary_name) or BLANK}.")
    doc.heading(f"2. Báo cáo của {_head_title(village)}")
    doc.paragraph(conference.head_report or BLANK)
    doc.heading("3. Báo cáo của Ban công tác Mặt trận")
    doc.paragraph(conference.front_report or BLANK)
    member = f" ({nfc(conference.inspection_member_name)})" if conference.inspection_member_name else ""
    doc.heading(f"4. Báo cáo của thành viên Ban Thanh tra nhân dân do cộng đồng bầu{member}")
    doc.paragraph(conference.inspection_report or BLANK)
    doc.heading("5. Thảo luận, kiến nghị")
    doc.items(list(conference.proposals))
    doc.heading("6. Giải đáp, giải trình")
    doc.items(list(conference.answers))
    doc.heading("7. Các nội dung được biểu quyết thông qua")
    doc.paragraph(conference.approved_contents or "Không có.")
    doc.heading("8. Khen ngợi hộ gia đình, cá nhân tiêu biểu")
    doc.paragraph(conference.praise or "Không có.")
    doc.heading("9. Bế mạc")
    doc.paragraph(conference.conclusion or BLANK)
    if conference.convention_review:
        doc.heading("Đánh giá việc thực hiện hương ước, quy ước (Điều 15 Nghị định số 61/2023/NĐ-CP)")
        doc.paragraph(conference.convention_review)
    doc.signatures = [("THƯ KÝ", nfc(conference.secretary_name)), ("CHỦ TRÌ", nfc(conference.chair_name))]
    return doc


def report_doc(conference: Conference) -> Paper:
    village = conference.village
    doc = _new(conference, "BÁO CÁO", conference.report_sent_on)
    doc.subject = f"Kết quả {doc.subject[0].lower()}{doc.subject[1:]}"
    doc.paragraph(f"Kính gửi: {_party(Party.COMMUNE, village)}; {_party(Party.FRONT, village)}.")
    doc.paragraph("Thực hiện Điều 11 Nghị định số 59/2023/NĐ-CP, "
          f"{_head_title(village)} báo cáo kết quả hội nghị như sau:")  # fmt: skip
    present, total = conference.households_present or 0, conference.households_total or 0
    held = vn_date(conference.held_on) if conference.held_on else BLANK
    doc.heading("1. Thời gian, địa điểm, thành phần")
    doc.paragraph(f"Hội nghị được tổ chức {held} tại {nfc(conference.venue)}; "
          f"{present}/{total} hộ gia đình có đại diện dự ({vn_percent(present, total)}).")  # fmt: skip
    doc.heading("2. Các báo cáo tại hội nghị")
    doc.items([
        f"Báo cáo của {_head_title(village)}: {nfc(conference.head_report) or BLANK}",
        f"Báo cáo của Ban công tác Mặt trận: {nfc(conference.front_report) or BLANK}",
        f"Báo cáo của thành viên Ban Thanh tra nhân dân: {nfc(conference.inspection_report) or BLANK}",
    ])  # fmt: skip
    doc.heading("3. Kiến nghị của Nhân dân và việc giải đáp")
    doc.items([f"Kiến nghị: {p}" for p in conference.proposals] + [f"Giải đáp: {a}" for a in conference.answers])
    doc.heading("4. Nội dung được thông qua; khen ngợi")
    doc.paragraph(conference.approved_contents or "Không có.")
    doc.paragraph(f"Khen ngợi: {conference.praise or 'Không có.'}")
    if conference.convention_review:
        doc.heading("5. Đánh giá việc thực hiện hương ước, quy ước")
        doc.paragraph(conference.convention_review)
    doc.signatures = [_head_signature(conference)]
    return doc


BUILDERS = {"plan": plan_doc, "notice": notice_doc, "minutes": minutes_doc, "report": report_doc}


def available(conference: Conference) -> list[str]:
    """The papers that can be printed now: the minutes once held, the report once the minutes are closed."""
    kinds = ["plan", "notice"]
    if conference.is_held:
        kinds.append("minutes")
    if conference.is_closed:
        kinds.append("report")
    return kinds


def filename(conference: Conference, kind: str) -> str:
    """Without the extension: the view adds .pdf or .docx."""
    return f"hoi-nghi-{conference.village.code}-{conference.year}-{kind}"


def render(conference: Conference, kind: str, ext: str) -> bytes:
    return paper.render(BUILDERS[kind](conference), ext)
