"""The consultation's official papers, from the database alone, as DOCX and PDF through core.official
(national heading, dates in words), in Vietnamese (official documents, not interface strings):

- the synthesis report (báo cáo tổng hợp, tiếp thu, giải trình ý kiến), Law Art 28(3): the tally by
  channel and view, each group of opinions with its take-up and explanation, the decision; never a
  resident's name;
- for a decision on one citizen (Law Art 27), the paper filed with the decision dossier: the opinions
  given (names included, as the dossier is not public) and the explanation.
"""

from __future__ import annotations

from django.utils import timezone

from grassroots.core.official import paper as official_paper
from grassroots.core.official.paper import Paper
from grassroots.core.official.text import BLANK, nfc, place_date, vn_date

from . import overview, rules
from .choices import Channel, Kind, Outcome, Stance, TakeUp
from .models import Consultation

LAW_BASIS = "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (Điều 25 đến Điều 28);"
STANCES = {Stance.AGREE: "đồng ý", Stance.DISAGREE: "không đồng ý", Stance.OTHER: "ý kiến khác"}
TAKE_UPS = {TakeUp.TAKEN: "Tiếp thu", TakeUp.PARTLY: "Tiếp thu một phần", TakeUp.NOT_TAKEN: "Không tiếp thu"}
OUTCOMES = {Outcome.ADOPTED: "thông qua như dự thảo", Outcome.AMENDED: "thông qua có chỉnh sửa",
            Outcome.NOT_ADOPTED: "không thông qua"}  # fmt: skip
CHANNELS = {
    Channel.DIALOGUE: "hội nghị đối thoại", Channel.MEETING: "cuộc họp cộng đồng dân cư",
    Channel.SLIP: "phiếu lấy ý kiến hộ gia đình", Channel.BOX: "hòm thư góp ý, đường dây nóng",
    Channel.FRONT: "Ban công tác Mặt trận và các tổ chức đoàn thể", Channel.WEB: "cổng thông tin điện tử",
    Channel.SOCIAL: "mạng viễn thông, mạng xã hội", Channel.AFFECTED: "đối thoại với người chịu tác động",
}  # fmt: skip


def _new(c: Consultation, title: str) -> Paper:
    commune = nfc(c.commune.name)
    day = timezone.localdate(c.synthesis_published_at) if c.synthesis_published_at else None
    place = commune.split(" ", 1)[1] if " " in commune else commune
    return Paper(title, nfc(c.title), (f"ỦY BAN NHÂN DÂN {commune.upper()}", ""), place_date(place, day))


def _tally(doc: Paper, c: Consultation) -> None:
    t = overview.tally(c)
    period = f"từ {vn_date(c.published_on)} đến {vn_date(c.closes_on)}" if c.published_on and c.closes_on else BLANK
    doc.paragraph(f"Thời gian lấy ý kiến: {period}. Tổng số ý kiến: {t.total}.")
    doc.items([f"{CHANNELS[Channel(v)]}: {n}" for v, n in _counts(c, "channel")])
    doc.items([f"{STANCES[Stance(v)]}: {n}" for v, n in _counts(c, "stance")])


def _counts(c: Consultation, name: str) -> list[tuple[str, int]]:
    from collections import Counter

    return sorted(Counter(overview.shown(c).values_list(name, flat=True)).items())


def synthesis_doc(c: Consultation) -> Paper:
    doc = _new(c, "BÁO CÁO")
    doc.subject = f"Tổng hợp, tiếp thu, giải trình ý kiến của Nhân dân về: {nfc(c.title)}"
    doc.paragraph(LAW_BASIS)
    doc.heading("1. Nội dung và hình thức lấy ý kiến")
    doc.paragraph(c.summary)
    doc.paragraph("Hình thức: " + "; ".join(CHANNELS[Channel(x)] for x in c.channels) + ".")
    doc.heading("2. Kết quả lấy ý kiến")
    _tally(doc, c)
    doc.heading("3. Tổng hợp ý kiến")
    doc.paragraph(c.synthesis_summary or BLANK)
    doc.heading("4. Tiếp thu, giải trình")
    for i, g in enumerate(c.groups.all(), 1):
        take = TAKE_UPS.get(TakeUp(g.take_up), BLANK) if g.take_up else BLANK
        doc.paragraph(f"{i}. {nfc(g.title)} ({g.opinions.filter(hidden_at__isnull=True).count()} ý kiến): {take}.")
        if g.explanation:
            doc.paragraph(f"Giải trình: {nfc(g.explanation)}")
    doc.heading("5. Quyết định")
    if c.outcome:
        doc.paragraph(f"Kết quả: {OUTCOMES[Outcome(c.outcome)]}. {nfc(c.decision_text)}")
        view = rules.majority(overview.stances(c))
        if rules.departs_from_majority(c.outcome, view):
            doc.paragraph("Quyết định khác với ý kiến của đa số; lý do: " + (nfc(c.departure_explanation) or BLANK))
    else:
        doc.paragraph("Chưa có quyết định.")
    doc.signatures = [("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "")]
    return doc


def dossier_doc(c: Consultation) -> Paper:
    doc = _new(c, "TỔNG HỢP Ý KIẾN")
    doc.subject = f"Lưu hồ sơ quyết định (Điều 27 Luật Thực hiện dân chủ ở cơ sở): {nfc(c.title)}"
    doc.paragraph(f"Người chịu tác động trực tiếp: {nfc(c.affected_person) or BLANK}.")
    doc.heading("1. Ý kiến đã nhận")
    doc.items([
        f"{vn_date(o.given_on)}, {CHANNELS[Channel(o.channel)]}, {nfc(o.author_name) or 'không ghi tên'} "
        f"({STANCES[Stance(o.stance)]}): {nfc(o.body)}"
        for o in overview.shown(c)
    ])  # fmt: skip
    doc.heading("2. Tiếp thu, giải trình")
    doc.items([f"{nfc(g.title)}: {TAKE_UPS[TakeUp(g.take_up)] if g.take_up else BLANK}. {nfc(g.explanation)}"
               for g in c.groups.all()])  # fmt: skip
    if c.outcome:
        doc.heading("3. Quyết định")
        doc.paragraph(f"{OUTCOMES[Outcome(c.outcome)]}. {nfc(c.decision_text)} {nfc(c.departure_explanation)}".strip())
    doc.signatures = [("NGƯỜI LẬP", "")]
    return doc


def available(c: Consultation, *, public: bool = False) -> list[str]:
    kinds = ["synthesis"] if c.synthesis_published_at else []
    if not public and c.kind == Kind.INDIVIDUAL and c.published_on:
        kinds.append("dossier")
    return kinds


def filename(c: Consultation, kind: str, ext: str) -> str:
    return f"lay-y-kien-{c.pk}-{kind}.{ext}"


BUILDERS = {"synthesis": synthesis_doc, "dossier": dossier_doc}


def render(c: Consultation, kind: str, ext: str) -> bytes:
    doc = BUILDERS[kind](c)
    return official_paper.render(doc, ext)
