"""The minutes of a dialogue (biên bản hội nghị đối thoại), from the database alone, as DOCX and PDF through
core.official (national heading, dates in words), in Vietnamese (an official document, not an interface
string): Law Art 32. The questions are listed with their channel and answer; an asker is named only when
they chose to sign. The minutes are a draft until closed.
"""

from __future__ import annotations

from grassroots.core.official import paper as official_paper
from grassroots.core.official.paper import Paper
from grassroots.core.official.text import BLANK, nfc, place_date, vn_date

from .choices import Channel, QuestionStatus
from .models import Dialogue

LAW_BASIS = "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (Điều 32);"
CHANNEL_NAMES = {
    Channel.ONLINE: "gửi trực tuyến",
    Channel.PAPER: "gửi bằng văn bản",
    Channel.PHONE: "qua điện thoại",
    Channel.VILLAGE: "qua thôn, tổ dân phố",
    Channel.CONFERENCE: "tại hội nghị",
}
PLACE_PREFIXES = ("Đặc khu ", "Thị trấn ", "Phường ", "Xã ")


def _place(dialogue: Dialogue) -> str:
    name = nfc(dialogue.commune.name)
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def minutes_doc(dialogue: Dialogue) -> Paper:
    commune = nfc(dialogue.commune.name)
    doc = Paper(
        "BIÊN BẢN",
        f"Hội nghị đối thoại giữa Ủy ban nhân dân {commune} với Nhân dân năm {dialogue.year}",
        (f"ỦY BAN NHÂN DÂN {commune.upper()}", ""),
        place_date(_place(dialogue), dialogue.held_on),
    )
    if not dialogue.is_closed:
        doc.paragraph("(Dự thảo: biên bản chưa khép lại.)")
    doc.paragraph(LAW_BASIS)
    when = vn_date(dialogue.held_on or dialogue.planned_on)
    time = f"{dialogue.starts_at.hour} giờ {dialogue.starts_at.minute:02d}, " if dialogue.starts_at else ""
    doc.paragraph(f"Hồi {time}{when}, tại {nfc(dialogue.venue)}, Ủy ban nhân dân {commune} phối hợp với Ủy ban Mặt trận "
          f"Tổ quốc Việt Nam {commune} tổ chức hội nghị đối thoại với Nhân dân.")  # fmt: skip
    doc.paragraph(f"Chủ trì: {nfc(dialogue.chair_name) or BLANK}. Đại diện Ủy ban Mặt trận Tổ quốc: "
          f"{nfc(dialogue.front_representative) or BLANK}. Thư ký: {nfc(dialogue.secretary_name) or BLANK}.")  # fmt: skip
    doc.paragraph(f"Số người tham dự: {dialogue.attendance if dialogue.attendance is not None else BLANK}.")
    doc.heading("1. Nội dung đối thoại")
    doc.paragraph(dialogue.topics)
    doc.heading("2. Ý kiến, câu hỏi của Nhân dân và trả lời")
    questions = [q for q in dialogue.questions.select_related("village") if q.status != QuestionStatus.HIDDEN]
    if not questions:
        doc.paragraph("Không có.")
    for n, q in enumerate(questions, 1):
        who = f"Ông/bà {nfc(q.asker_name)}" if q.signed and q.asker_name else "Một người dân"
        village = f", {nfc(q.village.name)}" if q.village else ""
        doc.item(f"Câu hỏi {n} ({who}{village}, {CHANNEL_NAMES[Channel(q.channel)]}): {nfc(q.text)}")
        answer = q.answer or BLANK
        by = f" ({nfc(q.answered_by_name)})" if q.answered_by_name else ""
        doc.paragraph(f"Trả lời{by}: {answer}")
    doc.heading("3. Kết luận")
    doc.paragraph(dialogue.conclusion or BLANK)
    doc.signatures = [("THƯ KÝ", nfc(dialogue.secretary_name)), ("CHỦ TRÌ", nfc(dialogue.chair_name))]
    return doc


def available(dialogue: Dialogue) -> bool:
    return dialogue.is_held


def filename(dialogue: Dialogue, ext: str) -> str:
    return f"doi-thoai-{dialogue.commune.code}-{dialogue.planned_on.isoformat()}-bien-ban.{ext}"


def render(dialogue: Dialogue, ext: str) -> bytes:
    doc = minutes_doc(dialogue)
    return official_paper.render(doc, ext)
